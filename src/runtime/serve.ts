/**
 * The one entry point that serves a model: shared by `openapi-mcp serve` and by
 * every generated project (this folder is vendored byte for byte).
 */
import type { ApiModel } from '../model/types.js';
import { createMcpServer } from './create-mcp-server.js';
import { createToolCaller } from './create-tool-caller.js';
import { applyToolMode } from './discovery/apply-tool-mode.js';
import { serveHttp } from './serve-http.js';
import { serveStdio } from './serve-stdio.js';
import type { ServerExtensions } from './server-extensions.js';
import type { ToolMode } from './tool-mode.js';
import type { RuntimeOptions } from './types.js';

/** Everything {@link serve} needs; all defaults resolved by the caller (see `resolveServeOptions`). */
export type ServeOptions = RuntimeOptions & {
  /** `stdio` (one client over stdin/stdout) or `http` (Streamable HTTP on `/mcp`). */
  transport: 'stdio' | 'http';
  /** HTTP only: interface to bind, e.g. `127.0.0.1`. */
  host: string;
  /** HTTP only: TCP port; `0` picks a free one (read it back from `RunningServer.url`). */
  port: number;
  /** HTTP only: bearer token clients must send to `/mcp`; never forwarded upstream. */
  httpToken?: string;
  /** MCP server name announced to clients. */
  serverName: string;
  /** MCP server version announced to clients. */
  serverVersion: string;
  /**
   * `all`, `discovery` or `auto` (see `chooseToolMode`).
   * @default 'auto'
   */
  tools?: ToolMode;
  /** Custom tools, tool overrides and hooks (a generated project's `src/extend.ts`); checked at start-up. */
  extensions?: ServerExtensions;
  /**
   * The program name that starts the transports' log lines.
   * @default 'openapi-mcp'
   */
  programName?: string;
};

/** A server that is accepting clients. */
export interface RunningServer {
  /** HTTP only: the MCP endpoint, e.g. `http://127.0.0.1:3000/mcp`. */
  url?: string;
  /** Tools `tools/list` gives: the model's, minus hidden ones, plus custom ones. */
  toolCount: number;
  /** The mode the tools are published in (what `auto` picked, when it was asked for). */
  toolMode: 'all' | 'discovery';
  /** Operations a client can call, directly (`all`) or through `call_operation` (`discovery`). */
  operationCount: number;
  /** Stops accepting clients and closes the upstream connection pool. Idempotent. */
  close(): Promise<void>;
}

/**
 * Serves `model` as an MCP server over stdio or Streamable HTTP.
 *
 * The tool caller (schemas compiled, HTTP pool) is built once here; the MCP
 * server factory handed to the transport is cheap, because stateless HTTP
 * calls it for every request.
 */
export async function serve(model: ApiModel, options: ServeOptions): Promise<RunningServer> {
  const full = createToolCaller(model, options, options.extensions);
  let mode: ReturnType<typeof applyToolMode>;
  try {
    mode = applyToolMode(full, options.tools ?? 'auto');
  } catch (error) {
    await full.close();
    throw error;
  }
  const { caller } = mode;
  const factory = createMcpServer(
    caller,
    { name: options.serverName, version: options.serverVersion },
    { log: options.log, ...(options.programName !== undefined && { programName: options.programName }) },
  );
  try {
    const running =
      options.transport === 'http'
        ? await serveHttp(factory, caller, options)
        : await serveStdio(factory, caller, {
            log: options.log,
            ...(options.programName !== undefined && { programName: options.programName }),
          });
    return {
      ...running,
      toolCount: caller.tools.length,
      toolMode: mode.mode,
      operationCount: caller.operations.size,
    };
  } catch (error) {
    await caller.close();
    throw error;
  }
}
