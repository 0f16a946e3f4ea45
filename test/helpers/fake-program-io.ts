/**
 * A `ProgramIo` that records instead of touching the process: the server
 * program's unit tests send "signals" and read exit codes through it.
 */
import type { ProgramIo, StopSignal } from '../../src/runtime/program-io.js';
import { startCapture } from './canary.js';

export interface FakeProgramIo extends ProgramIo {
  stdout: string[];
  stderr: string[];
  /** Every code given to `setExitCode`, in order. */
  exitCodes: number[];
  /** Every code given to `exit`, in order. */
  exits: number[];
  /** How many signal listeners are subscribed now. */
  listeners(): number;
  /** Delivers `signal` to the subscribed listeners, as the process would. */
  signal(signal: StopSignal): void;
  /** Resolves on the next `exit` call. */
  nextExit(): Promise<number>;
}

export function createFakeProgramIo(
  options: { argv?: string[]; env?: Record<string, string> } = {},
): FakeProgramIo {
  const listeners = new Set<(signal: StopSignal) => void>();
  // What the server program writes goes to the canary search too.
  const capture = startCapture('program-io');
  const waiting: Array<(code: number) => void> = [];
  const io: FakeProgramIo = {
    argv: options.argv ?? [],
    env: options.env ?? {},
    stdout: [],
    stderr: [],
    exitCodes: [],
    exits: [],
    writeOut: (text) => {
      capture.write(text);
      io.stdout.push(text);
    },
    writeErr: (line) => {
      capture.write(`${line}\n`);
      io.stderr.push(line);
    },
    onSignal: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setExitCode: (code) => io.exitCodes.push(code),
    exit: (code) => {
      io.exits.push(code);
      for (const resolve of waiting.splice(0)) resolve(code);
    },
    listeners: () => listeners.size,
    signal: (signal) => {
      for (const listener of [...listeners]) listener(signal);
    },
    nextExit: () => new Promise((resolve) => waiting.push(resolve)),
  };
  return io;
}
