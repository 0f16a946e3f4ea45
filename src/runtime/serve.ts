/**
 * The one entry point that serves a model: shared by `openapi-mcp serve` and by
 * every generated project (this folder is vendored byte for byte).
 */
import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';
import type { ApiModel } from '../model/types.js';
import { AUTO_BUDGET } from './choose-tool-mode.js';
import { createInFlight } from './create-in-flight.js';
import { createMcpServer } from './create-mcp-server.js';
import { listDiscoveryTools } from './discovery/list-discovery-tools.js';
import { serveStdio } from './serve-stdio.js';
import type { ServerExtensions } from './server-extensions.js';
import type { ToolMode } from './tool-mode.js';
import type { RuntimeOptions, ToolCaller, ToolDefinition } from './types.js';

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
  /** Told how long building the tool caller took (schemas compiled): progress for large models. */
  onStep?: (step: 'compile', ms: number) => void;
  /**
   * How long `close()` (and, over stdio, the end of stdin) lets calls in flight
   * finish before they are cancelled.
   * @default 10000
   */
  shutdownGraceMs?: number;
  /** HTTP only: largest MCP request body; larger ones get 413. @default 4 MiB */
  maxRequestBytes?: number;
  /** HTTP only: requests per second per client; past it 429 with `Retry-After`. @default no limit */
  rateLimit?: number;
  /**
   * What is known of a model still loading (its operation count, from a model
   * cache's header): when that alone decides the tool list (discovery mode,
   * no extensions), `tools/list` is answered from it without waiting for the model.
   */
  preview?: Promise<ModelPreview>;
};

/** What a model cache knows of a model before parsing it. */
export interface ModelPreview {
  /** The model's operations (`model.operations.length`). */
  operationCount: number;
}

/** A server that is accepting clients. */
export interface RunningServer {
  /** HTTP only: the MCP endpoint, e.g. `http://127.0.0.1:3000/mcp`. */
  url?: string;
  /**
   * Tools `tools/list` gives: the model's, minus hidden ones, plus custom ones.
   * 0 until {@link ready} resolves.
   */
  readonly toolCount: number;
  /** The mode the tools are published in (what `auto` picked, when it was asked for); `all` until {@link ready}. */
  readonly toolMode: 'all' | 'discovery';
  /** Operations a client can call, directly (`all`) or through `call_operation` (`discovery`); 0 until {@link ready}. */
  readonly operationCount: number;
  /**
   * Resolves once the model is loaded and its tools built (at once when
   * `serve` was given a model); rejects with the load or build error, which
   * clients asking for tools meanwhile get as an internal error.
   */
  ready: Promise<void>;
  /**
   * Stops accepting clients, lets calls in flight finish (within
   * `shutdownGraceMs`, then cancels the rest) and closes the upstream
   * connection pool. Idempotent.
   */
  close(): Promise<void>;
}

/**
 * Serves `model` as an MCP server over stdio or Streamable HTTP.
 *
 * `model` may still be loading (a promise): the transport starts first, so
 * `initialize` and `server/discover` are answered at once whatever the spec's
 * size, and `tools/list`/`tools/call` wait for the tools (or get the load
 * error). A model given ready is compiled before the transport starts, and
 * its errors reject this call.
 *
 * The tool caller (schemas compiled, HTTP pool) is built once here; the MCP
 * server factory handed to the transport is cheap, because stateless HTTP
 * calls it for every request.
 */
