/**
 * Starts `openapi-mcp serve` from the built CLI (dist/) and connects MCP
 * clients of every flavour we support: SDK v2 in `auto` mode (2026-07-28),
 * SDK v2 in legacy mode (2025-11-25), and SDK 1.32.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as StdioClientTransportV1 } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport as StreamableHTTPClientTransportV1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { type Capture, captureValue, launchEnv, startCapture } from './canary.js';
import { runProcess } from './run-process.js';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = join(REPO_ROOT, 'dist/bin/openapi-mcp.js');
const TAP = join(REPO_ROOT, 'test/helpers/stdout-tap.mjs');

export const CLIENT_KINDS = ['v2-auto', 'v2-legacy', 'sdk-1.32'] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];

/** Throws a helpful error when the CLI has not been built. */
export function assertBuilt(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npx tsc -p tsconfig.build.json\` first`);
}

export interface ListedTool {
  name: string;
  title?: string;
  description?: string;
  inputSchema: unknown;
  outputSchema?: unknown;
  annotations?: unknown;
}

export interface CallOutcome {
  content: Array<{ type: string; text?: string }>;
  structuredContent?: unknown;
  isError?: boolean;
}

export interface McpSession {
  kind: ClientKind;
  /** v2 clients only: the negotiated protocol version. */
  protocolVersion: string | undefined;
  listTools(): Promise<ListedTool[]>;
  callTool(name: string, args?: Record<string, unknown>): Promise<CallOutcome>;
  close(): Promise<void>;
}

export interface StdioSession extends McpSession {
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  /** Everything the server wrote to stdout (the probe process's too, in auto mode). */
  stdout(): string;
}

/**
 * Only what a spawned server needs: never the test runner's own environment.
 * `XDG_CACHE_HOME` is the caller's temp folder, so `serve`'s model cache
 * never writes into the user's home (a test may still pass `--cache-dir`).
 */
function childEnv(cacheHome: string, extra: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', XDG_CACHE_HOME: cacheHome, ...extra };
}

/** Calls a tool, every result and protocol error written to the canary capture. */
async function capturedCall(capture: Capture, call: () => Promise<unknown>): Promise<CallOutcome> {
  try {
    const result = await call();
    captureValue(capture, result);
    return result as CallOutcome;
  } catch (error) {
    capture.write(`${error instanceof Error ? error.message : String(error)}\n`);
    throw error;
  }
}

function wrapV2(kind: ClientKind, client: Client, capture: Capture): McpSession {
  return {
    kind,
    protocolVersion: client.getNegotiatedProtocolVersion(),
    listTools: async () => (await client.listTools()).tools as ListedTool[],
    callTool: (name, args = {}) => capturedCall(capture, () => client.callTool({ name, arguments: args })),
    close: () => client.close(),
  };
}

function wrapV1(client: ClientV1, capture: Capture): McpSession {
  return {
    kind: 'sdk-1.32',
    protocolVersion: undefined,
    listTools: async () => (await client.listTools()).tools as ListedTool[],
    callTool: (name, args = {}) => capturedCall(capture, () => client.callTool({ name, arguments: args })),
    close: () => client.close(),
  };
}

function newV2Client(kind: ClientKind): Client {
  return new Client(
    { name: `e2e-${kind}`, version: '0.0.0' },
    kind === 'v2-auto' ? { versionNegotiation: { mode: 'auto' } } : {},
  );
}

/** How to start a server process. */
export interface ServerLaunch {
  serveArgs: string[];
  env?: Record<string, string>;
  /** Replaces `[CLI, 'serve']`, e.g. `[<generated>/dist/main.js]` for a generated server. */
  entry?: string[];
  /** The Node binary the server runs on (the test runner's by default). */
  node?: string;
}

