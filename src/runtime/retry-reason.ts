/**
 * Whether an upstream outcome is worth another try of a retry-safe request,
 * and the short reason a log line gives.
 */
import type { UpstreamOutcome } from './call-upstream.js';

/** Statuses that say "not now" rather than "not this" (gateway trouble, overload, rate limit). */
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

/**
 * Connection failures that happen before the upstream could have acted on the
 * request: refused, or reset/closed before any response byte. DNS and TLS
 * failures are not here: trying again will not change them.
 */
const RETRYABLE_NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/** `HTTP 503`, `ECONNRESET`..., or `undefined` when retrying would not help (or cannot be known to be safe). */
export function retryReason(outcome: UpstreamOutcome): string | undefined {
  switch (outcome.kind) {
    case 'response':
      return RETRYABLE_STATUSES.has(outcome.status) ? `HTTP ${outcome.status}` : undefined;
    case 'network':
      // Once response bytes arrived the upstream has acted: a retry could act twice.
      return outcome.afterResponse !== true && RETRYABLE_NETWORK_CODES.has(outcome.code)
        ? outcome.code
        : undefined;
    default:
      return undefined;
  }
}
