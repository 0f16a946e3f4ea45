import { describe, expect, it } from 'vitest';
import { type AcquireOutcome, createUpstreamLimiter } from '../../../src/runtime/create-upstream-limiter.js';

const A = 'http://127.0.0.1:1';
const B = 'http://127.0.0.1:2';

function granted(outcome: AcquireOutcome) {
  if (outcome.kind !== 'granted') throw new Error(`expected a turn, got ${outcome.kind}`);
  return outcome.slot;
}

/** Whether `promise` has settled after the microtasks queued now. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => {
    done = true;
  });
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('createUpstreamLimiter', () => {
  it('grants maxConcurrency turns per origin, queues the next, refuses past maxQueue', async () => {
    const limiter = createUpstreamLimiter({ maxConcurrency: 2, maxQueue: 1 });
    const first = granted(await limiter.acquire(A));
    granted(await limiter.acquire(A));
    const queued = limiter.acquire(A);
    expect(await settled(queued)).toBe(false);
    expect(await limiter.acquire(A)).toEqual({ kind: 'full', running: 2, waiting: 1 });
    // Another origin has turns of its own.
    granted(await limiter.acquire(B));
    first.release();
    granted(await queued);
    expect(limiter.load(A)).toEqual({ running: 2, waiting: 0 });
  });

  it('serves waiters first come, first served; a release is idempotent', async () => {
    const limiter = createUpstreamLimiter({ maxConcurrency: 1, maxQueue: 5 });
    const slot = granted(await limiter.acquire(A));
    const order: number[] = [];
    const waiters = [1, 2, 3].map((n) =>
      limiter.acquire(A).then((outcome) => {
        order.push(n);
        return granted(outcome);
      }),
    );
    slot.release();
    slot.release();
    const second = await waiters[0]!;
    expect(await settled(waiters[1]!)).toBe(false);
    second.release();
    (await waiters[1]!).release();
    (await waiters[2]!).release();
    expect(order).toEqual([1, 2, 3]);
    expect(limiter.load(A)).toEqual({ running: 0, waiting: 0 });
  });

  it('a waiter whose signal aborts leaves the queue and frees its place', async () => {
    const limiter = createUpstreamLimiter({ maxConcurrency: 1, maxQueue: 1 });
    const slot = granted(await limiter.acquire(A));
    const controller = new AbortController();
    const waiting = limiter.acquire(A, controller.signal);
    expect(limiter.load(A).waiting).toBe(1);
    controller.abort();
    expect(await waiting).toEqual({ kind: 'aborted' });
    expect(limiter.load(A)).toEqual({ running: 1, waiting: 0 });
    // Its place is free again, and the turn goes to the one still waiting.
    const next = limiter.acquire(A);
    slot.release();
    granted(await next).release();
    expect(limiter.load(A)).toEqual({ running: 0, waiting: 0 });
    expect(await limiter.acquire(A, AbortSignal.abort())).toEqual({ kind: 'aborted' });
  });

  it('maxQueue 0 refuses as soon as every turn is taken', async () => {
    const limiter = createUpstreamLimiter({ maxConcurrency: 1, maxQueue: 0 });
    granted(await limiter.acquire(A));
    expect(await limiter.acquire(A)).toEqual({ kind: 'full', running: 1, waiting: 0 });
  });
});
