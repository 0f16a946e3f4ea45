import { describe, expect, it } from 'vitest';
import { createAjv } from '../../../src/runtime/create-ajv.js';
import { convertSchema } from './helpers.js';

describe('def names', () => {
  it('def names are sanitised and unique', () => {
    const schemas = {
      'a b': { type: 'object', properties: { x: { $ref: '#/components/schemas/a_b' } } },
      a_b: { type: 'object', properties: { y: { $ref: '#/components/schemas/a b' } } },
    };
    const { root } = convertSchema({ $ref: '#/components/schemas/a b' }, 'input', schemas);
    expect(Object.keys(root.$defs as object)).toEqual(['a_b', 'a_b_2']);
    expect(() => createAjv().compile(root)).not.toThrow();
  });
});
