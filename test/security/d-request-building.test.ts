/**
 * SECURITY.md §3 D, request building (T5.3/T5.4 SSRF by argument or spec, T6
 * path traversal, T7 header injection, T12 prototype pollution, T13 ReDoS,
 * T15 argument size): each item against `openapi-mcp serve` and a generated
 * project, real v2 client over stdio, real upstream on 127.0.0.1. The spec's own
 * servers point at a canary that must never be reached.
 * D27 (the Ajv options) is d27-ajv-option-guard.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StdioSession } from '../helpers/mcp-session.js';
import { json } from '../helpers/recording-upstream.js';
import { resultText, startThreatWorld, type ThreatWorld } from '../helpers/threat-back-ends.js';

const KEY = 'sk-test-CANARY123';
const BACK_ENDS = ['serve', 'generated'] as const;

const spec = ({ canary }: { canary: string }) => `
openapi: 3.0.3
info: { title: Request threats, version: 1.0.0 }
servers:
  - url: '${canary}/{tenant}'
    variables:
      tenant: { default: main, enum: [main, other] }
security: [{ api_key: [] }]
paths:
  /users/{id}:
    get:
      operationId: getUser
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
      responses: { '200': { description: ok } }
  /search:
    get:
      operationId: search
      parameters:
        - { name: q, in: query, schema: { type: string } }
        - { name: tags, in: query, style: form, explode: true, schema: { type: array, items: { type: string } } }
        - name: filter
          in: query
          style: deepObject
          explode: true
          schema: { type: object, properties: { role: { type: string } }, additionalProperties: false }
      responses: { '200': { description: ok } }
  /headers:
    get:
      operationId: withHeaders
      parameters:
        - { name: X-Trace, in: header, schema: { type: string } }
        - { name: X-API-Key, in: header, schema: { type: string } }
        - { name: Host, in: header, schema: { type: string } }
        - { name: Authorization, in: header, schema: { type: string } }
        - { name: Cookie, in: header, schema: { type: string } }
        - { name: Content-Length, in: header, schema: { type: string } }
        - { name: Transfer-Encoding, in: header, schema: { type: string } }
        - { name: X-Forwarded-For, in: header, schema: { type: string } }
      responses: { '200': { description: ok } }
  /items:
    post:
      operationId: createItem
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [name]
              additionalProperties: false
              properties: { name: { type: string } }
      responses: { '200': { description: ok } }
  /nested:
    post:
      operationId: takeAnything
      requestBody:
        required: true
        content:
          application/json:
            schema: { type: object, properties: { data: {} } }
      responses: { '200': { description: ok } }
  /match:
    get:
      operationId: matchPattern
      parameters:
        - { name: value, in: query, required: true, schema: { type: string, pattern: '^(a+)+$' } }
        - { name: other, in: query, schema: { type: string, pattern: '^(a|a)*$' } }
      responses: { '200': { description: ok } }
  /path-server:
    servers: [{ url: '${canary}/path-level' }]
    get:
      operationId: pathServer
      responses: { '200': { description: ok } }
  /op-server:
    get:
      operationId: opServer
      servers: [{ url: '${canary}/operation-level' }]
      responses: { '200': { description: ok } }
components:
  securitySchemes:
    api_key: { type: apiKey, in: header, name: X-API-Key }
`;

let world: ThreatWorld;
const sessions = new Map<string, StdioSession>();
const session = (label: string): StdioSession => sessions.get(label) as StdioSession;

beforeAll(async () => {
  const ok = json(200, { ok: true });
  world = await startThreatWorld(
    'threats-request',
    {
      'GET /v1/users/*': ok,
      'GET /v1/search': ok,
      'GET /v1/headers': ok,
      'POST /v1/items': ok,
      'POST /v1/nested': ok,
      'GET /v1/match': ok,
      'GET /v1/path-server': ok,
      'GET /v1/op-server': ok,
    },
    spec,
  );
  for (const backEnd of world.backEnds) {
    sessions.set(
      backEnd.label,
      await backEnd.start(['--base-url', `${world.upstream.url}/v1`, '--timeout', '5'], {
        OPENAPI_MCP_API_KEY: KEY,
      }),
    );
  }
}, 240_000);

afterAll(async () => {
  for (const [label, open] of sessions) {
    expect(open.stderr(), label).not.toContain(KEY);
    expect(open.stdout(), label).not.toContain(KEY);
    await open.close();
  }
  // Every test here: the spec's own servers (root, path and operation level) never saw a packet.
  expect(world?.canary.requests).toEqual([]);
  await world?.close();
});

const upstreamHost = () => new URL(world.upstream.url).host;

describe('D19 path traversal matrix (T6)', () => {
  const mustRefuse = ['..', '.', '%2e%2e', '.%2E', '%2E.', ''];
  const mayEncode = [
    '../admin',
    '..%2Fadmin',
    '%252e%252e',
    'a/b',
    'a\\b',
    'a?x=1',
    'a#f',
    '%',
    '//evil.example',
    'http://evil.example',
    '@evil.example',
  ];

  it.each(BACK_ENDS)(
    '%s: refuses dot segments and empty values (raw or encoded), sending nothing',
    async (label) => {
      for (const id of mustRefuse) {
        world.upstream.reset();
        const result = await session(label).callTool('getUser', { id });
        expect(result.isError, JSON.stringify(id)).toBe(true);
        expect(world.upstream.requests, JSON.stringify(id)).toEqual([]);
      }
    },
  );

  it.each(BACK_ENDS)(
    '%s: sends any other value as exactly one encoded segment under the base',
    async (label) => {
      for (const id of mayEncode) {
        world.upstream.reset();
        const result = await session(label).callTool('getUser', { id });
        if (result.isError) {
          expect(world.upstream.requests, JSON.stringify(id)).toEqual([]);
          continue;
        }
        expect(world.upstream.requests).toHaveLength(1);
        const request = world.upstream.requests[0]!;
        expect(request.headers.host).toBe(upstreamHost());
        const match = /^\/v1\/users\/([^/?#]+)$/.exec(request.url);
        expect(match, `${JSON.stringify(id)} → ${request.url}`).not.toBeNull();
        expect(decodeURIComponent(match![1]!)).toBe(id);
      }
    },
  );
});

describe('D20 the base URL cannot be changed by arguments (T5.4)', () => {
  it.each(BACK_ENDS)('%s: refuses arguments naming a base URL or server, sending nothing', async (label) => {
    world.upstream.reset();
    for (const extra of [
      { baseUrl: 'http://evil.example' },
      { server: 'http://evil.example' },
      { servers: [{ url: 'http://evil.example' }] },
      { url: '//evil.example/x' },
    ]) {
      const result = await session(label).callTool('getUser', { id: '1', ...extra });
      expect(result.isError, JSON.stringify(extra)).toBe(true);
    }
    expect(world.upstream.requests).toEqual([]);
  });
});

describe('D21 server variables are not the model’s to choose (T5.3)', () => {
  it.each(BACK_ENDS)('%s: no tool exposes the server variable, and passing it is refused', async (label) => {
    const tools = await session(label).listTools();
    for (const tool of tools) expect(JSON.stringify(tool.inputSchema), tool.name).not.toContain('tenant');
    world.upstream.reset();
    const result = await session(label).callTool('pathServer', { tenant: 'other' });
    expect(result.isError).toBe(true);
    expect(world.upstream.requests).toEqual([]);
  });
});

describe('D22 the configured origin wins over spec-declared servers (T5.3, T8)', () => {
  it.each(BACK_ENDS)(
    '%s: root, path- and operation-level servers all go to --base-url, with the key',
    async (label) => {
      world.upstream.reset();
      for (const name of ['getUser', 'pathServer', 'opServer']) {
        const result = await session(label).callTool(name, name === 'getUser' ? { id: '1' } : {});
        expect(result.isError ?? false, resultText(result)).toBe(false);
      }
      expect(world.upstream.requests.map((r) => r.url)).toEqual([
        '/v1/users/1',
        '/v1/path-server',
        '/v1/op-server',
      ]);
      for (const request of world.upstream.requests) expect(request.headers['x-api-key']).toBe(KEY);
    },
  );
});

describe('D23 header / CRLF injection and header override (T7)', () => {
  it.each(BACK_ENDS)(
    '%s: control characters in a header value never make a second header or request',
    async (label) => {
      for (const value of [
        'a\r\nX-Injected: 1',
        'a\nX-Injected: 1',
        'a\rb',
        'a\0b',
        'a\u0085b',
        'x'.repeat(100_000),
      ]) {
        world.upstream.reset();
        const result = await session(label).callTool('withHeaders', { 'X-Trace': value });
        expect(world.upstream.requests.length, JSON.stringify(value.slice(0, 20))).toBeLessThanOrEqual(1);
        const request = world.upstream.requests[0];
        if (request === undefined) {
          expect(result.isError).toBe(true);
          continue;
        }
        expect(request.headers['x-injected']).toBeUndefined();
        expect(request.headers['x-trace']).toBe(value);
      }
    },
  );

  it.each(BACK_ENDS)('%s: hop-by-hop and sensitive header parameters are dropped at load', async (label) => {
    const tool = (await session(label).listTools()).find((t) => t.name === 'withHeaders');
    const properties = Object.keys(
      (tool?.inputSchema as { properties?: object } | undefined)?.properties ?? {},
    ).map((p) => p.toLowerCase());
    expect(properties).toContain('x-trace');
    for (const name of [
      'host',
      'authorization',
      'cookie',
      'content-length',
      'transfer-encoding',
      'x-forwarded-for',
    ]) {
      expect(properties).not.toContain(name);
    }
  });

  it.each(BACK_ENDS)('%s: a spec header named like the credential never overrides it', async (label) => {
    world.upstream.reset();
    const result = await session(label).callTool('withHeaders', { 'X-API-Key': 'attacker-chosen' });
    expect(result.isError ?? false, resultText(result)).toBe(false);
    expect(world.upstream.requests[0]?.headers['x-api-key']).toBe(KEY);
  });
});

describe('D24 query injection (T7)', () => {
  it.each(BACK_ENDS)(
    '%s: & and = stay inside one value; arrays and deepObject per OpenAPI',
    async (label) => {
      world.upstream.reset();
      const result = await session(label).callTool('search', {
        q: 'a&admin=true',
        tags: ['x', 'y&z=1'],
        filter: { role: 'a&b=c' },
      });
      expect(result.isError ?? false, resultText(result)).toBe(false);
      const query = new URL(world.upstream.requests[0]!.url, 'http://x').searchParams;
      expect(query.get('q')).toBe('a&admin=true');
      expect(query.getAll('tags')).toEqual(['x', 'y&z=1']);
      expect(query.get('filter[role]')).toBe('a&b=c');
      expect(query.has('admin')).toBe(false);
      expect(query.has('z')).toBe(false);
      expect(query.has('b')).toBe(false);
    },
  );
});

describe('D25 body prototype pollution (T12)', () => {
  it.each(BACK_ENDS)(
    '%s: __proto__ and constructor keys are refused by the closed schema; a clean call still works',
    async (label) => {
      world.upstream.reset();
      const hostile = JSON.parse(
        '{"name":"x","__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}',
      );
      const refused = await session(label).callTool('createItem', hostile);
      expect(refused.isError).toBe(true);
      expect(world.upstream.requests).toEqual([]);
      const clean = await session(label).callTool('createItem', { name: 'ok' });
      expect(clean.isError ?? false, resultText(clean)).toBe(false);
      expect(JSON.parse(world.upstream.requests[0]!.body.toString('utf8'))).toEqual({ name: 'ok' });
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    },
  );
});

describe('D26 ReDoS from a spec pattern (T13)', () => {
  it.each(BACK_ENDS)(
    '%s: an exponential pattern never blocks the server',
    async (label) => {
      const started = performance.now();
      const call = session(label).callTool('matchPattern', {
        value: `${'a'.repeat(40)}!`,
        other: `${'a'.repeat(40)}!`,
      });
      // A request answered while the call runs: the event loop is free.
      const listed = await session(label).listTools();
      const listedMs = performance.now() - started;
      await call;
      expect(listed.length).toBeGreaterThan(0);
      expect(listedMs).toBeLessThan(1_000);
      expect(performance.now() - started).toBeLessThan(2_000);
    },
    10_000,
  );
});

describe('D28 argument size (T15)', () => {
  // Over stdio a message past 10 MiB is dropped and answered with a JSON-RPC error
  // (test/reliability/stdio-message-size.test.ts); over HTTP, SECURITY.md F39. Below that cap:
  it.each(BACK_ENDS)(
    '%s: a 5 MB string, a 1e6-element array and a 1,000-deep object neither crash nor stall it',
    async (label) => {
      let deep: unknown = {};
      for (let i = 0; i < 1_000; i += 1) deep = { d: deep };
      for (const { tool, args } of [
        { tool: 'search', args: { q: 'x'.repeat(5 * 1024 * 1024) } },
        { tool: 'search', args: { tags: Array.from({ length: 1_000_000 }, () => 'a') } },
        { tool: 'takeAnything', args: { data: deep } },
      ]) {
        const result = await session(label).callTool(tool, args);
        // An answer (an error or the upstream's), bounded, naming no internal fault.
        expect(resultText(result).length).toBeLessThan(1_100_000);
        expect(resultText(result)).not.toContain('internal error');
      }
      const after = await session(label).callTool('getUser', { id: 'still-up' });
      expect(after.isError ?? false, resultText(after)).toBe(false);
    },
    60_000,
  );
});
