import { describe, expect, it } from 'vitest';
import type { CircuitVerdict } from '../../../src/runtime/circuit-verdict.js';
import {
  type CircuitAdmission,
  type CircuitChange,
  createCircuitBreaker,
  MAX_RETRY_AFTER_COOLDOWN_MS,
} from '../../../src/runtime/create-circuit-breaker.js';
import type { Clock } from '../../../src/runtime/system-clock.js';

const ORIGIN = 'http://127.0.0.1:9';
const FAILED: CircuitVerdict = { kind: 'failure', reason: 'HTTP 503' };
const OK: CircuitVerdict = { kind: 'success' };
const NEUTRAL: CircuitVerdict = { kind: 'neutral' };

/** A clock moved by hand: cool-downs pass without waiting. */
function manualClock(): Clock & { advance(ms: number): void } {
  let now = 1_000;
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

function setUp(failures = 3, cooldownMs = 10_000) {
  const clock = manualClock();
  const changes: CircuitChange[] = [];
  const breaker = createCircuitBreaker({ failures, cooldownMs, clock, onChange: (c) => changes.push(c) });
  /** One try: admitted and reported with `verdict`, or refused. */
  const attempt = (verdict: CircuitVerdict, retryAfterMs?: number): CircuitAdmission => {
    const admission = breaker.admit(ORIGIN);
    if (admission.admitted) admission.report(verdict, retryAfterMs);
    return admission;
  };
  return { clock, changes, breaker, attempt };
}

describe('createCircuitBreaker', () => {
  it('opens after N failures in a row, once, and then refuses without claiming anything', () => {
    const { changes, breaker, attempt } = setUp(3);
    attempt(FAILED);
    attempt(FAILED);
    expect(breaker.refusal(ORIGIN)).toBeUndefined();
    attempt(FAILED);
    expect(changes).toEqual([
      { origin: ORIGIN, state: 'opened', failures: 3, lastFailure: 'HTTP 503', cooldownMs: 10_000 },
    ]);
    const refused = breaker.admit(ORIGIN);
    expect(refused).toEqual({
      admitted: false,
      retryInMs: 10_000,
      failures: 3,
      lastFailure: 'HTTP 503',
      probing: false,
    });
    expect(breaker.refusal(ORIGIN)).toMatchObject({ retryInMs: 10_000 });
    expect(changes).toHaveLength(1);
  });

  it('a success (or any answer that is not a failure) resets the count; a neutral try does not', () => {
    const { breaker, attempt } = setUp(3);
    attempt(FAILED);
    attempt(FAILED);
    attempt(OK);
    attempt(FAILED);
    attempt(FAILED);
    attempt(NEUTRAL);
    expect(breaker.refusal(ORIGIN)).toBeUndefined();
    attempt(FAILED);
    expect(breaker.refusal(ORIGIN)).toBeDefined();
  });

  it('origins have circuits of their own', () => {
    const { breaker, attempt } = setUp(1);
    attempt(FAILED);
    expect(breaker.admit(ORIGIN).admitted).toBe(false);
    expect(breaker.admit('http://127.0.0.1:10').admitted).toBe(true);
  });

  it('after the cool-down exactly one probe goes through; its success closes the circuit', () => {
    const { clock, changes, breaker, attempt } = setUp(2, 10_000);
    attempt(FAILED);
    attempt(FAILED);
    clock.advance(9_999);
    expect(breaker.admit(ORIGIN)).toMatchObject({ admitted: false, retryInMs: 1 });
    clock.advance(1);
    expect(breaker.refusal(ORIGIN)).toBeUndefined();
    const probe = breaker.admit(ORIGIN);
    expect(probe).toMatchObject({ admitted: true, probe: true });
    // While the probe is out, everyone else is refused and told to come back soon.
    expect(breaker.admit(ORIGIN)).toMatchObject({ admitted: false, probing: true, retryInMs: 1_000 });
    expect(breaker.refusal(ORIGIN)).toMatchObject({ probing: true });
    if (probe.admitted) probe.report(OK);
    expect(changes.map((c) => c.state)).toEqual(['opened', 'closed']);
    expect(breaker.admit(ORIGIN)).toMatchObject({ admitted: true, probe: false });
  });

  it('a failed probe opens it for another cool-down, logged once', () => {
    const { clock, changes, breaker, attempt } = setUp(2, 5_000);
    attempt(FAILED);
    attempt(FAILED);
    clock.advance(5_000);
    expect(attempt({ kind: 'failure', reason: 'ECONNREFUSED' })).toMatchObject({ probe: true });
    expect(changes.at(-1)).toEqual({
      origin: ORIGIN,
      state: 'reopened',
      failures: 2,
      lastFailure: 'ECONNREFUSED',
      cooldownMs: 5_000,
    });
    expect(breaker.admit(ORIGIN)).toMatchObject({ admitted: false, retryInMs: 5_000, probing: false });
    clock.advance(5_000);
    expect(attempt(OK)).toMatchObject({ probe: true });
    expect(changes.map((c) => c.state)).toEqual(['opened', 'reopened', 'closed']);
  });

  it('a cancelled probe counts as neither: the next call is the probe', () => {
    const { clock, changes, breaker, attempt } = setUp(1, 1_000);
    attempt(FAILED);
    clock.advance(1_000);
    expect(attempt(NEUTRAL)).toMatchObject({ probe: true });
    expect(changes.map((c) => c.state)).toEqual(['opened']);
    expect(breaker.admit(ORIGIN)).toMatchObject({ admitted: true, probe: true });
  });

  it('tries let through before it opened change nothing once it is open', () => {
    const { breaker, attempt, changes } = setUp(2, 10_000);
    const late = [breaker.admit(ORIGIN), breaker.admit(ORIGIN)];
    attempt(FAILED);
    attempt(FAILED);
    for (const ticket of late) if (ticket.admitted) ticket.report(OK);
    expect(breaker.refusal(ORIGIN)).toBeDefined();
    expect(changes.map((c) => c.state)).toEqual(['opened']);
  });

  it('a report is taken once per try', () => {
    const { breaker } = setUp(2);
    const ticket = breaker.admit(ORIGIN);
    if (ticket.admitted) {
      ticket.report(FAILED);
      ticket.report(FAILED);
    }
    expect(breaker.refusal(ORIGIN)).toBeUndefined();
  });

  it('a longer Retry-After lengthens the cool-down, up to 5 minutes; a shorter one does not shorten it', () => {
    const long = setUp(1, 10_000);
    long.attempt({ kind: 'failure', reason: 'HTTP 429' }, 60_000);
    expect(long.breaker.refusal(ORIGIN)?.retryInMs).toBe(60_000);
    const hostile = setUp(1, 10_000);
    hostile.attempt({ kind: 'failure', reason: 'HTTP 503' }, 86_400_000);
    expect(hostile.breaker.refusal(ORIGIN)?.retryInMs).toBe(MAX_RETRY_AFTER_COOLDOWN_MS);
    const short = setUp(1, 10_000);
    short.attempt({ kind: 'failure', reason: 'HTTP 503' }, 1_000);
    expect(short.breaker.refusal(ORIGIN)?.retryInMs).toBe(10_000);
  });
});
