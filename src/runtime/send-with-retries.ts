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
 * when the origin's circuit is open or its retry budget spent; a call the
 * circuit refuses outright gets a `circuit-open` outcome and sends nothing.
 *
 * The breaker hears of the call once, by the last try it sent: the tries of
 * one call are the same request, so they say about the origin what one would
 * (a request that makes the upstream reset the connection three times is one
 * bad request, not three signs of an origin down). A cancelled call tells it
 * nothing. Never throws.
 */
export async function sendWithRetries(
  send: UpstreamClient['send'],
  request: BuiltRequest,
  plan: RetryPlan,
): Promise<TriedOutcome> {
  const { guard } = plan;
  if (plan.deadline - plan.clock.now() <= 0) return { outcome: { kind: 'timeout' }, retries: 0 };
  const admission = guard?.breaker?.admit(guard.origin);
  if (admission !== undefined && !admission.admitted) {
    const { admitted: _admitted, ...refusal } = admission;
    return { outcome: { kind: 'circuit-open', refusal }, retries: 0 };
  }
  guard?.budget.recordFirstTry(guard.origin);
  const call: { lastSent?: TriedOutcome } = {};
  let tried: TriedOutcome | undefined;
  try {
    tried = await tryAndRetry(send, request, plan, call);
    return tried;
  } finally {
    // However the call ended (a throw included), so a probe is never left out forever.
    const verdict =
      tried?.outcome.kind === 'cancelled' || call.lastSent === undefined
        ? ({ kind: 'neutral' } as const)
        : circuitVerdict(call.lastSent.outcome as UpstreamOutcome);
    admission?.report(verdict, call.lastSent?.retryAfterMs);
  }
}

/** The tries of one call; `call.lastSent` is kept up to date with the last one sent. */
async function tryAndRetry(
  send: UpstreamClient['send'],
  request: BuiltRequest,
  plan: RetryPlan,
  call: { lastSent?: TriedOutcome },
): Promise<TriedOutcome> {
  const { clock, guard } = plan;
  for (let retries = 0; ; retries += 1) {
    const remaining = plan.deadline - clock.now();
    if (remaining <= 0) return { outcome: { kind: 'timeout' }, retries };
    const outcome = await send(request, {
      timeoutMs: Math.ceil(remaining),
      maxBytes: plan.maxBytes,
      ...(plan.signal !== undefined && { signal: plan.signal }),
    });
    const retryAfterMs =
      outcome.kind === 'response' && (outcome.status === 429 || outcome.status === 503)
        ? parseRetryAfter(outcome.headers['retry-after'], clock.wallNow())
        : undefined;
    const tried: TriedOutcome = { outcome, retries, ...(retryAfterMs !== undefined && { retryAfterMs }) };
    call.lastSent = tried;
    const reason = retryReason(outcome);
    if (reason === undefined || !plan.retrySafe || retries >= plan.retries) return tried;
    const delayMs = retryAfterMs ?? backoffDelay(retries, clock.random);
    if (clock.now() + delayMs >= plan.deadline) return tried;
    // An open circuit (or a probe out, this call's own included) refuses the retry: no point waiting.
    const circuitOpen = (): boolean => guard?.breaker?.refusal(guard.origin) !== undefined;
    if (circuitOpen()) return tried;
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
    // It may have opened during the wait (other calls failing): the answer in hand beats a refusal.
    if (circuitOpen()) return tried;
  }
}
