/**
 * What a result may say about an exception thrown by user code (a hook or a
 * custom tool): its message, on one bounded line, never its stack.
 */

/** Most characters of a thrown message shown in a result. */
const MAX_MESSAGE_CHARS = 500;

/** The message of `error` (or its type when it is not an Error), one line, at most 500 characters. */
export function describeThrown(error: unknown): string {
  const raw =
    error instanceof Error
      ? `${error.name}: ${error.message}`
      : typeof error === 'string'
        ? error
        : `a thrown ${error === null ? 'null' : typeof error}`;
  const line = raw.replace(/\s+/g, ' ').trim();
  return line.length > MAX_MESSAGE_CHARS ? `${line.slice(0, MAX_MESSAGE_CHARS - 1)}…` : line;
}
