import { describe, expect, it } from 'vitest';
import { BACKOFF_BASE_MS, BACKOFF_CAP_MS, backoffDelay } from '../../../src/runtime/backoff-delay.js';

describe('backoffDelay', () => {
  it('doubles the step per retry and draws uniformly below it (full jitter)', () => {
    const almostOne = () => 0.999_999;
    expect(backoffDelay(0, almostOne)).toBe(BACKOFF_BASE_MS - 1);
    expect(backoffDelay(1, almostOne)).toBe(2 * BACKOFF_BASE_MS - 1);
    expect(backoffDelay(2, almostOne)).toBe(4 * BACKOFF_BASE_MS - 1);
    expect(backoffDelay(2, () => 0)).toBe(0);
    expect(backoffDelay(2, () => 0.5)).toBe(2 * BACKOFF_BASE_MS);
  });

  it('never waits longer than the cap', () => {
    expect(backoffDelay(30, () => 0.999_999)).toBe(BACKOFF_CAP_MS - 1);
    expect(backoffDelay(1_000, () => 0.999_999)).toBe(BACKOFF_CAP_MS - 1);
  });
});
