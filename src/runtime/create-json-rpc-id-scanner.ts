/**
 * Finds the top-level `"id"` (and whether there is a `"method"`) of a JSON-RPC message fed in pieces, without
 * holding the message: what the stdio guard needs to answer a request too
 * large to parse (clients put `id` anywhere; the SDK's puts it last, after
 * the params). Bytes are enough: every structural character of JSON is ASCII,
 * and no byte of a multi-byte UTF-8 character is one.
 *
 * Vendored byte for byte into generated projects: imports nothing of ours
 * outside this folder.
 */

/** A JSON-RPC id: a string or a number. */
export type JsonRpcId = string | number;

export interface JsonRpcIdScanner {
  /** Scans the next bytes of the message. */
  feed(bytes: Uint8Array): void;
  /** The first top-level `id` seen so far, if it was a string or a number. */
  id(): JsonRpcId | undefined;
  /** Whether a top-level `method` key was seen: a request (with an id) or a notification, not a response. */
  hasMethod(): boolean;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN = new Set([0x7b, 0x5b]); // { [
const CLOSE = new Set([0x7d, 0x5d]); // } ]
const BLANK = new Set([0x20, 0x09, 0x0a, 0x0d]);
/** Longer keys are not `id`; longer values are no id a client would send. */
const MAX_KEY = 8;
const MAX_VALUE = 1_024;

export function createJsonRpcIdScanner(): JsonRpcIdScanner {
  let depth = 0;
  let inString = false;
  let escaped = false;
  /** At depth 1, where the next string is a key. */
  let expectKey = false;
  /** The key being read (depth 1), or undefined. */
  let key: string | undefined;
  /** The last key read, until its `:`. */
  let lastKey: string | undefined;
  /** After `"id":`, before its value starts. */
  let awaitingValue = false;
  /** The id's bytes as read so far (a string keeps its quotes and escapes). */
  let value: number[] | undefined;
  let found: JsonRpcId | undefined;
  let sawMethod = false;
  /** Nothing left to learn: the id and `method` both found. */
  let done = false;

  const finishValue = (): void => {
    if (value === undefined) return;
    const text = new TextDecoder().decode(Uint8Array.from(value));
    value = undefined;
    if (found !== undefined) return;
    try {
      const parsed: unknown = JSON.parse(text);
      if (
        found === undefined &&
        (typeof parsed === 'string' || (typeof parsed === 'number' && Number.isFinite(parsed)))
      ) {
        found = parsed;
        done = sawMethod;
      }
    } catch {
      // Not a valid id: keep looking (a later "id" could still be one).
    }
  };

  const feedByte = (byte: number): void => {
    if (inString) {
      if (key !== undefined && key.length <= MAX_KEY) key += String.fromCharCode(byte);
      if (value !== undefined && value.length <= MAX_VALUE) value.push(byte);
      if (escaped) escaped = false;
      else if (byte === BACKSLASH) escaped = true;
      else if (byte === QUOTE) {
        inString = false;
        if (key !== undefined) {
          // The quotes are in `key`: compare with them.
          lastKey = key;
          key = undefined;
          if (lastKey === '"method"') {
            sawMethod = true;
            done = found !== undefined;
          }
        } else if (value !== undefined) finishValue();
      }
      return;
    }
    if (value !== undefined && (byte === COMMA || CLOSE.has(byte) || BLANK.has(byte))) finishValue();
    if (BLANK.has(byte)) return;
    if (byte === QUOTE) {
      inString = true;
      if (depth === 1 && expectKey) {
        expectKey = false;
        key = '"';
      } else if (depth === 1 && awaitingValue) {
        awaitingValue = false;
        value = [QUOTE];
      }
      return;
    }
    if (byte === COLON) {
      if (depth === 1) awaitingValue = lastKey === '"id"';
      lastKey = undefined;
      return;
    }
    if (OPEN.has(byte)) {
      // An object or array is no id.
      awaitingValue = false;
      depth += 1;
      if (depth === 1 && byte === 0x7b) expectKey = true;
      return;
    }
    if (CLOSE.has(byte)) {
      depth -= 1;
      return;
    }
    if (byte === COMMA) {
      if (depth === 1) expectKey = true;
      return;
    }
    // A number or a literal (`null`, `true`...).
    if (depth === 1 && awaitingValue) {
      awaitingValue = false;
      value = [];
    }
    if (value !== undefined && value.length <= MAX_VALUE) value.push(byte);
  };

  return {
    feed(bytes) {
      // Inside a string nothing matters but its end: jump to the next quote or
      // backslash (native searches, each position searched once per piece).
      let nextQuote = -2;
      let nextBackslash = -2;
      let i = 0;
      while (i < bytes.length && !done) {
        if (inString && !escaped && key === undefined && value === undefined) {
          if (nextQuote !== -1 && nextQuote < i) nextQuote = bytes.indexOf(QUOTE, i);
          if (nextBackslash !== -1 && nextBackslash < i) nextBackslash = bytes.indexOf(BACKSLASH, i);
          const next =
            nextQuote === -1
              ? nextBackslash
              : nextBackslash === -1
                ? nextQuote
                : Math.min(nextQuote, nextBackslash);
          if (next === -1) return;
          i = next;
        }
        feedByte(bytes[i] as number);
        i += 1;
      }
    },
    id: () => found,
    hasMethod: () => sawMethod,
  };
}
