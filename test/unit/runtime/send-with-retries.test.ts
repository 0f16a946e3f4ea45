import { describe, expect, it } from 'vitest';
import type { BuiltRequest } from '../../../src/runtime/build-request.js';
import type { UpstreamClient, UpstreamOutcome } from '../../../src/runtime/call-upstream.js';
import { type CircuitChange, createCircuitBreaker } from '../../../src/runtime/create-circuit-breaker.js';
import { createRetryBudget } from '../../../src/runtime/create-retry-budget.js';
import { type RetryPlan, sendWithRetries, type TryGuard } from '../../../src/runtime/send-with-retries.js';
import type { Clock } from '../../../src/runtime/system-clock.js';

const REQUEST: BuiltRequest = { method: 'GET', url: 'http://127.0.0.1:9/v1/x', headers: {} };
const WALL = Date.parse('2026-12-01T12:00:00Z');

function response(status: number, headers: Record<string, string> = {}): UpstreamOutcome {
  return { kind: 'response', status, statusText: '', headers, body: new Uint8Array(), truncated: false };
}

/** A clock that only moves when slept on; `slept` records each wait. */
function fakeClock(random = 0.5): Clock & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    wallNow: () => WALL + now,
    random: () => random,
    async sleep(ms, signal) {
      if (signal?.aborted === true) return false;
      slept.push(ms);
      now += ms;
      return true;
    },
  };
}

/** An upstream that answers from `script` in order and records the timeout each try was given. */
function scripted(script: UpstreamOutcome[]): { send: UpstreamClient['send']; timeouts: number[] } {
  const timeouts: number[] = [];
  return {
    timeouts,
    send: async (_request, limits) => {
      timeouts.push(limits.timeoutMs);
      return script.shift() ?? response(200);
    },
  };
}

function plan(clock: Clock, partial: Partial<RetryPlan> = {}): RetryPlan & { logged: string[] } {
  const logged: string[] = [];
  return {
    logged,
    retries: 2,
    retrySafe: true,
    deadline: 30_000,
    maxBytes: 1024,
    clock,
    onRetry: (retry) => logged.push(`${retry.reason} ${retry.number}/${retry.of} ${retry.delayMs}`),
    ...partial,
  };
}