export async function serve(
  model: ApiModel | Promise<ApiModel>,
  options: ServeOptions,
): Promise<RunningServer> {
  const compile = async (loaded: ApiModel): Promise<ToolCaller> => {
    // Loaded once the transport listens (ajv, undici and the validators are
    // not needed to answer `initialize`), after a turn of the event loop, so
    // messages that arrived while the model loaded are answered first.
    const [{ createToolCaller }, { applyToolMode }] = await Promise.all([
      import('./create-tool-caller.js'),
      import('./discovery/apply-tool-mode.js'),
      new Promise((resolve) => setImmediate(resolve)),
    ]);
    const started = performance.now();
    const full = createToolCaller(loaded, options, options.extensions);
    let applied: ReturnType<typeof applyToolMode>;
    try {
      applied = applyToolMode(full, options.tools ?? 'auto');
    } catch (error) {
      await full.close();
      throw error;
    }
    options.onStep?.('compile', performance.now() - started);
    toolMode = applied.mode;
    return applied.caller;
  };
  let toolMode: 'all' | 'discovery' = 'all';
  const built: Promise<ToolCaller> = Promise.resolve(model).then(compile);
  // A model given ready fails (bad extensions, say) before anything listens, as it always has.
  if (!(model instanceof Promise)) await built;
  let toolCount = 0;
  let operationCount = 0;
  const ready = built.then((caller) => {
    toolCount = caller.tools.length;
    operationCount = caller.operations.size;
  });
  // The caller of serve() owns the error (through `ready`); this only marks it handled.
  ready.catch(() => {});
  const programName = options.programName ?? 'openapi-mcp';
  const forClients = built.catch((error: unknown) => {
    throw new ProtocolError(
      ProtocolErrorCode.InternalError,
      `${programName} could not load its tools: ${describeLoadError(error)}`,
    );
  });
  const pool = {
    // Closing before the tools exist waits for nothing: a failed load has no pool.
    close: () =>
      built.then(
        (caller) => caller.close(),
        () => {},
      ),
  };
  // Over stdio the calls in flight are counted here; HTTP counts its requests itself, so its
  // calls go to the caller untracked.
  const inFlight = createInFlight();
  const tracked =
    options.transport === 'http'
      ? forClients
      : forClients.then(
          (caller): ToolCaller => ({
            tools: caller.tools,
            operations: caller.operations,
            has: (name) => caller.has(name),
            describe: (name) => caller.describe(name),
            call: (name, args, signal) => inFlight.track(caller.call(name, args, signal)),
            close: () => caller.close(),
          }),
        );
  tracked.catch(() => {});
  const factory = createMcpServer(
    tracked,
    { name: options.serverName, version: options.serverVersion },
    { log: options.log, programName, listing: earlyListing(options, tracked) },
  );
  try {
    // The HTTP transport's modules load only when it is used: stdio starts sooner.
    const running =
      options.transport === 'http'
        ? await (await import('./serve-http.js')).serveHttp(factory, pool, options)
        : await serveStdio(factory, pool, {
            log: options.log,
            programName,
            inFlight,
            ...(options.shutdownGraceMs !== undefined && { shutdownGraceMs: options.shutdownGraceMs }),
          });
    return {
      ...running,
      get toolCount() {
        return toolCount;
      },
      get toolMode() {
        return toolMode;
      },
      get operationCount() {
        return operationCount;
      },
      ready,
    };
  } catch (error) {
    await pool.close();
    throw error;
  }
}

/**
 * The tools to list: the caller's, or, when a preview of the model arrives
 * first and fixes them, the discovery meta-tools for its operation count
 * (what the caller will list too: with no extensions every operation is
 * published, and `auto` decides on the count first). A cache hit on a
 * 20,000-operation spec then answers `tools/list` before its model is parsed.
 */
function earlyListing(
  options: Pick<ServeOptions, 'preview' | 'extensions' | 'tools'>,
  caller: Promise<ToolCaller>,
): Promise<readonly ToolDefinition[]> {
  const built = caller.then((c) => c.tools);
  const mode = options.tools ?? 'auto';
  if (options.preview === undefined || options.extensions !== undefined || mode === 'all') return built;
  const previewed = options.preview.then(
    (preview): Promise<readonly ToolDefinition[]> | readonly ToolDefinition[] =>
      mode === 'discovery' || preview.operationCount > AUTO_BUDGET.maxTools
        ? listDiscoveryTools(preview.operationCount)
        : built,
  );
  // A preview that fails (never for a cache) leaves the caller's list.
  return Promise.race([built, previewed.catch(() => built)]);
}

/** `CODE: message` for our errors, the message alone otherwise (never a stack). */
function describeLoadError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' && code.startsWith('OMCP_') ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}
