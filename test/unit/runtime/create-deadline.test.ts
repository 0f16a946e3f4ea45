import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDeadline } from '../../../src/runtime/create-deadline.js';

describe('createDeadline', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('aborts with a TimeoutError once the time runs out, and says it expired', () => {
    vi.useFakeTimers();
    const deadline = createDeadline(1_000);
    vi.advanceTimersByTime(999);
    expect(deadline.signal.aborted).toBe(false);
    expect(deadline.expired).toBe(false);
    vi.advanceTimersByTime(1);
    expect(deadline.signal.aborted).toBe(true);
    expect(deadline.expired).toBe(true);
    expect((deadline.signal.reason as DOMException).name).toBe('TimeoutError');
  });

  it("aborts when the caller's signal does, with its reason, without calling that an expiry", () => {
    vi.useFakeTimers();
    const caller = new AbortController();
    const deadline = createDeadline(1_000, caller.signal);
    caller.abort(new Error('client went away'));
    expect(deadline.signal.aborted).toBe(true);
    expect(deadline.expired).toBe(false);
    expect((deadline.signal.reason as Error).message).toBe('client went away');
    vi.advanceTimersByTime(5_000);
    expect(deadline.expired).toBe(true);
  });

  it('is aborted from the start when the caller already gave up', () => {
    const caller = new AbortController();
    caller.abort();
    const deadline = createDeadline(1_000, caller.signal);
    expect(deadline.signal.aborted).toBe(true);
    expect(deadline.expired).toBe(false);
    deadline.dispose();
  });

  it('after dispose() neither the time nor the caller aborts it, and no timer is left armed', () => {
    vi.useFakeTimers();
    const caller = new AbortController();
    const deadline = createDeadline(1_000, caller.signal);
    expect(vi.getTimerCount()).toBe(1);
    deadline.dispose();
    expect(vi.getTimerCount()).toBe(0);
    caller.abort();
    vi.advanceTimersByTime(5_000);
    expect(deadline.signal.aborted).toBe(false);
    expect(deadline.expired).toBe(false);
  });
});
