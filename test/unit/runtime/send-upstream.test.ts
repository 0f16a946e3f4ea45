import { describe, expect, it } from 'vitest';
import type { BuiltRequest } from '../../../src/runtime/build-request.js';
import type { UpstreamClient } from '../../../src/runtime/call-upstream.js';
import { createCircuitBreaker } from '../../../src/runtime/create-circuit-breaker.js';
import { createRetryBudget } from '../../../src/runtime/create-retry-budget.js';
import { createUpstreamLimiter } from '../../../src/runtime/create-upstream-limiter.js';
import { sendUpstream, type UpstreamCallPlan } from '../../../src/runtime/send-upstream.js';
import { systemClock } from '../../../src/runtime/system-clock.js';

const ORIGIN = 'http://127.0.0.1:9';
const REQUEST: BuiltRequest = { method: 'GET', url: `${ORIGIN}/v1/x`, headers: {} };

describe('sendUpstream', () => {
  it('a call to an open circuit fails before it queues: a full queue is not even asked', async () => {
    const breaker = createCircuitBreaker({
      failures: 1,
      cooldownMs: 60_000,
      clock: systemClock,
      onChange() {},
    });
    const first = breaker.admit(ORIGIN);
    if (first.admitted) first.report({ kind: 'failure', reason: 'HTTP 503' });
    const limiter = createUpstreamLimiter({ maxConcurrency: 1, maxQueue: 0 });
    const held = await limiter.acquire(ORIGIN);
    let sent = 0;
    const upstream = {
      send: async () => {
        sent += 1;
        return { kind: 'timeout' };
      },
    } as unknown as UpstreamClient;
    const plan: UpstreamCallPlan = {
      upstream,
      limiter,
      clock: systemClock,
      origin: ORIGIN,
      timeoutMs: 1_000,
      maxBytes: 1024,
      retries: 2,
      retrySafe: true,
      onRetry() {},
      guard: {
        origin: ORIGIN,
        breaker,
        budget: createRetryBudget({ percent: 20, clock: systemClock }),
        onBudgetSpent() {},
      },
    };
    const call = await sendUpstream(REQUEST, plan);
    expect(call).toMatchObject({ kind: 'sent', outcome: { kind: 'circuit-open' }, retries: 0 });
    expect(sent).toBe(0);
    // Without the open circuit the same call is refused by the full queue.
    const { guard: _guard, ...unguarded } = plan;
    expect(await sendUpstream(REQUEST, unguarded)).toMatchObject({ kind: 'busy' });
    if (held.kind === 'granted') held.slot.release();
  });
});
