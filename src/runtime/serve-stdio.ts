/**
 * MCP over stdio: one client on stdin/stdout, both protocol eras.
 * Nothing but protocol may reach stdout; logs go through `log` (stderr).
 */
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { type Server, STDIO_DEFAULT_MAX_BUFFER_SIZE } from '@modelcontextprotocol/server';
import { StdioServerTransport, serveStdio as sdkServeStdio } from '@modelcontextprotocol/server/stdio';
import type { InFlight } from './create-in-flight.js';
import { createStdioLineGuard } from './create-stdio-line-guard.js';
import type { RunningServer } from './serve.js';
import type { ToolCaller } from './types.js';

/** Options of {@link serveStdio}. */
export interface ServeStdioOptions {
  /** Where transport errors are reported (stderr in the CLI). */
  log: (line: string) => void;
  /** @default 'openapi-mcp' */
  programName?: string;
  /** @default process.stdin */
  stdin?: Readable;
  /** @default process.stdout */
  stdout?: Writable;
  /** The tool calls in flight: answered before the transport closes. */
  inFlight?: InFlight;
  /**
   * How long calls in flight may finish once stdin ends or `close()` is called.
   * @default 10000
   */
  shutdownGraceMs?: number;
}

/**
 * Serves the factory's servers over stdio until stdin ends or `close()` is called.
 *
 * The SDK pins one instance per connection, chosen by the first message: a
 * `server/discover` (2026-07-28) or an `initialize` (2025 era) both work.
 * When the client closes stdin we answer the calls still in flight (within
 * the grace period), then close the upstream pool too, so the process can exit
 * on its own as the stdio binding asks. The SDK's transport would close at
 * stdin's end and drop those answers, so it reads a copy of stdin that ends
 * only once they are out.
 *
 * A message longer than the SDK's line limit (10 MiB) would close the SDK's
 * transport without an answer; {@link createStdioLineGuard} drops it instead
 * and the request gets a JSON-RPC error saying why, so the server keeps serving.
 */
export async function serveStdio(
  factory: () => Server,
  caller: Pick<ToolCaller, 'close'>,
  options: ServeStdioOptions,
): Promise<Omit<RunningServer, 'toolCount' | 'toolMode' | 'operationCount' | 'ready'>> {
  const stdin = options.stdin ?? process.stdin;
  const stdout = options.stdout ?? process.stdout;
  const name = options.programName ?? 'openapi-mcp';
  const graceMs = options.shutdownGraceMs ?? 10_000;
  const input = new PassThrough();
  const maxLineBytes = STDIO_DEFAULT_MAX_BUFFER_SIZE;
  const guard = createStdioLineGuard({
    maxLineBytes,
    forward: (bytes) => {
      input.write(bytes);
    },
    onTooLarge: (id, bytes) => {
      const size = `a ${formatMiB(bytes)} message, over the ${formatMiB(maxLineBytes)} a stdio message may have`;
      if (id === undefined) {
        options.log(`${name}: stdio: dropped ${size} (no request id to answer)`);
        return;
      }
      options.log(`${name}: stdio: dropped ${size}; request ${JSON.stringify(id)} answered with an error`);
      const message = `Request Too Large: an MCP message over stdio must not exceed ${maxLineBytes} bytes (this one had ${bytes}); nothing was done`;
      // One write of one line: the transport's own answers are whole lines too, so none interleave.
      stdout.write(`${JSON.stringify({ jsonrpc: '2.0', id, error: { code: -32000, message } })}\n`);
    },
  });
  const forward = (chunk: Buffer | string): void => {
    guard(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
  };
  stdin.on('data', forward);
  const handle = sdkServeStdio(factory, {
    legacy: 'serve',
    // Room for one whole line plus a chunk: the guard keeps every line within `maxLineBytes`.
    transport: new StdioServerTransport(input, stdout, { maxBufferSize: 2 * maxLineBytes }),
    onerror: (error) => options.log(`${name}: stdio transport error: ${error.message}`),
  });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      stdin.off('end', onInputEnd);
      stdin.off('close', onInputEnd);
      stdin.off('data', forward);
      // Nothing else reading: let go of stdin, so it keeps the process alive no longer.
      if (stdin.listenerCount('data') === 0) stdin.pause();
      // A turn first: a call whose message has just arrived is still on its way to the caller.
      await new Promise((resolve) => setImmediate(resolve));
      const inFlight = options.inFlight;
      if (inFlight !== undefined && !(await inFlight.settled(graceMs))) {
        options.log(
          `${name}: ${inFlight.size} call${inFlight.size === 1 ? '' : 's'} still running after the ${graceMs / 1000} s grace period; cancelling`,
        );
      }
      // And a turn for the last answers to be written before the transport closes.
      await new Promise((resolve) => setImmediate(resolve));
      input.end();
      await handle.close().catch(() => {});
      await caller.close();
    })();
    return closing;
  };
  const onInputEnd = (): void => {
    void close();
  };
  stdin.once('end', onInputEnd);
  stdin.once('close', onInputEnd);

  return { close };
}

function formatMiB(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB`;
}
