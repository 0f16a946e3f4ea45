/**
 * Streamable HTTP guards of `serve --transport http`: Origin and Host checks
 * (DNS rebinding), the endpoint bearer token, and the one-path rule.
 */
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canary } from '../helpers/canary.js';
import {
  assertBuilt,
  CLIENT_KINDS,
  connectHttp,
  type HttpServerProcess,
  REPO_ROOT,
  startHttpServer,
} from '../helpers/mcp-session.js';
import {
  petstoreRoutes,
  type RecordingUpstream,
  startRecordingUpstream,
} from '../helpers/recording-upstream.js';

const SPEC = join(REPO_ROOT, 'test/fixtures/e2e/petstore.yaml');
const MCP_TOKEN = 'mcp-endpoint-token-7f3a9c';
const API_KEY = canary();

const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
});

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http, not fetch: fetch will not let a test set `Host`. */
function raw(
  url: string,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: options.method ?? 'POST',
        path: options.path ?? target.pathname,
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...options.headers,
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body ?? (options.method === 'GET' ? undefined : INITIALIZE));
  });
}

let upstream: RecordingUpstream;

beforeAll(async () => {
  assertBuilt();
  upstream = await startRecordingUpstream(petstoreRoutes());
});

afterAll(async () => {
  await upstream?.close();
});

function serveArgs(extra: string[] = []): string[] {
  return [SPEC, '--base-url', `${upstream.url}/v1`, ...extra];
}

describe('without --http-token', () => {
  let server: HttpServerProcess;

  beforeAll(async () => {
    server = await startHttpServer({ serveArgs: serveArgs() });
  });

  afterAll(async () => {
    expect(await server?.stop()).toBe(0);
  });

  it('logs the endpoint on stderr, nothing on stdout, and no exposure warning on loopback', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    expect(server.stderr()).toContain(`openapi-mcp listening on ${server.url}`);
    expect(server.stderr()).not.toContain('WARNING');
    expect(server.stdout()).toBe('');
  });

  it('serves a plain initialize', async () => {
    const res = await raw(server.url);
    expect(res.status).toBe(200);
    expect(res.body).toContain('"protocolVersion":"2025-06-18"');
    expect(res.headers['mcp-session-id']).toBeUndefined();
  });

  it.each([
    ['a foreign Origin', { origin: 'http://evil.example' }],
    ['a foreign https Origin', { origin: 'https://evil.example' }],
    ['Origin: null', { origin: 'null' }],
    ['a foreign Host', { host: 'evil.example' }],
    ['a foreign Host with port', { host: 'evil.example:3000' }],
  ])('refuses %s with 403 before any MCP handling', async (_name, headers) => {
    upstream.reset();
    const res = await raw(server.url, { headers });
    expect(res.status).toBe(403);
    expect(res.body).not.toContain('protocolVersion');
  });

  it('accepts a loopback Origin (a local web UI)', async () => {
    const res = await raw(server.url, { headers: { origin: 'http://localhost:5173' } });
    expect(res.status).toBe(200);
  });

  it('answers GET /mcp with 405 (stateless: no server-initiated stream)', async () => {
    const res = await raw(server.url, { method: 'GET' });
    expect(res.status).toBe(405);
  });

  it.each(['/', '/other', '/mcp/extra', '/MCP'])('answers %s with 404', async (path) => {
    const res = await raw(server.url, { path });
    expect(res.status).toBe(404);
  });

  it('keeps a query string on /mcp', async () => {
    const res = await raw(server.url, { path: '/mcp?x=1' });
    expect(res.status).toBe(200);
  });
});

describe('with --http-token', () => {
  let server: HttpServerProcess;

  beforeAll(async () => {
    server = await startHttpServer({
      serveArgs: serveArgs(['--http-token', MCP_TOKEN]),
      env: { OPENAPI_MCP_API_KEY: API_KEY },
    });
  });

  afterAll(async () => {
    expect(await server?.stop()).toBe(0);
    expect(server.stderr()).not.toContain(MCP_TOKEN);
    expect(server.stderr()).not.toContain(API_KEY);
  });

  it.each([
    ['no Authorization', {}, 'Bearer'],
    ['a wrong token', { authorization: 'Bearer not-the-token' }, 'invalid_token'],
    ['a token prefix', { authorization: `Bearer ${MCP_TOKEN.slice(0, -1)}` }, 'invalid_token'],
    ['another scheme', { authorization: `Basic ${MCP_TOKEN}` }, 'Bearer'],
  ])('answers %s with 401 and a Bearer challenge, listing nothing', async (_name, headers, challenge) => {
    const res = await raw(server.url, { headers });
    expect(res.status).toBe(401);
    expect(String(res.headers['www-authenticate'])).toMatch(/^Bearer\b/);
    expect(String(res.headers['www-authenticate'])).toContain(challenge);
    expect(res.body).not.toContain('tools');
  });

  it('answers the right token with 200', async () => {
    const res = await raw(server.url, { headers: { authorization: `Bearer ${MCP_TOKEN}` } });
    expect(res.status).toBe(200);
  });

  it('checks Origin before the token', async () => {
    const res = await raw(server.url, {
      headers: { authorization: `Bearer ${MCP_TOKEN}`, origin: 'http://evil.example' },
    });
    expect(res.status).toBe(403);
  });

  it.each(CLIENT_KINDS)('%s client: calls work and the upstream never sees the MCP token', async (kind) => {
    upstream.reset();
    const session = await connectHttp(kind, server.url, {
      headers: { Authorization: `Bearer ${MCP_TOKEN}` },
    });
    try {
      expect((await session.listTools()).length).toBeGreaterThan(0);
      const result = await session.callTool('echoHeaders');
      expect(result.isError ?? false).toBe(false);
      await session.callTool('listPets', { limit: 1 });
    } finally {
      await session.close();
    }
    expect(upstream.requests.length).toBe(2);
    for (const request of upstream.requests) {
      expect(request.headers.authorization).toBeUndefined();
      expect(JSON.stringify(request.headers)).not.toContain(MCP_TOKEN);
    }
    expect(upstream.requests[0]?.headers['x-api-key']).toBe(API_KEY);
  });
});
