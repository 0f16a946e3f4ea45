/**
 * MCP over Streamable HTTP on plain `node:http`: one endpoint, `/mcp`, serving
 * both protocol eras statelessly (a fresh server instance per request, so no
 * state is ever shared between clients). Bounds what one client can send
 * (body size, optional request rate) and closes gracefully: stop accepting,
 * let requests in flight finish within the grace period, then cut off the rest.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostHeaderValidation, originValidation } from '@modelcontextprotocol/node';
import { createMcpHandler, type Server } from '@modelcontextprotocol/server';
import { createInFlight } from './create-in-flight.js';
import { createNodeHandler } from './create-node-handler.js';
import { createRateLimiter } from './create-rate-limiter.js';
import { OpenapiMcpError, RuntimeErrorCode } from './errors.js';
import type { RunningServer } from './serve.js';
import type { ToolCaller } from './types.js';

/** The only path the MCP endpoint answers on. */
export const MCP_PATH = '/mcp';

/** Options of {@link serveHttp}. */
export interface ServeHttpOptions {
  host: string;
  port: number;
  /** Bearer token required on every request to `/mcp`; checked here, never passed on. */
  httpToken?: string;
  /** Used only to name the token variable in the exposure warning. */
  envPrefix: string;
  log: (line: string) => void;
  /** The program name that starts each log line. @default 'openapi-mcp' */
  programName?: string;
  /**
   * How long `close()` lets requests in flight finish before it cuts them off.
   * @default 10000
   */
  shutdownGraceMs?: number;
  /**
   * Largest MCP request body; a larger one gets 413 with a JSON-RPC error.
   * @default 4 MiB
   */
  maxRequestBytes?: number;
  /** Requests per second per client (bearer token, else remote address); past it 429 + `Retry-After`. @default no limit */
  rateLimit?: number;
}

export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;
export const DEFAULT_MAX_REQUEST_BYTES = 4 * 1024 * 1024;

/** The HTTP server could not start listening (port in use, unknown host, ...). */
export class ServerStartError extends OpenapiMcpError<typeof RuntimeErrorCode.SERVER_START> {
  constructor(message: string, options?: { cause?: unknown }) {
    super(RuntimeErrorCode.SERVER_START, message, options);
  }
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/**
 * Listens on `host:port` and serves the factory's servers on `/mcp`.
 *
 * Guards, in order, before any MCP handling:
 * 1. `Host` must name a loopback address when bound to loopback (DNS rebinding);
 * 2. a present `Origin` must be loopback or the bound host (`Origin: null` too is refused);
 * 3. any other path is 404;
 * 4. with `httpToken`, `Authorization: Bearer <token>` is required (401 otherwise);
 * 5. with `rateLimit`, a client past its rate gets 429 with `Retry-After`;
 * 6. a body past `maxRequestBytes` gets 413 (see `createNodeHandler`).
 */
export async function serveHttp(
  factory: () => Server,
  caller: Pick<ToolCaller, 'close'>,
  options: ServeHttpOptions,
): Promise<Omit<RunningServer, 'toolCount' | 'toolMode' | 'operationCount' | 'ready'>> {
  const { host, log } = options;
  const name = options.programName ?? 'openapi-mcp';
  const hostname = bracketIPv6(host);
  const loopback = isLoopbackHost(host);
  const wildcard = isWildcardHost(host);

  const checkHost = loopback ? hostHeaderValidation(unique([...LOOPBACK_NAMES, hostname])) : undefined;
  // Browsers send Origin; a page on another origin must never reach the
  // endpoint. Non-browser clients send none and pass.
  const checkOrigin = originValidation(
    loopback || wildcard ? LOOPBACK_NAMES : unique([...LOOPBACK_NAMES, hostname]),
  );
  const checkToken = options.httpToken === undefined ? undefined : createTokenCheck(options.httpToken);

  const maxRequestBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  const graceMs = options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS;
  const handler = createMcpHandler(factory, {
    legacy: 'stateless',
    maxRequestBodySize: maxRequestBytes,
    onerror: (error) => log(`${name}: MCP request failed: ${error.message}`),
  });
  const mcp = createNodeHandler(handler, {
    maxRequestBytes,
    onerror: (error) => log(`${name}: MCP request failed: ${error.message}`),
  });
  const checkRate =
    options.rateLimit === undefined
      ? undefined
      : createRateCheck(options.rateLimit, checkToken !== undefined);

  const inFlight = createInFlight();
  const open = new Set<ServerResponse>();
  let draining = false;
  const server = createServer((req, res) => {
    if (draining) {
      // A request on a connection that was already open: the listener is closed, so say so and hang up.
      writeJsonRpcError(res, 503, -32000, 'Service Unavailable: the server is shutting down', {
        Connection: 'close',
      });
      return;
    }
    if (checkHost && !checkHost(req, res)) return;
    if (!checkOrigin(req, res)) return;
    if (pathOf(req.url) !== MCP_PATH) {
      writeJsonRpcError(res, 404, -32601, 'Not Found: the MCP endpoint is /mcp');
      return;
    }
    if (checkToken && !checkToken(req, res)) return;
    if (checkRate && !checkRate(req, res)) return;
    open.add(res);
    void inFlight.track(
      new Promise<void>((resolve) => {
        res.once('close', () => {
          open.delete(res);
          // Drained: the connection this answer went out on carries no more requests.
          if (draining) server.closeIdleConnections();
          resolve();
        });
        mcp(req, res).catch((error: unknown) => {
          log(`${name}: MCP request failed: ${error instanceof Error ? error.message : String(error)}`);
          if (!res.headersSent) writeJsonRpcError(res, 500, -32603, 'Internal error');
          else res.destroy();
        });
      }),
    );
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(new ServerStartError(describeListenError(error, host, options.port), { cause: error }));
    };
    server.once('error', onError);
    server.listen(options.port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  server.on('error', (error) => log(`${name}: HTTP server error: ${error.message}`));

  const { port } = server.address() as AddressInfo;
  const url = `http://${hostname}:${port}${MCP_PATH}`;
  log(`${name} listening on ${url}`);
  if (!loopback && checkToken === undefined) {
    // Chosen over refusing to start: binding a LAN address is sometimes what a
    // developer wants (a container, a VM), but it must never be silent.
    log(
      `${name}: WARNING: ${host} is not a loopback address and no --http-token is set: ` +
        'anyone who can reach this port can call the API with your credentials. ' +
        `Set --http-token (or ${options.envPrefix}_HTTP_TOKEN), or bind 127.0.0.1.`,
    );
  }

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      // Stop accepting: the listening socket closes (a new connection is refused),
      // idle keep-alive connections are dropped, and answers still to come close theirs.
      draining = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      for (const res of open) if (!res.headersSent) res.setHeader('Connection', 'close');
      if (!(await inFlight.settled(graceMs))) {
        log(
          `${name}: ${inFlight.size} request${inFlight.size === 1 ? '' : 's'} still running after the ${graceMs / 1000} s grace period; cancelling`,
        );
      }
      await handler.close().catch(() => {});
      server.closeAllConnections();
      await stopped;
      await caller.close();
    })();
    return closing;
  };
  return { url, close };
}

