import { describe, expect, it } from 'vitest';
import { createRetryBudget, RETRY_BUDGET_FLOOR } from '../../../src/runtime/create-retry-budget.js';
import type { Clock } from '../../../src/runtime/system-clock.js';

/** A clock moved by hand: the window is 10 s and no test waits for it. */
function manualClock(): Clock & { advance(ms: number): void } {
  let now = 0;
  return {
    now: () => now,
    wallNow: () => now,
    random: () => 0,
    sleep: async () => true,
    advance(ms) {
      now += ms;
    },
  };
}

/** How many retries `budget` grants `origin` before it says no. */
function drain(budget: ReturnType<typeof createRetryBudget>, origin = 'http://a'): number {
  let granted = 0;
  while (budget.tryRetry(origin)) granted += 1;
  return granted;
}

describe('createRetryBudget', () => {
  it('a lone call gets its retries from the floor', () => {
    const budget = createRetryBudget({ percent: 20, clock: manualClock() });
    budget.recordFirstTry('http://a');
    expect(budget.tryRetry('http://a')).toBe(true);
    expect(budget.tryRetry('http://a')).toBe(true);
    expect(budget.usage('http://a')).toEqual({ firstTries: 1, retries: 2 });
  });

  it('50 first tries: retries stop at the floor plus 20% of them', () => {
    const budget = createRetryBudget({ percent: 20, clock: manualClock() });
    for (let i = 0; i < 50; i += 1) budget.recordFirstTry('http://a');
    expect(drain(budget)).toBe(RETRY_BUDGET_FLOOR + 10);
  });

  it('a share that is not whole is granted while the retries sent are below it', () => {
    const budget = createRetryBudget({ percent: 20, floor: 0, clock: manualClock() });
    for (let i = 0; i < 7; i += 1) budget.recordFirstTry('http://a');
    // 20% of 7 is 1.4: one retry is below it, a second would not be.
    expect(drain(budget)).toBe(2);
  });

  it('percent 0 leaves only the floor; percent 100 a retry per first try on top', () => {
    const none = createRetryBudget({ percent: 0, floor: 3, clock: manualClock() });
    const all = createRetryBudget({ percent: 100, floor: 3, clock: manualClock() });
    for (let i = 0; i < 10; i += 1) {
      none.recordFirstTry('http://a');
      all.recordFirstTry('http://a');
    }
    expect(drain(none)).toBe(3);
    expect(drain(all)).toBe(13);
  });

  it('counts per origin: one failing origin does not spend another one’s budget', () => {
    const budget = createRetryBudget({ percent: 20, floor: 2, clock: manualClock() });
    expect(drain(budget, 'http://a')).toBe(2);
    expect(budget.tryRetry('http://b')).toBe(true);
  });

  it('is a sliding window: what is older than 10 s no longer counts', () => {
    const clock = manualClock();
    const budget = createRetryBudget({ percent: 20, floor: 2, clock });
    expect(drain(budget)).toBe(2);
    clock.advance(5_000);
    expect(budget.tryRetry('http://a')).toBe(false);
    clock.advance(5_000);
    // Exactly 10 s on, the first retries have left the window.
    expect(budget.usage('http://a')).toEqual({ firstTries: 0, retries: 0 });
    expect(drain(budget)).toBe(2);
  });

  it('first tries leave the window too, taking their share with them', () => {
    const clock = manualClock();
    const budget = createRetryBudget({ percent: 50, floor: 0, clock });
    for (let i = 0; i < 4; i += 1) budget.recordFirstTry('http://a');
    clock.advance(10_000);
    expect(budget.tryRetry('http://a')).toBe(false);
  });
});
