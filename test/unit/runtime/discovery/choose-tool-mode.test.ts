/** `--tools auto`: the budget of tools and bytes, counted over the published list. */
import { describe, expect, it } from 'vitest';
import { AUTO_BUDGET, chooseToolMode } from '../../../../src/runtime/choose-tool-mode.js';
import type { ToolDefinition } from '../../../../src/runtime/types.js';

function tools(count: number, description = 'A tool.'): ToolDefinition[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `tool_${i}`,
    description,
    inputSchema: { type: 'object' as const },
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  }));
}

describe('chooseToolMode', () => {
  it('keeps every tool up to the budget of tools, and switches past it', () => {
    expect(chooseToolMode(tools(AUTO_BUDGET.maxTools)).mode).toBe('all');
    const past = chooseToolMode(tools(AUTO_BUDGET.maxTools + 1));
    expect(past).toEqual({
      mode: 'discovery',
      reason: `${AUTO_BUDGET.maxTools + 1} tools > ${AUTO_BUDGET.maxTools}`,
    });
  });

  it('switches when a few tools weigh more than the byte budget', () => {
    const heavy = tools(3, 'x'.repeat(AUTO_BUDGET.maxBytes / 2));
    expect(chooseToolMode(heavy)).toMatchObject({
      mode: 'discovery',
      reason: expect.stringMatching(/passes 128 KiB/),
    });
    expect(chooseToolMode(heavy.slice(0, 1)).mode).toBe('all');
  });

  it('takes another budget', () => {
    expect(chooseToolMode(tools(3), { maxTools: 2, maxBytes: 1e9 }).mode).toBe('discovery');
  });

  it('keeps an empty list full', () => {
    expect(chooseToolMode([]).mode).toBe('all');
  });
});
