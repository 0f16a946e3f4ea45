import { describe, expect, it } from 'vitest';
import { createAjv } from '../../../src/runtime/create-ajv.js';
import { buildOne } from './helpers.js';

const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const Pet = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'integer' }, secret: { type: 'string', writeOnly: true } },
};
const components = {
  schemas: {
    Pet,
    Tree: {
      type: 'object',
      properties: { kids: { type: 'array', items: { $ref: '#/components/schemas/Tree' } } },
    },
  },
  responses: { Ok: json({ $ref: '#/components/schemas/Pet' }) },
};

describe('outputSchema', () => {
  it('describes shape, not values: enum, format, pattern, bounds and examples are left out', () => {
    const { op } = buildOne({
      responses: {
        '200': json({
          type: 'object',
          properties: {
            status: { type: 'string', enum: ['a', 'b'], description: 'State.' },
            at: { type: 'string', format: 'date-time', pattern: '^2', example: '2026-01-01' },
            n: { type: 'integer', minimum: 1, maximum: 3, multipleOf: 1 },
            tags: { type: 'array', items: { type: 'string' }, maxItems: 2, uniqueItems: true },
          },
        }),
      },
    });
    expect(op.outputSchema).toEqual({
      type: 'object',
      properties: {
        status: { type: 'string', description: 'State.' },
        at: { type: 'string' },
        n: { type: 'integer' },
        tags: { type: 'array', items: { type: 'string' } },
      },
    });
    // A value the API added after the spec was written still validates.
    expect(createAjv().compile(op.outputSchema as object)({ status: 'c', at: 'soon', n: 9 })).toBe(true);
  });

  it.each<[string, Record<string, unknown>, unknown, boolean]>([
    [
      'object root: type object set, open, no required, writeOnly gone',
      { '200': json(Pet) },
      { type: 'object', properties: { id: { type: 'integer' } } },
      false,
    ],
    [
      'untyped root with properties gets type object',
      { '200': json({ properties: { a: { type: 'string' } } }) },
      { type: 'object', properties: { a: { type: 'string' } } },
      false,
    ],
    [
      'allOf of objects is an object root',
      {
        '200': json({
          allOf: [
            { $ref: '#/components/schemas/Pet' },
            { type: 'object', properties: { b: { type: 'boolean' } } },
          ],
        }),
      },
      {
        type: 'object',
        allOf: [
          { type: 'object', properties: { id: { type: 'integer' } } },
          { type: 'object', properties: { b: { type: 'boolean' } } },
        ],
      },
      false,
    ],
    [
      'array root wrapped',
      { '200': json({ type: 'array', items: { type: 'string' } }) },
      {
        type: 'object',
        properties: { result: { type: 'array', items: { type: 'string' } } },
        required: ['result'],
      },
      true,
    ],
    [
      'primitive root wrapped',
      { '200': json({ type: 'integer' }) },
      { type: 'object', properties: { result: { type: 'integer' } }, required: ['result'] },
      true,
    ],
    [
      'oneOf root wrapped',
      { '200': json({ oneOf: [{ type: 'string' }, { type: 'integer' }] }) },
      {
        type: 'object',
        // Outputs are shape-only, so their branches may overlap: oneOf becomes anyOf.
        properties: { result: { anyOf: [{ type: 'string' }, { type: 'integer' }] } },
        required: ['result'],
      },
      true,
    ],
    [
      'nullable object root wrapped',
      { '200': json({ type: 'object', nullable: true }) },
      { type: 'object', properties: { result: { type: ['object', 'null'] } }, required: ['result'] },
      true,
    ],
    [
      '200 preferred over 201',
      { '201': json({ type: 'integer' }), '200': json({ type: 'string' }) },
      { type: 'object', properties: { result: { type: 'string' } }, required: ['result'] },
      true,
    ],
    [
      '201 preferred over 202',
      { '202': json({ type: 'integer' }), '201': json({ type: 'string' }) },
      { type: 'object', properties: { result: { type: 'string' } }, required: ['result'] },
      true,
    ],
    [
      '204 without content skipped, 2XX used',
      { '204': { description: 'none' }, '2XX': json({ type: 'boolean' }) },
      { type: 'object', properties: { result: { type: 'boolean' } }, required: ['result'] },
      true,
    ],
    [
      '+json media type',
      { '200': { content: { 'application/problem+json': { schema: { type: 'string' } } } } },
      { type: 'object', properties: { result: { type: 'string' } }, required: ['result'] },
      true,
    ],
    [
      'response $ref',
      { '200': { $ref: '#/components/responses/Ok' } },
      { type: 'object', properties: { id: { type: 'integer' } } },
      false,
    ],
  ])('%s', (_, responses, expected, wrapped) => {
    const { op } = buildOne({ responses }, { components });
    expect(op.outputSchema).toEqual(expected);
    expect(op.outputWrapped).toBe(wrapped);
    expect(() => createAjv().compile(op.outputSchema as object)).not.toThrow();
  });

  it.each<[string, Record<string, unknown>]>([
    ['default only', { default: json({ type: 'object' }) }],
    ['no JSON 2xx', { '200': { content: { 'text/plain': { schema: { type: 'string' } } } } }],
    ['no schema', { '200': { content: { 'application/json': {} } } }],
    ['error only', { '404': json({ type: 'object' }) }],
  ])('no outputSchema when %s', (_, responses) => {
    const { op } = buildOne({ responses }, { components });
    expect(op.outputSchema).toBeUndefined();
    expect(op.outputWrapped).toBe(false);
  });

  it('recursive root: $defs at the wrapper root, type object set beside $ref', () => {
    const { op } = buildOne(
      { responses: { '200': json({ $ref: '#/components/schemas/Tree' }) } },
      { components },
    );
    expect(op.outputSchema).toEqual({
      type: 'object',
      $ref: '#/$defs/Tree',
      $defs: {
        Tree: { type: 'object', properties: { kids: { type: 'array', items: { $ref: '#/$defs/Tree' } } } },
      },
    });
    const { op: list } = buildOne(
      { responses: { '200': json({ type: 'array', items: { $ref: '#/components/schemas/Tree' } }) } },
      { components },
    );
    expect(Object.keys(list.outputSchema as object)).toEqual(['type', 'properties', 'required', '$defs']);
    expect(createAjv().compile(list.outputSchema as object)({ result: [{ kids: [{}] }] })).toBe(true);
  });
});
