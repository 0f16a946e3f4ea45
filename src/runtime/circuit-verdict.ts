/**
 * What a call's last upstream try says about the origin's health, for the
 * circuit breaker: a failure (it is down, overloaded or unreachable), a success (it
 * answered and acted), or nothing at all.
 */
import type { UpstreamOutcome } from './call-upstream.js';

export type CircuitVerdict =
  /** `reason` is safe to log: `HTTP 503`, `ECONNREFUSED`, `timeout`. */
  { kind: 'failure'; reason: string } | { kind: 'success' } | { kind: 'neutral' };

/** Statuses of an origin that cannot serve anyone now (gateway trouble, overload, rate limit). */
const FAILURE_STATUSES = new Set([429, 502, 503, 504]);

/**
 * - failure: 429, 502, 503, 504; any network failure (refused, reset, DNS,
 *   TLS: no usable answer); the deadline passing without an answer.
 * - success: every other answer, 500 and 4xx included. A 500 or a 4xx is about
 *   this request (a bug its arguments hit, a missing resource): the origin is
 *   up, and counting them would let one bad call repeated by a model shut
 *   every tool of the origin out.
 * - neutral: a cancelled call, a host the address policy refused and a call
 *   the circuit itself refused; none of them asked the upstream anything.
 */
export function circuitVerdict(outcome: UpstreamOutcome): CircuitVerdict {
  switch (outcome.kind) {
    case 'response':
      return FAILURE_STATUSES.has(outcome.status)
        ? { kind: 'failure', reason: `HTTP ${outcome.status}` }
        : { kind: 'success' };
    case 'network':
      return { kind: 'failure', reason: outcome.code };
    case 'timeout':
      return { kind: 'failure', reason: 'timeout' };
    default:
      return { kind: 'neutral' };
  }
}
