/**
 * SECURITY.md §3 E, credentials and secrets (T8 leakage, T9 passthrough):
 * each item against `openapi-mcp serve` and a generated project, real v2 client
 * over stdio, real upstream and canary on 127.0.0.1. Every credential value
 * carries the mark CANARY123, searched for in every result, stderr and stdout.
 * E32 (no token passthrough) is an HTTP-endpoint test: f-http-transport.test.ts.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StdioSession } from '../helpers/mcp-session.js';
import { echoHeaders, json, never, type Route } from '../helpers/recording-upstream.js';
import { resultText, startThreatWorld, type ThreatWorld } from '../helpers/threat-back-ends.js';

const MARK = 'CANARY123';
const ENV = {
  OPENAPI_MCP_BEARER: `tok-${MARK}-bearer`,
  OPENAPI_MCP_API_KEY: `sk-test-${MARK}-header`,
  OPENAPI_MCP_SESSION: `sid-${MARK}-cookie`,
  OPENAPI_MCP_QUERY_KEY: `qk-${MARK}-query`,
};
const BACK_ENDS = ['serve', 'generated'] as const;
const SCHEMES = ['bearer', 'api_key', 'session', 'query_key'] as const;

const spec = ({ canary }: { canary: string }) => `
openapi: 3.0.3
info: { title: Credential threats, version: 1.0.0 }
servers: [{ url: '${canary}/spec-server' }]
paths:
${SCHEMES.map(
  (scheme) => `  /redirect/${scheme}:
    get:
      operationId: redirect_${scheme}
      security: [{ ${scheme}: [] }]
      parameters:
        - { name: code, in: query, required: true, schema: { type: integer } }
        - { name: to, in: query, required: true, schema: { type: string } }
      responses: { '200': { description: ok } }
  /echo/${scheme}:
    get:
      operationId: echo_${scheme}
      security: [{ ${scheme}: [] }]
      parameters:
        - { name: status, in: query, required: true, schema: { type: integer } }
      responses: { '200': { description: ok } }
  /slow/${scheme}:
    get:
      operationId: slow_${scheme}
      security: [{ ${scheme}: [] }]
      responses: { '200': { description: ok } }
`,
).join('')}
components:
  securitySchemes:
    bearer: { type: http, scheme: bearer }
    api_key: { type: apiKey, in: header, name: X-API-Key }
    session: { type: apiKey, in: cookie, name: sid }
    query_key: { type: apiKey, in: query, name: api_key }
`;

/** Redirects to the `to` query value with the `code` query status. */
const redirect: Route = (request, res) => {
  const query = new URL(request.url, 'http://x').searchParams;
  res.writeHead(Number(query.get('code')), { location: query.get('to') ?? '/' }).end('moved');
};

/** Answers with the request headers and query (a careless API echoing what it got). */
const echo: Route = (request, res) => {
  const status = Number(new URL(request.url, 'http://x').searchParams.get('status'));
  echoHeaders(status)({ ...request, headers: { ...request.headers, url: request.url } }, res);
};

let world: ThreatWorld;
let closedPort: number;
/** Sessions by back end, then by how the upstream is reached. */
const sessions = new Map<string, Record<'main' | 'refused' | 'tls' | 'badHeader', StdioSession>>();
const session = (label: string) => sessions.get(label)!;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  const routes: Record<string, Route> = {};
  for (const scheme of SCHEMES) {
    routes[`GET /v1/redirect/${scheme}`] = redirect;
    routes[`GET /v1/echo/${scheme}`] = echo;
    routes[`GET /v1/slow/${scheme}`] = never();
  }
  routes['GET /v1/ok'] = json(200, { ok: true });
  world = await startThreatWorld('threats-credentials', routes, spec);
  closedPort = await freePort();
  for (const backEnd of world.backEnds) {
    const upstream = world.upstream.url;
    sessions.set(backEnd.label, {
      // --verbose is serve's (a generated server has no spec diagnostics to print).
      main: await backEnd.start(
        [
          '--base-url',
          `${upstream}/v1`,
          '--timeout',
          '1',
          ...(backEnd.label === 'serve' ? ['--verbose'] : []),
        ],
        ENV,
      ),
      refused: await backEnd.start(['--base-url', `http://127.0.0.1:${closedPort}/v1`], ENV),
      tls: await backEnd.start(['--base-url', `${upstream.replace('http:', 'https:')}/v1`], ENV),
      badHeader: await backEnd.start(['--base-url', `${upstream}/v1`], {
        ...ENV,
        OPENAPI_MCP_API_KEY: `sk-test-${MARK}\r\nX-Injected: 1`,
      }),
    });
  }
}, 240_000);

afterAll(async () => {
  for (const [label, byKind] of sessions) {
    for (const [kind, open] of Object.entries(byKind)) {
      // E31: no credential in any log line or on stdout, whatever failed.
      expect(open.stderr(), `${label} ${kind} stderr`).not.toContain(MARK);
      expect(open.stdout(), `${label} ${kind} stdout`).not.toContain(MARK);
      await open.close();
    }
  }
  expect(world?.canary.requests).toEqual([]);
  await world?.close();
});

