import { describe, expect, it } from 'vitest';
import { exceedsJsonDepth } from '../../../src/runtime/exceeds-json-depth.js';

describe('exceedsJsonDepth', () => {
  it('counts arrays and objects, at the limit and one past it', () => {
    expect(exceedsJsonDepth('{"a":[{"b":[]}]}', 4)).toBe(false);
    expect(exceedsJsonDepth('{"a":[{"b":[]}]}', 3)).toBe(true);
    expect(exceedsJsonDepth('[1,[2],[3]]', 2)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(exceedsJsonDepth('{"a":"[[[[{{{{\\"[[[["}', 1)).toBe(false);
    expect(exceedsJsonDepth('["\\\\",[[]]]', 2)).toBe(true);
  });

  it('reads 500,000 levels in bounded time without recursion', () => {
    const deep = `${'['.repeat(500_000)}${']'.repeat(500_000)}`;
    const started = performance.now();
    expect(exceedsJsonDepth(deep, 256)).toBe(true);
    expect(exceedsJsonDepth(`"${deep}"`, 1)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