describe('sendWithRetries', () => {
  it('503 twice then 200: two retries with exponential backoff and full jitter, each logged', async () => {
    const clock = fakeClock(0.5);
    const upstream = scripted([response(503), response(503), response(200)]);
    const p = plan(clock);
    const tried = await sendWithRetries(upstream.send, REQUEST, p);
    expect(tried).toMatchObject({ outcome: { kind: 'response', status: 200 }, retries: 2 });
    expect(clock.slept).toEqual([125, 250]);
    expect(p.logged).toEqual(['HTTP 503 1/2 125', 'HTTP 503 2/2 250']);
    // Every try gets what is left of the one deadline.
    expect(upstream.timeouts).toEqual([30_000, 29_875, 29_625]);
  });

  it('stops after the configured retries and returns the last answer', async () => {
    const clock = fakeClock();
    const upstream = scripted([response(502), response(502), response(502), response(200)]);
    const tried = await sendWithRetries(upstream.send, REQUEST, plan(clock));
    expect(tried).toMatchObject({ outcome: { status: 502 }, retries: 2 });
    expect(upstream.timeouts).toHaveLength(3);
  });

  it('retries 0 sends once', async () => {
    const upstream = scripted([response(503)]);
    const tried = await sendWithRetries(upstream.send, REQUEST, plan(fakeClock(), { retries: 0 }));
    expect(tried).toMatchObject({ outcome: { status: 503 }, retries: 0 });
    expect(upstream.timeouts).toHaveLength(1);
  });

  it('a request that is not safe to repeat is sent once, whatever the failure', async () => {
    const upstream = scripted([{ kind: 'network', code: 'ECONNRESET' }]);
    const p = plan(fakeClock(), { retrySafe: false });
    const tried = await sendWithRetries(upstream.send, REQUEST, p);
    expect(tried).toMatchObject({ outcome: { kind: 'network', code: 'ECONNRESET' }, retries: 0 });
    expect(upstream.timeouts).toHaveLength(1);
    expect(p.logged).toEqual([]);
  });

  it('429 with Retry-After: 1 waits exactly that long before the one retry', async () => {
    const clock = fakeClock();
    const upstream = scripted([response(429, { 'retry-after': '1' }), response(200)]);
    const tried = await sendWithRetries(upstream.send, REQUEST, plan(clock));
    expect(tried).toMatchObject({ outcome: { status: 200 }, retries: 1 });
    expect(clock.slept).toEqual([1_000]);
  });

  it('503 with a Retry-After date waits until that date', async () => {
    const clock = fakeClock();
    const upstream = scripted([
      response(503, { 'retry-after': 'Tue, 01 Dec 2026 12:00:02 GMT' }),
      response(200),
    ]);
    await sendWithRetries(upstream.send, REQUEST, plan(clock));
    expect(clock.slept).toEqual([2_000]);
  });

  it('a Retry-After past the deadline is not waited for: the answer comes back at once with it', async () => {
    for (const value of ['3600', 'Wed, 02 Dec 2026 12:00:00 GMT']) {
      const clock = fakeClock();
      const upstream = scripted([response(429, { 'retry-after': value }), response(200)]);
      const tried = await sendWithRetries(upstream.send, REQUEST, plan(clock));
      expect(tried.outcome).toMatchObject({ status: 429 });
      expect(tried.retryAfterMs).toBeGreaterThan(30_000);
      expect(clock.slept).toEqual([]);
      expect(upstream.timeouts).toHaveLength(1);
    }
  });

  it('a malformed Retry-After falls back to the backoff', async () => {
    const clock = fakeClock(0.5);
    const upstream = scripted([response(429, { 'retry-after': 'soon' }), response(200)]);
    const tried = await sendWithRetries(upstream.send, REQUEST, plan(clock));
    expect(tried).toMatchObject({ outcome: { status: 200 }, retries: 1 });
    expect(tried.retryAfterMs).toBeUndefined();
    expect(clock.slept).toEqual([125]);
  });

  it('Retry-After on a 502 is not read (only 429 and 503 carry it by the RFCs)', async () => {
    const clock = fakeClock(0.5);
    const upstream = scripted([response(502, { 'retry-after': '20' }), response(200)]);
    await sendWithRetries(upstream.send, REQUEST, plan(clock));
    expect(clock.slept).toEqual([125]);
  });

  it('a backoff that would end past the deadline is not started', async () => {
    const clock = fakeClock(0.999);
    const upstream = scripted([response(503), response(200)]);
    const tried = await sendWithRetries(upstream.send, REQUEST, plan(clock, { deadline: 100 }));
    expect(tried).toMatchObject({ outcome: { status: 503 }, retries: 0 });
    expect(clock.slept).toEqual([]);
  });

  it('a deadline already past is a timeout without a send', async () => {
    const upstream = scripted([]);
    const tried = await sendWithRetries(upstream.send, REQUEST, plan(fakeClock(), { deadline: 0 }));
    expect(tried.outcome).toEqual({ kind: 'timeout' });
    expect(upstream.timeouts).toEqual([]);
  });

  it('a cancel during the wait stops the retries', async () => {
    const controller = new AbortController();
    const clock = fakeClock();
    clock.sleep = async () => {
      controller.abort();
      return false;
    };
    const upstream = scripted([response(503), response(200)]);
    const tried = await sendWithRetries(upstream.send, REQUEST, plan(clock, { signal: controller.signal }));
    expect(tried.outcome).toEqual({ kind: 'cancelled' });
    expect(upstream.timeouts).toHaveLength(1);
  });

  it('a refused or reset connection is retried; a reset after the headers is not', async () => {
    const refused = scripted([{ kind: 'network', code: 'ECONNREFUSED' }, response(200)]);
    expect((await sendWithRetries(refused.send, REQUEST, plan(fakeClock()))).outcome).toMatchObject({
      status: 200,
    });
    const midBody = scripted([{ kind: 'network', code: 'ECONNRESET', afterResponse: true }, response(200)]);
    const tried = await sendWithRetries(midBody.send, REQUEST, plan(fakeClock()));
    expect(tried.outcome).toMatchObject({ kind: 'network', afterResponse: true });
    expect(midBody.timeouts).toHaveLength(1);
  });
});

