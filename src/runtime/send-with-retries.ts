/**
 * How often one request is tried: once, and again on a passing failure when
 * the request is safe to repeat, until the retries or the call's deadline run
 * out (SECURITY.md §G 44-46).
 */

import { backoffDelay } from './backoff-delay.js';
import type { BuiltRequest } from './build-request.js';
import type { UpstreamClient, UpstreamOutcome } from './call-upstream.js';
import { parseRetryAfter } from './parse-retry-after.js';
import { retryReason } from './retry-reason.js';
import type { Clock } from './system-clock.js';

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
}

export interface TriedOutcome {
  /** The last try's outcome. */
  outcome: UpstreamOutcome;
  /** Tries after the first that were made. */
  retries: number;
  /** What the last answer's `Retry-After` asked for (429/503 only), in ms. */
  retryAfterMs?: number;
}

/**
 * Sends `request` and retries it while {@link retryReason} says the failure may
 * pass. The wait is the answer's `Retry-After` for 429 and 503 when it has a
 * valid one, else {@link backoffDelay}; a wait that would end past the
 * deadline is not started, and the last answer is returned at once. Never throws.
 */
export async function sendWithRetries(
  send: UpstreamClient['send'],
  request: BuiltRequest,
  plan: RetryPlan,
): Promise<TriedOutcome> {
  const { clock } = plan;
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
    const reason = retryReason(outcome);
    if (reason === undefined || !plan.retrySafe || retries >= plan.retries) return tried;
    const delayMs = retryAfterMs ?? backoffDelay(retries, clock.random);
    if (clock.now() + delayMs >= plan.deadline) return tried;
    plan.onRetry({ number: retries + 1, of: plan.retries, reason, delayMs });
    if (!(await clock.sleep(delayMs, plan.signal))) return { outcome: { kind: 'cancelled' }, retries };
  }
}
