import { describe, expect, it } from 'vitest';
import type { SchemaMode } from '../../../src/build-model/convert-context.js';
import { createAjv } from '../../../src/runtime/create-ajv.js';
import { convertSchema } from './helpers.js';

describe('$refs and unusable nodes', () => {
  it.each<[string, unknown, unknown, SchemaMode?]>([
    [
      'nullable $ref',
      { $ref: '#/components/schemas/S', nullable: true },
      { anyOf: [{ type: 'string' }, { type: 'null' }] },
    ],
    [
      '$ref with sibling description',
      { $ref: '#/components/schemas/S', description: 'here' },
      { type: 'string', description: 'here' },
    ],
    [
      '$ref with sibling constraint (3.1) → merged (a one-member allOf says nothing more)',
      { $ref: '#/components/schemas/S', maxLength: 3 },
      { maxLength: 3, type: 'string' },
    ],
    [
      '$ref with a clashing sibling constraint (3.1) → allOf',
      { $ref: '#/components/schemas/L', maxLength: 3 },
      { maxLength: 3, allOf: [{ type: 'string', maxLength: 5 }] },
    ],
  ])('%s', (_, input, expected, mode) => {
    const { converted } = convertSchema(input, mode ?? 'input', {
      S: { type: 'string' },
      L: { type: 'string', maxLength: 5 },
      RO: { type: 'string', readOnly: true },
    });
    expect(converted).toEqual(expected);
  });

  it.each<[string, unknown, unknown, string]>([
    ['unresolvable $ref', { $ref: '#/components/schemas/Nope' }, {}, 'OMCP_SCHEMA_REF_UNRESOLVED'],
    ['external $ref', { $ref: 'other.yaml#/X' }, {}, 'OMCP_SCHEMA_REF_UNRESOLVED'],
    [
      'schema that is not an object',
      { type: 'object', properties: { a: 3 } },
      { type: 'object', properties: { a: {} } },
      'OMCP_SCHEMA_REPLACED',
    ],
    ['ref loop of refs', { $ref: '#/components/schemas/L1' }, {}, 'OMCP_SCHEMA_REF_UNRESOLVED'],
    [
      'ref to constructor (prototype key)',
      { $ref: '#/components/schemas/constructor' },
      {},
      'OMCP_SCHEMA_REF_UNRESOLVED',
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

  it('shared non-recursive refs are inlined, never left as #/components', () => {
    const schemas = { S: { type: 'string', maxLength: 4 } };
    const { root } = convertSchema(
      {
        type: 'object',
        properties: { a: { $ref: '#/components/schemas/S' }, b: { $ref: '#/components/schemas/S' } },
      },
      'input',
      schemas,
    );
    expect(JSON.stringify(root)).not.toContain('#/components');
    expect(root.$defs).toBeUndefined();
  });

  it('$ref diamond fan-out (30 levels) stays small and compiles (SECURITY A8)', () => {
    const schemas: Record<string, unknown> = { L0: { type: 'string' } };
    for (let i = 1; i <= 30; i++) {
      schemas[`L${i}`] = {
        type: 'object',
        properties: {
          a: { $ref: `#/components/schemas/L${i - 1}` },
          b: { $ref: `#/components/schemas/L${i - 1}` },
        },
      };
    }
    // 2^30 paths: an exponential walk would not finish within the test's timeout.
    const { root } = convertSchema({ $ref: '#/components/schemas/L30' }, 'input', schemas);
    const json = JSON.stringify(root);
    expect(json.length).toBeLessThan(200_000);
    expect(json).not.toContain('#/components');
    const ajv = createAjv();
    // Ajv's default inlineRefs made this compile exponential (11 s); the runtime turns it off.
    expect(ajv.opts.inlineRefs).toBe(false);
    expect(() => ajv.compile(root)).not.toThrow();
  });

  it('a cyclic object graph (dereferenced input) is cut, not looped', () => {
    const node: Record<string, unknown> = { type: 'object', properties: {} };
    (node.properties as Record<string, unknown>).self = node;
    const { converted, diagnostics } = convertSchema(node);
    expect(JSON.stringify(converted)).toBe('{"type":"object","properties":{"self":{}}}');
    expect(diagnostics.map((d) => d.code)).toContain('OMCP_SCHEMA_CYCLE_CUT');
  });

  it('deep nesting is cut at the depth cap', () => {
    let deep: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 5000; i++) deep = { type: 'array', items: deep };
    const { root, diagnostics } = convertSchema(deep);
    expect(() => JSON.stringify(root)).not.toThrow();
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([['OMCP_SCHEMA_TRUNCATED', 'warning']]);
  });
});
