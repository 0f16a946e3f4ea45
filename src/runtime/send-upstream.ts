/**
 * How one tool call reaches its upstream: a turn among the calls to the same
 * origin, then one or more tries, all within the call's one deadline, and the
 * turn given back however the call ends (answer, deadline, cancel). A call to
 * an origin whose circuit is open fails before it queues for a turn.
 */
import type { BuiltRequest } from './build-request.js';
import type { UpstreamClient } from './call-upstream.js';
import { createDeadline } from './create-deadline.js';
import type { UpstreamLimiter } from './create-upstream-limiter.js';
import { type RetryPlan, sendWithRetries, type TriedOutcome, type TryGuard } from './send-with-retries.js';
import type { Clock } from './system-clock.js';

export interface UpstreamCallPlan {
  upstream: UpstreamClient;
  limiter: UpstreamLimiter;
  clock: Clock;
  /** The request's origin: the unit the limiter counts. */
  origin: string;
  /** The whole call's deadline: waiting for a turn, every try and every wait between. */
  timeoutMs: number;
  maxBytes: number;
  retries: number;
  retrySafe: boolean;
  signal?: AbortSignal;
  onRetry: RetryPlan['onRetry'];
  /** The origin's breaker and retry budget (their `origin` is this plan's). */
  guard?: TryGuard;
}

export type UpstreamCall =
  | ({ kind: 'sent' } & TriedOutcome)
  /** Every turn at the origin is taken and its queue is full: nothing was sent. */
  | { kind: 'busy'; running: number; waiting: number };

/** Never throws. */
export async function sendUpstream(request: BuiltRequest, plan: UpstreamCallPlan): Promise<UpstreamCall> {
  const refusal = plan.guard?.breaker?.refusal(plan.origin);
  if (refusal !== undefined) return { kind: 'sent', outcome: { kind: 'circuit-open', refusal }, retries: 0 };
  const deadline = plan.clock.now() + plan.timeoutMs;
  // Only the wait for a turn listens to it: disarmed once the turn is given (see createDeadline).
  const waiting = createDeadline(plan.timeoutMs, plan.signal);
  const turn = await plan.limiter.acquire(plan.origin, waiting.signal).finally(() => waiting.dispose());
  if (turn.kind === 'full') return { kind: 'busy', running: turn.running, waiting: turn.waiting };
  if (turn.kind === 'aborted') {
    return {
      kind: 'sent',
      outcome: { kind: plan.signal?.aborted === true ? 'cancelled' : 'timeout' },
      retries: 0,
    };
  }
  try {
    const tried = await sendWithRetries(plan.upstream.send, request, {
      retries: plan.retries,
      retrySafe: plan.retrySafe,
      deadline,
      maxBytes: plan.maxBytes,
      clock: plan.clock,
      ...(plan.signal !== undefined && { signal: plan.signal }),
      onRetry: plan.onRetry,
      ...(plan.guard !== undefined && { guard: plan.guard }),
    });
    return { kind: 'sent', ...tried };
  } finally {
    turn.slot.release();
  }
}
