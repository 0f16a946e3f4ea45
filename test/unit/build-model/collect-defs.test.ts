import { describe, expect, it } from 'vitest';
import { createAjv } from '../../../src/runtime/create-ajv.js';
import { convertSchema } from './helpers.js';

describe('$defs budget', () => {
  it('a tool whose $defs pass the budget gets {} stubs and is counted', () => {
    const schemas: Record<string, unknown> = {};
    for (let i = 0; i < 100; i++) {
      schemas[`S${i}`] = {
        type: 'object',
        description: 'd'.repeat(1000),
        properties: {
          self: { $ref: `#/components/schemas/S${i}` },
          next: { $ref: `#/components/schemas/S${(i + 1) % 100}` },
        },
      };
    }
    const { root, truncated } = convertSchema({ $ref: '#/components/schemas/S0' }, 'input', schemas);
    const defs = root.$defs as Record<string, unknown>;
    expect(Object.keys(defs).length).toBeLessThan(100);
    expect(Object.values(defs).filter((d) => JSON.stringify(d) === '{}').length).toBeGreaterThan(0);
    expect(truncated).toEqual({ input: 1, output: 0 });
    expect(() => createAjv().compile(root)).not.toThrow();
  });
});
