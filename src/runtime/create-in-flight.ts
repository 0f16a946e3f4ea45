/**
 * Counts work in flight (tool calls over stdio, requests over HTTP) so a
 * closing transport can wait for it, within a bound, before it cuts it off.
 */

/** What {@link createInFlight} returns. */
export interface InFlight {
  /** Work started and not yet settled. */
  readonly size: number;
  /** Counts `work` until it settles; returns it unchanged. */
  track<T>(work: Promise<T>): Promise<T>;
  /** Resolves `true` once nothing is in flight, or `false` after `timeoutMs` with work still running. */
  settled(timeoutMs: number): Promise<boolean>;
}

export function createInFlight(): InFlight {
  let size = 0;
  const waiters = new Set<() => void>();
  const done = (): void => {
    size -= 1;
    if (size === 0) for (const wake of [...waiters]) wake();
  };
  return {
    get size() {
      return size;
    },
    track(work) {
      size += 1;
      work.then(done, done);
      return work;
    },
    settled(timeoutMs) {
      if (size === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const wake = (): void => {
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(true);
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          resolve(false);
        }, timeoutMs);
        waiters.add(wake);
      });
    },
  };
}