describe('sendWithRetries with a breaker and a retry budget (SECURITY.md §G 47)', () => {
  const ORIGIN = 'http://127.0.0.1:9';

  function guarded(
    clock: Clock,
    { failures = 5, floor = 10, percent = 20 } = {},
  ): TryGuard & { spent: string[]; changes: CircuitChange[] } {
    const spent: string[] = [];
    const changes: CircuitChange[] = [];
    return {
      spent,
      changes,
      origin: ORIGIN,
      breaker: createCircuitBreaker({
        failures,
        cooldownMs: 10_000,
        clock,
        onChange: (c) => changes.push(c),
      }),
      budget: createRetryBudget({ percent, floor, clock }),
      onBudgetSpent: (s) => spent.push(`${s.reason} ${s.number}/${s.of} ${s.retries}/${s.firstTries}`),
    };
  }

  it('a retry past the budget is not sent nor waited for: the last answer comes back, told once', async () => {
    const clock = fakeClock();
    const guard = guarded(clock, { floor: 1, percent: 0 });
    const upstream = scripted([response(503), response(503), response(503)]);
    const p = plan(clock, { guard });
    const tried = await sendWithRetries(upstream.send, REQUEST, p);
    expect(tried).toMatchObject({ outcome: { status: 503 }, retries: 1 });
    expect(upstream.timeouts).toHaveLength(2);
    expect(p.logged).toEqual(['HTTP 503 1/2 125']);
    expect(guard.spent).toEqual(['HTTP 503 2/2 1/1']);
    expect(clock.slept).toEqual([125]);
  });

  it('a call counts once towards the breaker, by its last try: 3 failed tries are one failure', async () => {
    const clock = fakeClock();
    const guard = guarded(clock, { failures: 2 });
    await sendWithRetries(
      scripted([response(503), response(502), response(504)]).send,
      REQUEST,
      plan(clock, { guard }),
    );
    expect(guard.changes).toEqual([]);
    // A retry that succeeds makes the call a success: the count starts again.
    await sendWithRetries(scripted([response(503), response(200)]).send, REQUEST, plan(clock, { guard }));
    await sendWithRetries(
      scripted([response(503), response(503), response(503)]).send,
      REQUEST,
      plan(clock, { guard }),
    );
    expect(guard.changes).toEqual([]);
    await sendWithRetries(
      scripted([{ kind: 'network', code: 'ECONNREFUSED' }]).send,
      REQUEST,
      plan(clock, { guard, retries: 0 }),
    );
    expect(guard.changes).toMatchObject([{ state: 'opened', failures: 2, lastFailure: 'ECONNREFUSED' }]);
  });

  it('the probe call gets one try: a failure is not retried, and the circuit opens again', async () => {
    const clock = fakeClock();
    const guard = guarded(clock, { failures: 1 });
    await sendWithRetries(scripted([response(503)]).send, REQUEST, plan(clock, { guard, retries: 0 }));
    await clock.sleep(10_000);
    const upstream = scripted([response(503), response(200)]);
    const tried = await sendWithRetries(upstream.send, REQUEST, plan(clock, { guard }));
    expect(tried).toMatchObject({ outcome: { status: 503 }, retries: 0 });
    expect(upstream.timeouts).toHaveLength(1);
    expect(guard.changes.map((c) => c.state)).toEqual(['opened', 'reopened']);
  });

  it('a circuit that opens during the wait (other calls failing) refuses the retry after it', async () => {
    const clock = fakeClock();
    const guard = guarded(clock, { failures: 1 });
    const sleep = clock.sleep;
    clock.sleep = async (ms, signal) => {
      // Another call fails while this one waits: the circuit opens.
      const other = guard.breaker?.admit(ORIGIN);
      if (other?.admitted === true) other.report({ kind: 'failure', reason: 'HTTP 503' });
      return sleep(ms, signal);
    };
    const upstream = scripted([response(503), response(200)]);
    const tried = await sendWithRetries(upstream.send, REQUEST, plan(clock, { guard }));
    expect(tried).toMatchObject({ outcome: { status: 503 }, retries: 0 });
    expect(upstream.timeouts).toHaveLength(1);
    expect(clock.slept).toHaveLength(1);
  });

  it('with the circuit open, the first try is refused: nothing is sent, the refusal says when', async () => {
    const clock = fakeClock();
    const guard = guarded(clock, { failures: 1 });
    await sendWithRetries(scripted([response(503)]).send, REQUEST, plan(clock, { guard, retries: 0 }));
    const upstream = scripted([response(200)]);
    const tried = await sendWithRetries(upstream.send, REQUEST, plan(clock, { guard }));
    expect(tried).toEqual({
      outcome: {
        kind: 'circuit-open',
        refusal: { retryInMs: 10_000, failures: 1, lastFailure: 'HTTP 503', probing: false },
      },
      retries: 0,
    });
    expect(upstream.timeouts).toEqual([]);
    expect(guard.budget.usage(ORIGIN).firstTries).toBe(1);
  });

  it('a probe cancelled in flight counts as neither: the circuit waits for the next probe', async () => {
    const clock = fakeClock();
    const guard = guarded(clock, { failures: 1 });
    await sendWithRetries(scripted([response(503)]).send, REQUEST, plan(clock, { guard, retries: 0 }));
    await clock.sleep(10_000);
    const cancelled = scripted([{ kind: 'cancelled' }]);
    expect((await sendWithRetries(cancelled.send, REQUEST, plan(clock, { guard }))).outcome).toEqual({
      kind: 'cancelled',
    });
    expect(guard.breaker?.admit(ORIGIN)).toMatchObject({ admitted: true, probe: true });
  });

  it('a send that throws (it never should) still hands the probe back', async () => {
    const clock = fakeClock();
    const guard = guarded(clock, { failures: 1 });
    await sendWithRetries(scripted([response(503)]).send, REQUEST, plan(clock, { guard, retries: 0 }));
    await clock.sleep(10_000);
    const throwing: UpstreamClient['send'] = async () => {
      throw new Error('bug');
    };
    await expect(sendWithRetries(throwing, REQUEST, plan(clock, { guard }))).rejects.toThrow('bug');
    expect(guard.breaker?.admit(ORIGIN)).toMatchObject({ admitted: true, probe: true });
  });
});
