import { describe, expect, it } from 'vitest';
import { createAjv } from '../../src/runtime/create-ajv.js';

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

/**
 * SECURITY.md §3 D27 (T13): the one Ajv instance arguments and results are
 * validated with, option by option, and A8's diamond through it.
 * Moved from test/unit/runtime/create-ajv.test.ts.
 */
describe('D27 Ajv option guard (T13, CVE-2025-69873)', () => {
  it('has the safe options: no $data, no defaults, no coercion, no ref inlining', () => {
    const { opts } = createAjv();
    expect(opts).toMatchObject({
      $data: false,
      useDefaults: false,
      coerceTypes: false,
      removeAdditional: false,
      inlineRefs: false,
      // Chosen against SECURITY.md §4 (allErrors: false): every bad argument at once helps the model; a call reports at most a few.
      allErrors: true,
      strict: false,
    });
  });

  it('A8: compiles a 40-level $ref diamond quickly (inlined refs made this exponential)', () => {
    const start = performance.now();
    const validate = createAjv().compile(diamond(40));
    expect(performance.now() - start).toBeLessThan(3000);
    expect(validate({ v: { a: { a: {} } } })).toBe(true);
  });
});
