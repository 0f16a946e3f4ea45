/**
 * Exit codes of a server program (`openapi-mcp` and every generated server),
 * and the one rule mapping a thrown error to its code.
 */
import { OpenapiMcpError, RuntimeErrorCode } from './errors.js';

export const ExitCode = {
  /** Done, or closed gracefully after a signal. */
  OK: 0,
  /** A known failure: spec unreadable, server could not start, ... */
  FAILURE: 1,
  /** Bad command line: unknown flag, invalid option value. */
  USAGE: 2,
  /** SIGINT before the server ran, a second signal, or a close that took too long (128 + 2). */
  SIGINT: 130,
  /** SIGTERM likewise (128 + 15). */
  SIGTERM: 143,
} as const;

/** 2 for a bad command line or option, 1 for any other failure (bugs included). */
export function toExitCode(error: unknown): number {
  if (
    error instanceof OpenapiMcpError &&
    (error.code === RuntimeErrorCode.USAGE || error.code === RuntimeErrorCode.OPTIONS_INVALID)
  ) {
    return ExitCode.USAGE;
  }
  return ExitCode.FAILURE;
}
