/**
 * How many calls may talk to one upstream origin at once, and how many may
 * wait for their turn: a model that fires 200 calls in a loop must not open
 * 200 connections to someone's API, nor queue without bound in our memory.
 */

/** A granted turn; `release` is idempotent and hands the turn to the next waiter. */
export interface LimiterSlot {
  release(): void;
}

export type AcquireOutcome =
  | { kind: 'granted'; slot: LimiterSlot }
  /** `maxConcurrency` calls run and `maxQueue` wait already: refused at once. */
  | { kind: 'full'; running: number; waiting: number }
  /** `signal` aborted while waiting (cancel or deadline); the place in the queue is given up. */
  | { kind: 'aborted' };

export interface UpstreamLimiter {
  acquire(origin: string, signal?: AbortSignal): Promise<AcquireOutcome>;
  /** Calls running and waiting for `origin` now (for tests and messages). */
  load(origin: string): { running: number; waiting: number };
}

export interface LimiterBounds {
  /** Calls in flight per origin. */
  maxConcurrency: number;
  /** Calls waiting per origin beyond those; 0 refuses as soon as all slots are taken. */
  maxQueue: number;
}

interface Waiter {
  grant(slot: LimiterSlot): void;
}

interface OriginState {
  running: number;
  waiting: Waiter[];
}

/** A first-come, first-served limiter per origin; origins never wait for each other. */
export function createUpstreamLimiter(limits: LimiterBounds): UpstreamLimiter {
  const origins = new Map<string, OriginState>();

  function newSlot(origin: string, state: OriginState): LimiterSlot {
    let released = false;
    return {
      release() {
        if (released) return;
        released = true;
        const next = state.waiting.shift();
        // The turn passes straight on, so `running` never dips below the bound while others wait.
        if (next !== undefined) next.grant(newSlot(origin, state));
        else {
          state.running -= 1;
          if (state.running === 0) origins.delete(origin);
        }
      },
    };
  }

  return {
    load(origin) {
      const state = origins.get(origin);
      return { running: state?.running ?? 0, waiting: state?.waiting.length ?? 0 };
    },
    acquire(origin, signal) {
      if (signal?.aborted === true) return Promise.resolve({ kind: 'aborted' });
      let state = origins.get(origin);
      if (state === undefined) {
        state = { running: 0, waiting: [] };
        origins.set(origin, state);
      }
      if (state.running < limits.maxConcurrency) {
        state.running += 1;
        return Promise.resolve({ kind: 'granted', slot: newSlot(origin, state) });
      }
      if (state.waiting.length >= limits.maxQueue) {
        return Promise.resolve({ kind: 'full', running: state.running, waiting: state.waiting.length });
      }
      const queue = state.waiting;
      return new Promise<AcquireOutcome>((resolve) => {
        const onAbort = (): void => {
          const index = queue.indexOf(waiter);
          if (index !== -1) queue.splice(index, 1);
          resolve({ kind: 'aborted' });
        };
        const waiter: Waiter = {
          grant(slot) {
            signal?.removeEventListener('abort', onAbort);
            resolve({ kind: 'granted', slot });
          },
        };
        queue.push(waiter);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
  };
}
