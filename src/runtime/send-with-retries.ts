/**
 * How often one request is tried: once, and again on a passing failure when
 * the request is safe to repeat, until the retries or the call's deadline run
 * out (SECURITY.md §G 44-46), and only while the origin's circuit lets tries
 * through and its retry budget has room (§G 47).
 */

import { backoffDelay } from './backoff-delay.js';
import type { BuiltRequest } from './build-request.js';
import type { UpstreamClient, UpstreamOutcome } from './call-upstream.js';
import { circuitVerdict } from './circuit-verdict.js';
import type { CircuitBreaker, CircuitOpenOutcome } from './create-circuit-breaker.js';
import type { RetryBudget } from './create-retry-budget.js';
import { parseRetryAfter } from './parse-retry-after.js';
import { retryReason } from './retry-reason.js';
import type { Clock } from './system-clock.js';

/** What every try and retry to one origin is weighed against, shared by all calls to it. */
export interface TryGuard {
  /** The request's origin: the unit the breaker and the budget count. */
  origin: string;
  /** Absent when the breaker is off (`--breaker-failures 0`). */
  breaker?: CircuitBreaker;
  budget: RetryBudget;
  /** Told when a retry is not sent because the origin's retry budget is spent, to log it. */
  onBudgetSpent(spent: {
    reason: string;
    number: number;
    of: number;
    retries: number;
    firstTries: number;
  }): void;
}

export interface RetryPlan {
  /** Tries after the first (0 turns retrying off). */
  retries: number;
  /** Whether the request may be sent again at all (see `isRetrySafe`). */
  retrySafe: boolean;
  /** When the whole call must be over, on `clock.now()`'s scale. */
  deadline: number;
  maxBytes: number;
  clock: Clock;
  /** The client's cancellation: stops the try in flight and every wait. */
  signal?: AbortSignal;
  /** Told before each wait, to log it. */
  onRetry(retry: { number: number; of: number; reason: string; delayMs: number }): void;
  /** Without one, every try and retry goes (within the deadline). */
  guard?: TryGuard;
}

export interface TriedOutcome {
  /** The last try's outcome, or the circuit's refusal of the first (nothing sent). */
  outcome: UpstreamOutcome | CircuitOpenOutcome;
  /** Tries after the first that were made. */
  retries: number;
  /** What the last answer's `Retry-After` asked for (429/503 only), in ms. */
  retryAfterMs?: number;
}

/**
 * Sends `request` and retries it while {@link retryReason} says the failure may
 * pass. The wait is the answer's `Retry-After` for 429 and 503 when it has a
 * valid one, else {@link backoffDelay}; a wait that would end past the
 * deadline is not started, and the last answer is returned at once. So is it
 * when the origin's circuit is open or its retry budget spent; a first try
 * the circuit refuses is a `circuit-open` outcome, sent nowhere. Every try
 * sent is reported to the breaker. Never throws.
 */
export async function sendWithRetries(
  send: UpstreamClient['send'],
  request: BuiltRequest,
  plan: RetryPlan,
): Promise<TriedOutcome> {
  const { clock, guard } = plan;
  let last: TriedOutcome | undefined;
  for (let retries = 0; ; retries += 1) {
    const remaining = plan.deadline - clock.now();
    if (remaining <= 0) return { outcome: { kind: 'timeout' }, retries };
    const admission = guard?.breaker?.admit(guard.origin);
    if (admission !== undefined && !admission.admitted) {
      // It opened while this call waited: the answer it has is worth more than a refusal.
      if (last !== undefined) return last;
      const { admitted: _admitted, ...refusal } = admission;
      return { outcome: { kind: 'circuit-open', refusal }, retries };
    }
    if (retries === 0) guard?.budget.recordFirstTry(guard.origin);
    let outcome: UpstreamOutcome | undefined;
    let retryAfterMs: number | undefined;
    try {
      outcome = await send(request, {
        timeoutMs: Math.ceil(remaining),
        maxBytes: plan.maxBytes,
        ...(plan.signal !== undefined && { signal: plan.signal }),
      });
      retryAfterMs =
        outcome.kind === 'response' && (outcome.status === 429 || outcome.status === 503)
          ? parseRetryAfter(outcome.headers['retry-after'], clock.wallNow())
          : undefined;
    } finally {
      // Reported however the try ended, so a probe is never left out forever.
      admission?.report(outcome === undefined ? { kind: 'neutral' } : circuitVerdict(outcome), retryAfterMs);
    }
    const tried: TriedOutcome = { outcome, retries, ...(retryAfterMs !== undefined && { retryAfterMs }) };
    const reason = retryReason(outcome);
    if (reason === undefined || !plan.retrySafe || retries >= plan.retries) return tried;
    const delayMs = retryAfterMs ?? backoffDelay(retries, clock.random);
    if (clock.now() + delayMs >= plan.deadline) return tried;
    // An open circuit refuses the retry anyway: no point waiting for it.
    if (guard?.breaker?.refusal(guard.origin) !== undefined) return tried;
    if (guard !== undefined && !guard.budget.tryRetry(guard.origin)) {
      guard.onBudgetSpent({
        reason,
        number: retries + 1,
        of: plan.retries,
        ...guard.budget.usage(guard.origin),
      });
      return tried;
    }
    plan.onRetry({ number: retries + 1, of: plan.retries, reason, delayMs });
    if (!(await clock.sleep(delayMs, plan.signal))) return { outcome: { kind: 'cancelled' }, retries };
    last = tried;
  }
}
