/**
 * Keeps a message too large for the stdio transport from closing it. The
 * SDK's `StdioServerTransport` closes itself when a line passes its buffer
 * (10 MiB), and answers nothing: the client's call, and every later one,
 * waits for its own timeout while the process lives on. This guard sits
 * between stdin and the transport: lines within the limit pass as they are;
 * the bytes of a longer one are dropped as they arrive (the part already
 * passed on is ended with a newline, so the transport discards it as
 * unparsable), and once the line ends the caller is told its JSON-RPC id, to
 * answer with an error.
 *
 * Vendored byte for byte into generated projects: imports nothing of ours
 * outside this folder.
 */
import {
  createJsonRpcIdScanner,
  type JsonRpcId,
  type JsonRpcIdScanner,
} from './create-json-rpc-id-scanner.js';

export interface StdioLineGuardOptions {
  /** Longest line (without its newline) passed on. */
  maxLineBytes: number;
  /** Passes bytes on to the transport. */
  forward(bytes: Buffer): void;
  /**
   * An oversized line has ended: its JSON-RPC id when it was a request (an id
   * and a method: a response or notification has nothing to answer), and its length.
   */
  onTooLarge(id: JsonRpcId | undefined, bytes: number): void;
}

const NEWLINE = 0x0a;
const NEWLINE_BYTES = Buffer.from('\n');

/** Returns the function stdin's chunks go to. */
export function createStdioLineGuard(options: StdioLineGuardOptions): (chunk: Buffer) => void {
  const { maxLineBytes, forward, onTooLarge } = options;
  /** Bytes of the current line so far. */
  let lineBytes = 0;
  /** The pieces of the current line already passed on (references, not copies), for the scanner if it grows too long. */
  let passed: Buffer[] = [];
  /** Set while an oversized line is being dropped. */
  let scanner: JsonRpcIdScanner | undefined;

  return (chunk) => {
    /** The first byte of `chunk` neither passed on nor dropped. */
    let from = 0;
    let at = 0;
    while (at < chunk.length) {
      const newline = chunk.indexOf(NEWLINE, at);
      const end = newline === -1 ? chunk.length : newline;
      if (scanner === undefined && lineBytes + (end - at) > maxLineBytes) {
        // Whole lines before this one go on; this one stops here.
        if (at > from) forward(chunk.subarray(from, at));
        if (lineBytes > 0) forward(NEWLINE_BYTES);
        scanner = createJsonRpcIdScanner();
        for (const piece of passed) scanner.feed(piece);
        passed = [];
      }
      if (scanner !== undefined) {
        scanner.feed(chunk.subarray(at, end));
        from = newline === -1 ? chunk.length : newline + 1;
      } else if (newline === -1) {
        passed.push(chunk.subarray(at, end));
      }
      lineBytes += end - at;
      if (newline === -1) break;
      if (scanner !== undefined) {
        onTooLarge(scanner.hasMethod() ? scanner.id() : undefined, lineBytes);
        scanner = undefined;
      }
      passed = [];
      lineBytes = 0;
      at = newline + 1;
    }
    if (from < chunk.length && scanner === undefined) forward(chunk.subarray(from));
  };
}
