import { describe, expect, it } from 'vitest';
import { createInFlight } from '../../../src/runtime/create-in-flight.js';

describe('createInFlight', () => {
  it('counts work until it settles, either way, and passes it on unchanged', async () => {
    const inFlight = createInFlight();
    let resolve!: (value: string) => void;
    let reject!: (error: Error) => void;
    const ok = inFlight.track(new Promise<string>((r) => (resolve = r)));
    const failed = inFlight.track(new Promise<string>((_r, j) => (reject = j)));
    expect(inFlight.size).toBe(2);
    resolve('done');
    expect(await ok).toBe('done');
    expect(inFlight.size).toBe(1);
    reject(new Error('boom'));
    await expect(failed).rejects.toThrow('boom');
    expect(inFlight.size).toBe(0);
  });

  it('settled(): true at once when idle, true when the last work ends, false after the timeout', async () => {
    const inFlight = createInFlight();
    expect(await inFlight.settled(0)).toBe(true);
    let finish!: () => void;
    void inFlight.track(new Promise<void>((r) => (finish = r)));
    expect(await inFlight.settled(20)).toBe(false);
    const waiting = inFlight.settled(5_000);
    finish();
    expect(await waiting).toBe(true);
  });
});
