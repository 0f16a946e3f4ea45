/**
 * Everything a server program touches of its process, passed in so the
 * program can be tested without real signals or exits. `createProcessIo()` is
 * the real thing; it is the only code in the runtime that touches `process`
 * beyond the stdio transport's streams.
 */
import type { Env } from './types.js';

/** The signals a server program closes gracefully on. */
export type StopSignal = 'SIGINT' | 'SIGTERM';

export interface ProgramIo {
  /** The program's arguments (without `node` and the script). */
  argv: readonly string[];
  /** Credentials, `<PREFIX>_BASE_URL`, `<PREFIX>_HTTP_TOKEN`. */
  env: Env;
  /** Writes `text` to stdout; used only for `--help`, never while serving. */
  writeOut(text: string): void;
  /** Writes one line to stderr. */
  writeErr(line: string): void;
  /**
   * True when stderr is a terminal: the program then shows each start-up
   * step with its time. Clients and tests read a pipe, and see nothing new.
   * @default false
   */
  stderrIsTerminal?: boolean;
  /** Calls `listener` on SIGINT and SIGTERM until the returned function is called. */
  onSignal(listener: (signal: StopSignal) => void): () => void;
  /** The code the process exits with once nothing is left to do. */
  setExitCode(code: number): void;
  /** Ends the process now (a second signal, a close that took too long). */
  exit(code: number): void;
}

/** The real process: argv, env, stdout, stderr, signals and exit of `process`. */
export function createProcessIo(): ProgramIo {
  return {
    argv: process.argv.slice(2),
    env: process.env,
    writeOut: (text) => {
      process.stdout.write(text);
    },
    writeErr: (line) => {
      process.stderr.write(`${line}\n`);
    },
    stderrIsTerminal: process.stderr.isTTY === true,
    onSignal: (listener) => {
      process.on('SIGINT', listener);
      process.on('SIGTERM', listener);
      return () => {
        process.off('SIGINT', listener);
        process.off('SIGTERM', listener);
      };
    },
    setExitCode: (code) => {
      process.exitCode = code;
    },
    exit: (code) => {
      process.exit(code);
    },
  };
}
