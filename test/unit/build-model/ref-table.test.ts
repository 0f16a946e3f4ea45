import { describe, expect, it } from 'vitest';
import { convertSchema } from './helpers.js';

describe('ref resolution', () => {
  it('refs to refs and ~1/~0/percent escapes resolve and inline', () => {
    const schemas = {
      'a/b': { $ref: '#/components/schemas/c~d' },
      'c~d': { type: 'integer' },
      'sp ace': { type: 'boolean' },
    };
    expect(convertSchema({ $ref: '#/components/schemas/a~1b' }, 'input', schemas).converted).toEqual({
      type: 'integer',
    });
    expect(convertSchema({ $ref: '#/components/schemas/c~0d' }, 'input', schemas).converted).toEqual({
      type: 'integer',
    });
    expect(convertSchema({ $ref: '#/components/schemas/sp%20ace' }, 'input', schemas).converted).toEqual({
      type: 'boolean',
    });
  });
});
