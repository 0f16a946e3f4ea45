/**
 * SECURITY.md §H 51, "Cancellation" (issue 9 item 3): when the client cancels
 * a call (`notifications/cancelled` over stdio; over Streamable HTTP the
 * request going away), its upstream request is aborted at once (the upstream
 * sees its socket close within a second), its turn at the origin is freed for
 * the next call, and a retry it was waiting for never goes out. Real SDK v2
 * clients against `serve` and a generated project, over stdio and HTTP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLI,
  type HttpServerProcess,
  REPO_ROOT,
  type ServerLaunch,
  startHttpServer,
} from '../helpers/mcp-session.js';
import { json, type RecordingUpstream, startRecordingUpstream } from '../helpers/recording-upstream.js';
import { until } from '../helpers/until.js';
import { useBackEnds } from './back-ends.js';
import { requestsTo, status } from './misbehaving-routes.js';

const backEnds = useBackEnds('cancellation');
let upstream: RecordingUpstream;
/** When each held request's connection closed, by request URL (performance.now()). */
const closedAt = new Map<string, number>();
const arrived = new Set<string>();

beforeAll(async () => {
  upstream = await startRecordingUpstream({
    // Accepts and never answers; notes when the proxy lets go of the connection.
    'GET /v1/things/*': (request, res: ServerResponse) => {
      arrived.add(request.url);
      res.on('close', () => closedAt.set(request.url, performance.now()));
    },
    'GET /v1/things/retry-*': status(503, { 'retry-after': '2' }),
    'GET /v1/things/warm': json(200, { warm: true }),
  });
});

afterAll(async () => {
  await upstream?.close();
});

interface Connected {
  client: Client;
  close(): Promise<void>;
}

/**
 * The SDK's stdio transport passes HOME on to the server: a cache folder of its
 * own keeps `serve`'s model cache out of the user's home.
 */
const cacheHome = mkdtempSync(join(tmpdir(), 'openapi-mcp-cancel-cache-'));
afterAll(() => rmSync(cacheHome, { recursive: true, force: true }));

async function connectStdio(launch: ServerLaunch): Promise<Connected> {
  const client = new Client(
    { name: 'reliability-cancel', version: '0.0.0' },
    { versionNegotiation: { mode: 'auto' } },
  );
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [...(launch.entry ?? [CLI, 'serve']), ...launch.serveArgs],
      env: { PATH: process.env.PATH ?? '', XDG_CACHE_HOME: cacheHome, ...launch.env },
      stderr: 'pipe',
      cwd: REPO_ROOT,
    }),
  );
  return { client, close: () => client.close() };
}

async function connectHttp(launch: ServerLaunch): Promise<Connected> {
  const server: HttpServerProcess = await startHttpServer(launch);
  const client = new Client(
    { name: 'reliability-cancel', version: '0.0.0' },
    { versionNegotiation: { mode: 'auto' } },
  );
  await client.connect(new StreamableHTTPClientTransport(new URL(server.url)));
  return {
    client,
    close: async () => {
      await client.close();
      await server.stop();
    },
  };
}

const TRANSPORTS = [
  ['stdio', connectStdio],
  ['http', connectHttp],
] as const;

describe.each(backEnds)('$label', (backEnd) => {
  describe.each(TRANSPORTS)('over %s', (transport, connect) => {
    let connected: Connected;
    const tag = `${backEnd.label}-${transport}`;

    beforeAll(async () => {
      connected = await connect(
        backEnd.launch(['--base-url', `${upstream.url}/v1`, '--max-concurrency', '1', '--max-queue', '0']),
      );
      // The first call pays for start-up (the model loaded, the schema compiled): not what is timed here.
      await connected.client.callTool({ name: 'getThing', arguments: { id: 'warm' } });
    }, 60_000);

    afterAll(async () => {
      await connected?.close();
    });

    /** Starts a call of getThing `id` that the test cancels; its rejection is expected. */
    function cancellable(id: string): { controller: AbortController; settled: Promise<unknown> } {
      const controller = new AbortController();
      const settled = connected.client
        .callTool({ name: 'getThing', arguments: { id } }, { signal: controller.signal })
        .catch((error: unknown) => error);
      return { controller, settled };
    }

    it('the upstream sees its socket close within a second of the cancel', async () => {
      const url = `/v1/things/hold-${tag}`;
      const call = cancellable(`hold-${tag}`);
      await until(() => arrived.has(url), 'the request upstream');
      const cancelledAt = performance.now();
      call.controller.abort();
      await call.settled;
      await until(() => closedAt.has(url), 'the upstream socket to close', 2_000);
      expect(closedAt.get(url)! - cancelledAt).toBeLessThan(1_000);
    });

    it('the cancelled call gives its turn back: the next call goes out (max-concurrency 1, no queue)', async () => {
      const first = cancellable(`turn-a-${tag}`);
      await until(() => arrived.has(`/v1/things/turn-a-${tag}`), 'the first request upstream');
      first.controller.abort();
      await first.settled;
      await until(() => closedAt.has(`/v1/things/turn-a-${tag}`), 'the first socket to close', 2_000);
      const second = cancellable(`turn-b-${tag}`);
      await until(() => arrived.has(`/v1/things/turn-b-${tag}`), 'the second request upstream');
      second.controller.abort();
      await second.settled;
      // Its turn too must be back before the next test asks for the only one.
      await until(() => closedAt.has(`/v1/things/turn-b-${tag}`), 'the second socket to close', 2_000);
    });

    it('a cancel during the Retry-After wait stops the retry', async () => {
      const id = `retry-${tag}`;
      const call = cancellable(id);
      await until(() => requestsTo(upstream.requests, 'GET', `/v1/things/${id}`) === 1, 'the first try');
      await new Promise((resolve) => setTimeout(resolve, 200));
      call.controller.abort();
      await call.settled;
      // The retry was due two seconds after the first try.
      await new Promise((resolve) => setTimeout(resolve, 2_300));
      expect(requestsTo(upstream.requests, 'GET', `/v1/things/${id}`)).toBe(1);
    });
  });
});
