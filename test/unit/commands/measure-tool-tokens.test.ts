import { describe, expect, it } from 'vitest';
import { measureToolTokens } from '../../../src/commands/measure-tool-tokens.js';
import type { ToolDefinition } from '../../../src/runtime/types.js';

function tool(name: string, description: string, properties: Record<string, unknown> = {}): ToolDefinition {
  return {
    name,
    description,
    inputSchema: { type: 'object', properties, additionalProperties: false },
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  };
}

/** A schema of about `n` tokens: an enum of distinct words. */
function heavySchema(n: number): unknown {
  return { type: 'string', enum: Array.from({ length: n / 2 }, (_, i) => `value_${i}`) };
}

describe('measureToolTokens', () => {
  it('counts name, description and input schema with the o200k_base tokenizer', async () => {
    const report = await measureToolTokens([tool('getPet', 'Returns one pet.')]);
    expect(report.tokenizer).toBe('o200k_base');
    const [only] = report.heaviest;
    // "Returns one pet." is 4 tokens in o200k_base; the schema and the name add their own.
    expect(only?.description).toBe(4);
    expect(only?.inputSchema).toBeGreaterThan(5);
    expect(report.tokens).toBe(only?.tokens);
    expect(only?.tokens).toBeGreaterThan((only?.description ?? 0) + (only?.inputSchema ?? 0));
    expect(only?.hint).toBe('');
    expect(report.wireBytes).toBe(Buffer.byteLength(JSON.stringify([tool('getPet', 'Returns one pet.')])));
  });

  it("counts a spec's special-token lookalikes as plain text instead of failing (OpenAI's and Box's specs have them)", async () => {
    const report = await measureToolTokens([
      tool('odd', 'Ends with <|endoftext|> and <|im_start|>.', { x: { description: '<|endoftext|>' } }),
    ]);
    expect(report.tokens).toBeGreaterThan(10);
  });

  it('lists the heaviest first and names the argument that makes a heavy tool heavy', async () => {
    const report = await measureToolTokens([
      tool('light', 'Small.'),
      tool('heavy', 'Big.', { filter: heavySchema(3000), limit: { type: 'integer' } }),
      tool('wordy', 'word '.repeat(2000)),
    ]);
    expect(report.heaviest.map((t) => t.name)).toEqual(['heavy', 'wordy', 'light']);
    expect(report.tokens).toBe(report.heaviest.reduce((sum, t) => sum + t.tokens, 0));
    expect(report.heaviest[0]?.hint).toMatch(/^argument "filter" is \d+ of its \d+ schema tokens/);
    expect(report.heaviest[1]?.hint).toMatch(/^description is \d+ tokens: shorten it/);
    expect(report.heaviest[2]?.hint).toBe('');
  });
});
