import { describe, expect, it } from 'vitest';
import type { SchemaMode } from '../../../src/build-model/convert-context.js';
import { convertSchema } from './helpers.js';

describe('shape keywords', () => {
  it.each<[string, unknown, unknown, SchemaMode?]>([
    [
      'nullable allOf (its one member merged)',
      { allOf: [{ type: 'string' }], nullable: true },
      { anyOf: [{ type: 'string' }, { type: 'null' }] },
    ],
    [
      'nullable allOf of two',
      { allOf: [{ type: 'string' }, { maxLength: 3 }], nullable: true },
      { anyOf: [{ allOf: [{ type: 'string' }, { maxLength: 3 }] }, { type: 'null' }] },
    ],
    [
      'draft-04 tuple items → prefixItems',
      { type: 'array', items: [{ type: 'string' }, { type: 'integer' }] },
      { type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }] },
    ],
    [
      'readOnly property removed from input (and from required)',
      {
        type: 'object',
        required: ['id', 'n'],
        properties: { id: { type: 'string', readOnly: true }, n: { type: 'string' } },
      },
      { type: 'object', properties: { n: { type: 'string' } }, required: ['n'] },
    ],
    [
      'readOnly via $ref removed from input',
      { type: 'object', properties: { r: { $ref: '#/components/schemas/RO' }, n: { type: 'string' } } },
      { type: 'object', properties: { n: { type: 'string' } } },
    ],
    [
      'readOnly kept in output, required dropped',
      { type: 'object', required: ['id'], properties: { id: { type: 'string', readOnly: true } } },
      { type: 'object', properties: { id: { type: 'string' } } },
      'output',
    ],
    [
      'writeOnly removed from output',
      { type: 'object', properties: { pw: { type: 'string', writeOnly: true }, n: { type: 'string' } } },
      { type: 'object', properties: { n: { type: 'string' } } },
      'output',
    ],
    [
      'additionalProperties false dropped in output',
      { type: 'object', additionalProperties: false },
      { type: 'object' },
      'output',
    ],
    [
      'additionalProperties false kept in input',
      { type: 'object', additionalProperties: false },
      { type: 'object', additionalProperties: false },
    ],
    [
      'boolean property schemas repaired: true → {}, false → left out',
      { type: 'object', properties: { a: true, b: false } },
      { type: 'object', properties: { a: {} } },
    ],
    [
      'additionalProperties: true beside declared properties dropped from inputs (the default, spelled out)',
      { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: true },
      { type: 'object', properties: { a: { type: 'string' } } },
    ],
    [
      'additionalProperties: {} without declared properties kept (a free-form object says so)',
      { type: 'object', additionalProperties: {} },
      { type: 'object', additionalProperties: {} },
    ],
    [
      'additionalProperties: true kept beside unevaluatedProperties (which reads it)',
      {
        type: 'object',
        properties: { a: { type: 'string' } },
        additionalProperties: true,
        unevaluatedProperties: false,
      },
      {
        type: 'object',
        properties: { a: { type: 'string' } },
        additionalProperties: true,
        unevaluatedProperties: false,
      },
    ],
    [
      'boolean schemas kept where clients accept them',
      { type: 'array', items: false, prefixItems: [true], additionalProperties: true },
      { type: 'array', items: false, prefixItems: [true], additionalProperties: true },
    ],
  ])('%s', (_, input, expected, mode) => {
    const { converted } = convertSchema(input, mode ?? 'input', {
      S: { type: 'string' },
      RO: { type: 'string', readOnly: true },
    });
    expect(converted).toEqual(expected);
  });

  it.each<[string, unknown, unknown, string]>([
    [
      'required: true on a property',
      { type: 'object', properties: { a: { type: 'string', required: true } } },
      { type: 'object', properties: { a: { type: 'string' } } },
      'OMCP_SCHEMA_KEYWORD_DROPPED',
    ],
  ])('repairs %s with a diagnostic', (_, input, expected, code) => {
    const { converted, diagnostics } = convertSchema(input, 'input', {
      L1: { $ref: '#/components/schemas/L2' },
      L2: { $ref: '#/components/schemas/L1' },
    });
    expect(converted).toEqual(expected);
    expect(diagnostics.map((d) => d.code)).toContain(code);
    expect(diagnostics[0]!.pointer).toMatch(/^\/x|^\/components/);
  });
});