/** Spawns `serve` over stdio behind a stdout tap and connects a client of `kind`. */
export async function startStdioSession(kind: ClientKind, options: ServerLaunch): Promise<StdioSession> {
  const dir = mkdtempSync(join(tmpdir(), 'openapi-mcp-e2e-'));
  const tapFile = join(dir, 'stdout.log');
  const env = await launchEnv({ ...options, cwd: REPO_ROOT }, options.env);
  const capture = startCapture(`stdio-${kind}`);
  const params = {
    command: process.execPath,
    args: [TAP, options.node ?? process.execPath, ...(options.entry ?? [CLI, 'serve']), ...options.serveArgs],
    env: childEnv(join(dir, 'cache'), { ...env, STDOUT_TAP_FILE: tapFile }),
    stderr: 'pipe' as const,
    cwd: REPO_ROOT,
  };
  let stderr = '';
  let session: McpSession;
  if (kind === 'sdk-1.32') {
    const transport = new StdioClientTransportV1(params);
    transport.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      capture.write(chunk.toString('utf8'));
    });
    const client = new ClientV1({ name: 'e2e-sdk-1.32', version: '0.0.0' });
    await client.connect(transport);
    session = wrapV1(client, capture);
  } else {
    const transport = new StdioClientTransport(params);
    transport.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      capture.write(chunk.toString('utf8'));
    });
    const client = newV2Client(kind);
    await client.connect(transport);
    session = wrapV2(kind, client, capture);
  }
  return {
    ...session,
    stderr: () => stderr,
    stdout: () => (existsSync(tapFile) ? readFileSync(tapFile, 'utf8') : ''),
    close: async () => {
      await session.close();
      // Everything on stdout: the protocol messages, and anything that was not one.
      if (existsSync(tapFile)) capture.write(readFileSync(tapFile, 'utf8'));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A `serve --transport http` child process. */
export interface HttpServerProcess {
  /** The MCP endpoint the server announced. */
  url: string;
  child: ChildProcess;
  stderr(): string;
  stdout(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Spawns `serve --transport http --port 0` and waits for its "listening on"
 * line and then its "serving N tools" line: the transport starts before the
 * model is loaded, and a signal before the tools are ready exits with 130/143.
 */
export async function startHttpServer(options: ServerLaunch): Promise<HttpServerProcess> {
  const env = await launchEnv({ ...options, cwd: REPO_ROOT }, options.env);
  const capture = startCapture('http-server');
  const cacheHome = mkdtempSync(join(tmpdir(), 'openapi-mcp-e2e-cache-'));
  const child = spawn(
    options.node ?? process.execPath,
    [
      ...(options.entry ?? [CLI, 'serve']),
      '--transport',
      'http',
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      ...options.serveArgs,
    ],
    { cwd: REPO_ROOT, env: childEnv(cacheHome, env), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    capture.write(chunk.toString('utf8'));
  });
  child.stderr?.on('data', (chunk: Buffer) => capture.write(chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      rmSync(cacheHome, { recursive: true, force: true });
      resolve(code);
    }),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${stderr}`)), 15_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const match = /listening on (http:\/\/\S+)/.exec(stderr);
      // The line that says the tools are ready (discovery mode adds how many operations they reach).
      if (match?.[1] && /: serving \d+ tools? (\(discovery mode [^)]*\) )?from /.test(stderr)) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${stderr}`));
    });
  });
  return {
    url,
    child,
    stderr: () => stderr,
    stdout: () => stdout,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Connects a client of `kind` to a Streamable HTTP endpoint, optionally with extra request headers. */
export async function connectHttp(
  kind: ClientKind,
  url: string,
  options: { headers?: Record<string, string> } = {},
): Promise<McpSession> {
  const requestInit = options.headers ? { headers: options.headers } : undefined;
  const capture = startCapture(`http-client-${kind}`);
  if (kind === 'sdk-1.32') {
    const client = new ClientV1({ name: 'e2e-sdk-1.32', version: '0.0.0' });
    await client.connect(
      new StreamableHTTPClientTransportV1(new URL(url), requestInit ? { requestInit } : {}),
    );
    return wrapV1(client, capture);
  }
  const client = newV2Client(kind);
  await client.connect(new StreamableHTTPClientTransport(new URL(url), requestInit ? { requestInit } : {}));
  return wrapV2(kind, client, capture);
}

/** Runs the built CLI to completion. */
export async function runCli(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const cwd = options.cwd ?? REPO_ROOT;
  // A served spec gets the canary in its credential variables, like every other server of the tests.
  const env =
    args[0] === 'serve' ? await launchEnv({ serveArgs: args.slice(1), cwd }, options.env) : options.env;
  const capture = startCapture(`cli-${args[0] ?? 'none'}`);
  const cacheHome = mkdtempSync(join(tmpdir(), 'openapi-mcp-cli-cache-'));
  try {
    const { code, stdout, stderr, output } = await runProcess(process.execPath, [CLI, ...args], {
      cwd,
      env: childEnv(cacheHome, env ?? {}),
      timeoutMs: options.timeoutMs ?? 20_000,
    });
    capture.write(output);
    return { code, stdout, stderr };
  } finally {
    rmSync(cacheHome, { recursive: true, force: true });
  }
}
