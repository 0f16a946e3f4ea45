import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../../src/runtime/create-rate-limiter.js';

describe('createRateLimiter', () => {
  it('lets a burst of N through, then says how many whole seconds to wait, and refills at N per second', () => {
    let now = 0;
    const limiter = createRateLimiter(2, { now: () => now });
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 1]);
    now = 499;
    expect(limiter.take('a')).toBe(1);
    now = 500;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(1);
  });

  it('keeps clients apart: one past its rate does not slow another', () => {
    const now = 0;
    const limiter = createRateLimiter(1, { now: () => now });
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(1);
    expect(limiter.take('b')).toBe(0);
  });

  it('waits longer than a second at a rate below one a second', () => {
    const limiter = createRateLimiter(0.25, { now: () => 0 });
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(4);
  });

  it('bounds its memory: past maxKeys, idle buckets go first, then the oldest', () => {
    let now = 0;
    const limiter = createRateLimiter(1, { now: () => now, maxKeys: 2 });
    limiter.take('a');
    limiter.take('b');
    now = 10_000;
    // a and b are full again (idle): forgotten to make room, with no effect on anyone.
    expect(limiter.take('c')).toBe(0);
    expect(limiter.take('c')).toBe(1);
    limiter.take('d');
    // c and d are both busy: the oldest (c) is forgotten and starts again with a full bucket.
    limiter.take('e');
    expect(limiter.take('c')).toBe(0);
  });
});
