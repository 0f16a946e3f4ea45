import { describe, expect, it } from 'vitest';
import { createAjv } from '../../../src/runtime/create-ajv.js';
import { convertSchema } from './helpers.js';

describe('recursive refs', () => {
  it('self-reference goes through root $defs', () => {
    const Node = {
      type: 'object',
      properties: { children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } },
    };
    const { converted, root } = convertSchema({ $ref: '#/components/schemas/Node' }, 'input', { Node });
    expect(converted).toEqual({ $ref: '#/$defs/Node' });
    expect(root.$defs).toEqual({
      Node: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/$defs/Node' } } } },
    });
    expect(createAjv().compile(root)({ v: { children: [{ children: [] }] } })).toBe(true);
    expect(createAjv().compile(root)({ v: { children: [{ children: 3 }] } })).toBe(false);
  });

  it('mutual recursion A → B → A: both in $defs, finite, compiles', () => {
    const schemas = {
      A: { type: 'object', properties: { b: { $ref: '#/components/schemas/B' } } },
      B: {
        type: 'object',
        properties: { a: { $ref: '#/components/schemas/A' }, n: { $ref: '#/components/schemas/N' } },
      },
      N: { type: 'integer' },
    };
    const { converted, root } = convertSchema({ $ref: '#/components/schemas/A' }, 'input', schemas);
    expect(converted).toEqual({ $ref: '#/$defs/A' });
    expect(Object.keys(root.$defs as object)).toEqual(['A', 'B']);
    expect((root.$defs as Record<string, unknown>).B).toEqual({
      type: 'object',
      properties: { a: { $ref: '#/$defs/A' }, n: { type: 'integer' } },
    });
    expect(createAjv().compile(root)({ v: { b: { a: { b: { n: 1 } } } } })).toBe(true);
    expect(createAjv().compile(root)({ v: { b: { n: 'x' } } })).toBe(false);
  });
});
