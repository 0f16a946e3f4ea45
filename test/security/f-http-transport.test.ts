/**
 * SECURITY.md §3 F, the Streamable HTTP transport (T9 token passthrough, T10
 * DNS rebinding and browser reach, T11 cross-client leakage): Origin and Host
 * checks, bind address, the endpoint bearer token, the one-path rule, session
 * isolation under concurrency and (stateless) session ids; plus E32, no token
 * passthrough. Each against `serve --transport http` and a generated project
 * built once for this file. F39 (request limits) belongs to the limits work.
 */

import { rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canary } from '../helpers/canary.js';
import { gen, linkNodeModules, makeTempDir, runTsc } from '../helpers/generated-project.js';
import {
  assertBuilt,
  CLI,
  CLIENT_KINDS,
  connectHttp,
  type HttpServerProcess,
  REPO_ROOT,
  type ServerLaunch,
  startHttpServer,
} from '../helpers/mcp-session.js';
import {
  json,
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
const temp = makeTempDir('threats-http');
const project = join(temp, 'project');

beforeAll(async () => {
  assertBuilt();
  upstream = await startRecordingUpstream(petstoreRoutes());
  await gen([SPEC, '--name', 'threats-http', '--env-prefix', 'OPENAPI_MCP', '--out', project]);
  linkNodeModules(project);
  const build = await runTsc(project);
  expect(build.code, build.output).toBe(0);
}, 180_000);

afterAll(async () => {
  await upstream?.close();
  rmSync(temp, { recursive: true, force: true });
});

interface BackEnd {
  label: string;
  /** The name it logs under. */
  program: string;
  /** The program and its arguments before the run-time flags. */
  entry: () => string[];
}

const BACK_ENDS: BackEnd[] = [
  { label: 'serve', program: 'openapi-mcp', entry: () => [CLI, 'serve', SPEC] },
  // As the generated `npm start` runs it.
  {
    label: 'generated',
    program: 'threats-http',
    entry: () => ['--disable-proto=delete', join(project, 'dist/main.js')],
  },
];

function launch(backEnd: BackEnd, extra: string[] = [], env: Record<string, string> = {}): ServerLaunch {
  return { entry: backEnd.entry(), serveArgs: ['--base-url', `${upstream.url}/v1`, ...extra], env };
}

describe.each(BACK_ENDS)('$label', (backEnd) => {
  describe('F34 Origin / Host validation against DNS rebinding (T10), without --http-token', () => {
    let server: HttpServerProcess;

    beforeAll(async () => {
      server = await startHttpServer(launch(backEnd));
    });

    afterAll(async () => {
      expect(await server?.stop()).toBe(0);
    });

    it('logs the endpoint on stderr, nothing on stdout, and no exposure warning on loopback', () => {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
      expect(server.stderr()).toContain(`${backEnd.program} listening on ${server.url}`);
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

  describe('F36 endpoint auth with --http-token (T9, T10), and E32 no token passthrough', () => {
    let server: HttpServerProcess;

    beforeAll(async () => {
      server = await startHttpServer(
        launch(backEnd, ['--http-token', MCP_TOKEN], { OPENAPI_MCP_API_KEY: API_KEY }),
      );
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

    it.each(CLIENT_KINDS)(
      'E32 %s client: calls work and the upstream never sees the MCP token',
      async (kind) => {
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
      },
    );
  });

  describe('F35 bind address (T10)', () => {
    it('binds 127.0.0.1 when no --host is given', async () => {
      // Our own spawn: startHttpServer always passes --host. SIGTERM ends it once it listens.
      const { spawn } = await import('node:child_process');
      const child = spawn(
        process.execPath,
        [...launch(backEnd).entry!, '--transport', 'http', '--port', '0', '--base-url', `${upstream.url}/v1`],
        {
          cwd: REPO_ROOT,
          env: { PATH: process.env.PATH ?? '' },
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      let stderr = '';
      const listening = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no listening line:\n${stderr}`)), 15_000);
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString('utf8');
          const match = /listening on (\S+)/.exec(stderr);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
      });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      expect(listening).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
      expect(stderr).not.toContain('WARNING');
    });
  });

  describe('F37 session isolation under concurrency (T11, CVE-2026-25536 regression)', () => {
    let server: HttpServerProcess;

    beforeAll(async () => {
      // The upstream echoes the pet id from the path: each client's own marker.
      upstream.route('GET /v1/pets/*', (request, res) => {
        const id = Number(request.url.split('?')[0]!.split('/').pop());
        json(200, { id, name: `pet-${id}` })(request, res);
      });
      server = await startHttpServer(launch(backEnd, [], { OPENAPI_MCP_API_KEY: API_KEY }));
    });

    afterAll(async () => {
      upstream.route('GET /v1/pets/*', petstoreRoutes()['GET /v1/pets/*']!);
      expect(await server?.stop()).toBe(0);
    });

    it('24 concurrent clients of every flavour (JSON-RPC ids colliding) each get only their own results', async () => {
      const clients = await Promise.all(
        Array.from({ length: 24 }, (_, i) => connectHttp(CLIENT_KINDS[i % CLIENT_KINDS.length]!, server.url)),
      );
      try {
        const wrong: string[] = [];
        await Promise.all(
          clients.map(async (client, i) => {
            for (let call = 0; call < 10; call += 1) {
              const marker = 1000 * (i + 1) + call;
              const result = await client.callTool('getPet', { petId: marker });
              const got = (result.structuredContent as { id?: number } | undefined)?.id;
              if (got !== marker) wrong.push(`client ${i} call ${call}: got ${got}`);
            }
          }),
        );
        expect(wrong).toEqual([]);
      } finally {
        await Promise.all(clients.map((client) => client.close()));
      }
    }, 60_000);
  });

  describe('F38 session ids (T11): stateless, so there is none to guess or hijack', () => {
    let server: HttpServerProcess;

    beforeAll(async () => {
      server = await startHttpServer(launch(backEnd));
    });

    afterAll(async () => {
      expect(await server?.stop()).toBe(0);
    });

    it('issues no Mcp-Session-Id, ignores an invented one and answers DELETE with 405', async () => {
      const init = await raw(server.url);
      expect(init.status).toBe(200);
      expect(init.headers['mcp-session-id']).toBeUndefined();
      const forged = await raw(server.url, {
        headers: { 'mcp-session-id': 'forged-0001' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} }),
      });
      expect(forged.headers['mcp-session-id']).toBeUndefined();
      const deleted = await raw(server.url, { method: 'DELETE', body: '' });
      expect(deleted.status).toBe(405);
    });
  });
});
