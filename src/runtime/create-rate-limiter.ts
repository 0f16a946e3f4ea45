/**
 * A token bucket per client of the HTTP endpoint (`--rate-limit`): each
 * client may send `perSecond` requests a second, in bursts of as many.
 */

/** What {@link createRateLimiter} returns. */
export interface RateLimiter {
  /** Takes one request from `key`'s bucket: `0` when allowed, else the whole seconds to wait (at least 1). */
  take(key: string): number;
}

export interface RateLimiterOptions {
  /**
   * Buckets kept at most; past it, full (idle) buckets are forgotten first,
   * so a flood of new keys cannot grow memory without bound.
   * @default 10000
   */
  maxKeys?: number;
  /** Milliseconds clock. @default performance.now */
  now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export function createRateLimiter(perSecond: number, options: RateLimiterOptions = {}): RateLimiter {
  const capacity = Math.max(1, perSecond);
  const maxKeys = options.maxKeys ?? 10_000;
  const now = options.now ?? (() => performance.now());
  const buckets = new Map<string, Bucket>();

  const refill = (bucket: Bucket, at: number): void => {
    bucket.tokens = Math.min(capacity, bucket.tokens + ((at - bucket.at) / 1000) * perSecond);
    bucket.at = at;
  };
  const prune = (at: number): void => {
    for (const [key, bucket] of buckets) {
      refill(bucket, at);
      if (bucket.tokens >= capacity) buckets.delete(key);
    }
    // Still full of busy clients: forget the oldest (they start again with a full bucket).
    for (const key of buckets.keys()) {
      if (buckets.size < maxKeys) break;
      buckets.delete(key);
    }
  };

  return {
    take(key) {
      const at = now();
      let bucket = buckets.get(key);
      if (bucket === undefined) {
        if (buckets.size >= maxKeys) prune(at);
        bucket = { tokens: capacity, at };
        buckets.set(key, bucket);
      } else {
        refill(bucket, at);
      }
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
    },
  };
}
