/**
 * Whether one more retry to an origin is affordable: retries in a sliding
 * window may be at most a share of the first tries in it, plus a small floor
 * (Finagle's `RetryBudget`, Envoy's `retry_budget`, Gateway API GEP-3388).
 * When an origin fails for everyone, each call still gets its first try but
 * retries stop multiplying the load; a lone call still gets its retries.
 */
import type { Clock } from './system-clock.js';

/** How far back first tries and retries are counted. */
export const RETRY_BUDGET_WINDOW_MS = 10_000;

/**
 * Retries per window allowed on top of the share: one a second, so a lone
 * user's calls (a few a minute) always get theirs; 50 calls failing together
 * still get at most 10 + 20% of 50 retries instead of 100.
 */
export const RETRY_BUDGET_FLOOR = 10;

export interface RetryBudgetOptions {
  /** Retries allowed per 100 first tries in the window (0 to 100). */
  percent: number;
  /** Retries per window allowed regardless of the share. @default RETRY_BUDGET_FLOOR */
  floor?: number;
  /** @default RETRY_BUDGET_WINDOW_MS */
  windowMs?: number;
  clock: Clock;
}

export interface RetryBudget {
  /** Counts a first try about to be sent to `origin`. */
  recordFirstTry(origin: string): void;
  /** Takes one retry from `origin`'s budget and says true, or says false when it is spent. */
  tryRetry(origin: string): boolean;
  /** First tries and retries to `origin` in the window now. */
  usage(origin: string): { firstTries: number; retries: number };
}

interface OriginUsage {
  /** Times of first tries and of retries, oldest first, on `clock.now()`'s scale. */
  firstTries: number[];
  retries: number[];
}

/** One budget per origin; an origin whose window is empty is forgotten. */
export function createRetryBudget(options: RetryBudgetOptions): RetryBudget {
  const { clock, percent } = options;
  const floor = options.floor ?? RETRY_BUDGET_FLOOR;
  const windowMs = options.windowMs ?? RETRY_BUDGET_WINDOW_MS;
  const origins = new Map<string, OriginUsage>();

  /** `origin`'s counts with everything older than the window dropped. */
  function current(origin: string): OriginUsage {
    const usage = origins.get(origin) ?? { firstTries: [], retries: [] };
    const since = clock.now() - windowMs;
    dropBefore(usage.firstTries, since);
    dropBefore(usage.retries, since);
    origins.set(origin, usage);
    return usage;
  }

  function forgetIfIdle(origin: string, usage: OriginUsage): void {
    if (usage.firstTries.length === 0 && usage.retries.length === 0) origins.delete(origin);
  }

  return {
    recordFirstTry(origin) {
      current(origin).firstTries.push(clock.now());
    },
    tryRetry(origin) {
      const usage = current(origin);
      // A retry goes while those already sent are fewer than the allowance: at most its ceiling in all.
      const allowed = floor + (percent / 100) * usage.firstTries.length;
      if (usage.retries.length >= allowed) {
        forgetIfIdle(origin, usage);
        return false;
      }
      usage.retries.push(clock.now());
      return true;
    },
    usage(origin) {
      const usage = current(origin);
      forgetIfIdle(origin, usage);
      return { firstTries: usage.firstTries.length, retries: usage.retries.length };
    },
  };
}

/** Removes the leading times at or before `since` (the array is in time order). */
function dropBefore(times: number[], since: number): void {
  let stale = 0;
  while (stale < times.length && (times[stale] as number) <= since) stale += 1;
  if (stale > 0) times.splice(0, stale);
}
