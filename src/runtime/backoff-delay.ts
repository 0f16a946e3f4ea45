/** First retry waits up to this long; each further one doubles it. */
export const BACKOFF_BASE_MS = 250;
/** No backoff step waits longer than this, however many retries are allowed. */
export const BACKOFF_CAP_MS = 8_000;

/**
 * How long to wait before retry number `retry` (0 for the first): exponential
 * backoff with full jitter (a uniform draw from 0 to the exponential step), so
 * many clients that failed together do not come back together.
 */
export function backoffDelay(retry: number, random: () => number): number {
  const step = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, retry));
  return Math.floor(random() * step);
}
