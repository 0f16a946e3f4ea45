/**
 * MCP over stdio: one client on stdin/stdout, both protocol eras.
 * Nothing but protocol may reach stdout; logs go through `log` (stderr).
 */
import type { Readable, Writable } from 'node:stream';
import type { Server } from '@modelcontextprotocol/server';
import { StdioServerTransport, serveStdio as sdkServeStdio } from '@modelcontextprotocol/server/stdio';
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
}

/**
 * Serves the factory's servers over stdio until stdin ends or `close()` is called.
 *
 * The SDK pins one instance per connection, chosen by the first message: a
 * `server/discover` (2026-07-28) or an `initialize` (2025 era) both work.
 * When the client closes stdin we close the upstream pool too, so the process
 * can exit on its own as the stdio binding asks.
 */
export async function serveStdio(
  factory: () => Server,
  caller: Pick<ToolCaller, 'close'>,
  options: ServeStdioOptions,
): Promise<Omit<RunningServer, 'toolCount' | 'toolMode' | 'operationCount' | 'ready'>> {
  const stdin = options.stdin ?? process.stdin;
  const stdout = options.stdout ?? process.stdout;
  const handle = sdkServeStdio(factory, {
    legacy: 'serve',
    transport: new StdioServerTransport(stdin, stdout),
    onerror: (error) =>
      options.log(`${options.programName ?? 'openapi-mcp'}: stdio transport error: ${error.message}`),
  });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      stdin.off('end', onInputEnd);
      stdin.off('close', onInputEnd);
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
