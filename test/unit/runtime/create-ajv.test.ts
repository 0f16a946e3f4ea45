import { describe, expect, it } from 'vitest';
import { createAjv } from '../../../src/runtime/create-ajv.js';

/** `depth` levels, each holding the level below twice through `$defs` (SECURITY.md A8). */
function diamond(depth: number): Record<string, unknown> {
  const defs: Record<string, unknown> = { L0: { type: 'string' } };
  for (let i = 1; i <= depth; i++) {
    defs[`L${i}`] = {
      type: 'object',
      properties: { a: { $ref: `#/$defs/L${i - 1}` }, b: { $ref: `#/$defs/L${i - 1}` } },
    };
  }
  return { type: 'object', properties: { v: { $ref: `#/$defs/L${depth}` } }, $defs: defs };
}

describe('createAjv (SECURITY.md test 27)', () => {
  it('has the safe options: no $data, no defaults, no coercion, no ref inlining', () => {
    const { opts } = createAjv();
    expect(opts).toMatchObject({
      $data: false,
      useDefaults: false,
      coerceTypes: false,
      removeAdditional: false,
      inlineRefs: false,
    });
  });

  it('compiles a 40-level $ref diamond quickly (inlined refs made this exponential)', () => {
    const start = performance.now();
    const validate = createAjv().compile(diamond(40));
    expect(performance.now() - start).toBeLessThan(3000);
    expect(validate({ v: { a: { a: {} } } })).toBe(true);
  });
});