/**
 * Bearer check with a constant-time compare: both sides are hashed first so
 * `timingSafeEqual` always sees equal lengths and the token length does not leak.
 */
function createTokenCheck(token: string): (req: IncomingMessage, res: ServerResponse) => boolean {
  const expected = createHash('sha256').update(token, 'utf8').digest();
  return (req, res) => {
    const header = req.headers.authorization;
    const match = header === undefined ? null : /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
    const given = match?.[1];
    const ok =
      given !== undefined && timingSafeEqual(createHash('sha256').update(given, 'utf8').digest(), expected);
    if (ok) return true;
    const challenge =
      given === undefined
        ? 'Bearer realm="openapi-mcp"'
        : 'Bearer realm="openapi-mcp", error="invalid_token"';
    writeJsonRpcError(res, 401, -32001, 'Unauthorized: a valid bearer token is required', {
      'WWW-Authenticate': challenge,
    });
    return false;
  };
}

/**
 * Keys a client by the bearer token it proved (hashed, never kept in clear)
 * when the endpoint requires one, else by its address: the stateless endpoint
 * issues no session ids, and a header the client picks freely (a session id,
 * an unchecked `Authorization`) would let it dodge the limit.
 */
function createRateCheck(
  perSecond: number,
  tokenChecked: boolean,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const limiter = createRateLimiter(perSecond);
  return (req, res) => {
    const key = tokenChecked
      ? `token:${createHash('sha256')
          .update(req.headers.authorization ?? '', 'utf8')
          .digest('base64')}`
      : `address:${req.socket.remoteAddress ?? ''}`;
    const wait = limiter.take(key);
    if (wait === 0) return true;
    writeJsonRpcError(res, 429, -32000, `Too Many Requests: retry in ${wait} s`, {
      'Retry-After': String(wait),
    });
    return false;
  };
}

function writeJsonRpcError(
  res: ServerResponse,
  status: number,
  code: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  const body = JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null });
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(body);
}

function pathOf(url: string | undefined): string {
  const raw = url ?? '/';
  const end = raw.search(/[?#]/);
  return end === -1 ? raw : raw.slice(0, end);
}

function describeListenError(error: NodeJS.ErrnoException, host: string, port: number): string {
  switch (error.code) {
    case 'EADDRINUSE':
      return `cannot listen on ${host}:${port}: the port is already in use; pass another --port (0 picks a free one)`;
    case 'EACCES':
      return `cannot listen on ${host}:${port}: permission denied; use a port above 1023`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return `cannot listen on ${host}:${port}: no such local address; pass --host 127.0.0.1 or an address of this machine`;
    default:
      return `cannot listen on ${host}:${port}: ${error.message}`;
  }
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

function bracketIPv6(host: string): string {
  const bare = stripBrackets(host);
  return bare.includes(':') ? `[${bare}]` : bare;
}

/** True for names that can only be reached from this machine. */
export function isLoopbackHost(host: string): boolean {
  const bare = stripBrackets(host).toLowerCase();
  return (
    bare === 'localhost' ||
    bare === '::1' ||
    /^127(\.\d{1,3}){3}$/.test(bare) ||
    /^::ffff:127(\.\d{1,3}){3}$/.test(bare)
  );
}

function isWildcardHost(host: string): boolean {
  const bare = stripBrackets(host);
  return bare === '0.0.0.0' || bare === '::' || bare === '';
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