describe('E29 a cross-origin redirect does not carry the key (T8)', () => {
  it.each(BACK_ENDS)('%s: 302/307/308 to the canary are not followed, for every scheme', async (label) => {
    for (const scheme of SCHEMES) {
      for (const code of [301, 302, 303, 307, 308]) {
        world.upstream.reset();
        const result = await session(label).main.callTool(`redirect_${scheme}`, {
          code,
          to: `${world.canary.url}/steal`,
        });
        expect(result.isError, `${scheme} ${code}`).toBe(true);
        expect(resultText(result)).toContain('not followed');
        expect(resultText(result)).not.toContain(MARK);
        expect(world.upstream.requests).toHaveLength(1);
      }
    }
    expect(world.canary.requests).toEqual([]);
  });

  it.each(BACK_ENDS)(
    '%s: a same-origin redirect is not followed either (no hop to re-check)',
    async (label) => {
      world.upstream.reset();
      const result = await session(label).main.callTool('redirect_api_key', { code: 307, to: '/v1/ok' });
      expect(result.isError).toBe(true);
      expect(world.upstream.requests.map((r) => r.url.split('?')[0])).toEqual(['/v1/redirect/api_key']);
    },
  );
});

describe('E30 a redirect to an internal address is refused (T5.5)', () => {
  it.each(BACK_ENDS)(
    '%s: loopback, cloud metadata and IPv4-mapped targets are never reached',
    async (label) => {
      const port = new URL(world.canary.url).port;
      for (const to of [
        `http://127.0.0.1:${port}/internal`,
        'http://169.254.169.254/latest/meta-data/',
        `http://[::ffff:127.0.0.1]:${port}/internal`,
        `//127.0.0.1:${port}/scheme-relative`,
      ]) {
        const result = await session(label).main.callTool('redirect_query_key', { code: 302, to });
        expect(result.isError, to).toBe(true);
        expect(resultText(result)).not.toContain(MARK);
      }
      expect(world.canary.requests).toEqual([]);
    },
  );
});

describe('E31 secret redaction in results, errors and logs (T8)', () => {
  it.each(BACK_ENDS)(
    '%s: an upstream echoing the request in a 200, 401 or 500 never shows a credential',
    async (label) => {
      for (const scheme of SCHEMES) {
        for (const status of [200, 401, 500]) {
          world.upstream.reset();
          const result = await session(label).main.callTool(`echo_${scheme}`, { status });
          expect(result.isError ?? false, `${scheme} ${status}`).toBe(status !== 200);
          // The credential was sent: the upstream saw it, the model did not.
          expect(
            JSON.stringify(world.upstream.requests[0]?.headers) + world.upstream.requests[0]?.url,
          ).toContain(MARK);
          expect(JSON.stringify(result), `${scheme} ${status}`).not.toContain(MARK);
        }
      }
    },
  );

  it.each(BACK_ENDS)(
    '%s: a timeout with the key in the query shows neither the key nor the query',
    async (label) => {
      const result = await session(label).main.callTool('slow_query_key');
      expect(result.isError).toBe(true);
      expect(resultText(result)).toMatch(/timeout|within|deadline/i);
      expect(JSON.stringify(result)).not.toContain(MARK);
      expect(session(label).main.stderr()).not.toContain(MARK);
    },
  );

  it.each(BACK_ENDS)(
    '%s: connection refused and a TLS failure name the origin, never a credential',
    async (label) => {
      for (const kind of ['refused', 'tls'] as const) {
        for (const scheme of SCHEMES) {
          const result = await session(label)[kind].callTool(`echo_${scheme}`, { status: 200 });
          expect(result.isError, `${kind} ${scheme}`).toBe(true);
          expect(resultText(result)).toContain('127.0.0.1');
          expect(JSON.stringify(result)).not.toContain(MARK);
        }
      }
    },
  );

  it.each(BACK_ENDS)(
    '%s: a credential that is not a valid header value is refused without echoing it',
    async (label) => {
      world.upstream.reset();
      const result = await session(label).badHeader.callTool('echo_api_key', { status: 200 });
      expect(result.isError).toBe(true);
      expect(JSON.stringify(result)).not.toContain(MARK);
      expect(world.upstream.requests).toEqual([]);
    },
  );
});

describe('E33 stdio hygiene (T8)', () => {
  it.each(BACK_ENDS)(
    '%s: after every call above (serve with --verbose), stdout is JSON-RPC and only that',
    (label) => {
      const lines = session(label)
        .main.stdout()
        .split('\n')
        .filter((line) => line !== '');
      expect(lines.length).toBeGreaterThan(20);
      for (const line of lines) expect((JSON.parse(line) as { jsonrpc?: unknown }).jsonrpc).toBe('2.0');
      expect(session(label).main.stderr()).toContain('OPENAPI_MCP_QUERY_KEY');
    },
  );
});
