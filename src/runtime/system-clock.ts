/**
 * Time as the retry loop sees it, passed in so tests can run a backoff of
 * seconds without waiting for it.
 */

/** Reads the time, waits, and draws the jitter of a backoff. */
export interface Clock {
  /** Milliseconds on a monotonic scale (only differences matter). */
  now(): number;
  /** The wall-clock time in epoch milliseconds (for `Retry-After` dates). */
  wallNow(): number;
  /** Waits `ms`; resolves `false` at once if `signal` aborts first (the timer is then cleared). */
  sleep(ms: number, signal?: AbortSignal): Promise<boolean>;
  /** A number in [0, 1). */
  random(): number;
}

/** The real clock: `performance.now()`, `Date.now()`, timers and `Math.random()`. */
export const systemClock: Clock = {
  now: () => performance.now(),
  wallNow: () => Date.now(),
  random: () => Math.random(),
  sleep(ms, signal) {
    if (signal?.aborted === true) return Promise.resolve(false);
    return new Promise((resolve) => {
      const onAbort = (): void => {
        clearTimeout(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve(true);
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};
