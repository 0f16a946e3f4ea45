/**
 * SECURITY.md §3 A, spec ingestion (T5.1/T5.2 SSRF and file read through the
 * spec, T12 prototype pollution, T14 parser exhaustion, T1/T3 dangerous names):
 * the loader and the model builder as `serve`, `gen` and `inspect` all run them.
 * A spec is untrusted input; a canary HTTP server on 127.0.0.1 must never be reached.
 * The A1/A4 and A5/A6 blocks moved here from test/unit/loader/load-spec.test.ts.
 */
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../src/commands/load-model.js';
import { ErrorCode, SpecLoadError } from '../../src/errors.js';
import { loadSpec } from '../../src/loader/load-spec.js';
import { createAjv } from '../../src/runtime/create-ajv.js';
import { specWithSchemaRef, writeSpecFile } from '../helpers/spec-files.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');

/** The paths object, typed loosely: tests poke into converted documents. */
function pathsOf(loaded: { document: { paths?: unknown } }): Record<string, any> {
  return (loaded.document.paths ?? {}) as Record<string, any>;
}

async function loadError(promise: Promise<unknown>): Promise<SpecLoadError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SpecLoadError);
  return error as SpecLoadError;
}

/** A local HTTP server recording every request; `routes` maps path → [status, body, headers]. */
async function startServer(
  routes: Record<string, [number, string, Record<string, string>?]> = {},
): Promise<{ server: Server; url: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const route = routes[req.url ?? ''];
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(route[0], route[2] ?? {}).end(route[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, requests };
}

const servers: Server[] = [];
let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'omcp-threats-spec-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

const writeSpec = (name: string, text: string): Promise<string> => writeSpecFile(tmp, name, text);

/** A spec whose operations are `operations` (path → operation object), as JSON. */
function specWith(paths: Record<string, unknown>, components: Record<string, unknown> = {}): string {
  return JSON.stringify({ openapi: '3.0.3', info: { title: 't', version: '1' }, paths, components });
}

describe('A1, A4 remote $refs and spec URLs (T5.1, T5.2 SSRF)', () => {
  it.each([
    ['http', (u: string) => `${u}/x.json`],
    ['upper-case scheme', (u: string) => `${u.replace('http', 'HTTP')}/x.json#/Foo`],
    ['scheme-relative', (u: string) => `${u.replace('http:', '')}/x.json`],
    ['https', (u: string) => `${u.replace('http', 'https')}/x.json`],
  ])('refuses a %s ref and the canary receives nothing', async (_name, makeRef) => {
    const canary = await startServer({ '/x.json': [200, '{"type": "string"}'] });
    servers.push(canary.server);
    const ref = makeRef(canary.url);
    const file = await writeSpec(`remote/${_name.replace(/\W+/g, '-')}.json`, specWithSchemaRef(ref));
    const error = await loadError(loadSpec(file, { cwd: repo }));
    expect(error.code).toBe(ErrorCode.SPEC_REF);
    expect(error.message).toContain(`$ref '${ref}'`);
    expect(error.message).toContain('--allow-remote-refs');
    expect(canary.requests).toEqual([]);
  });

  it('fetches an http ref when allowRemoteRefs is set', async () => {
    const upstream = await startServer({ '/x.json': [200, '{"type": "string", "description": "remote"}'] });
    servers.push(upstream.server);
    const file = await writeSpec('remote-allowed.json', specWithSchemaRef(`${upstream.url}/x.json`));
    const loaded = await loadSpec(file, { cwd: repo, allowRemoteRefs: true });
    expect(JSON.stringify(loaded.document)).toContain('"description":"remote"');
    expect(upstream.requests).toEqual(['/x.json']);
  });

  it('loads a spec from a URL; its relative refs are remote and refused by default', async () => {
    const spec = specWithSchemaRef('schemas/pet.json');
    const upstream = await startServer({
      '/api.json': [200, spec],
      '/schemas/pet.json': [200, '{"type": "object", "title": "Pet"}'],
    });
    servers.push(upstream.server);
    const error = await loadError(loadSpec(`${upstream.url}/api.json`));
    expect(error.message).toContain("$ref 'schemas/pet.json'");
    expect(error.message).toContain('--allow-remote-refs');
    expect(upstream.requests).toEqual(['/api.json']);

    const loaded = await loadSpec(`${upstream.url}/api.json`, { allowRemoteRefs: true });
    expect(loaded.source).toBe(`${upstream.url}/api.json`);
    expect(JSON.stringify(loaded.document)).toContain('"title":"Pet"');
  });

  it('never lets a document loaded from a URL reference a local file', async () => {
    const upstream = await startServer({ '/api.json': [200, specWithSchemaRef('file:///etc/hostname')] });
    servers.push(upstream.server);
    const error = await loadError(loadSpec(`${upstream.url}/api.json`, { allowRemoteRefs: true }));
    expect(error.code).toBe(ErrorCode.SPEC_REF);
    expect(error.message).toContain('local file from a document loaded from a URL');
  });

  it('refuses a redirect to another origin but follows one within the origin', async () => {
    const other = await startServer({ '/api.json': [200, specWithSchemaRef('#/x')] });
    servers.push(other.server);
    const upstream = await startServer({
      '/away': [302, '', { location: `${other.url}/api.json` }],
      '/here': [301, '', { location: '/api.json' }],
      '/api.json': [200, specWithSchemaRef('#/x')],
    });
    servers.push(upstream.server);
    const error = await loadError(loadSpec(`${upstream.url}/away`));
    expect(error.code).toBe(ErrorCode.SPEC_READ);
    expect(error.message).toContain('redirected to another origin');
    expect(other.requests).toEqual([]);
    const loaded = await loadSpec(`${upstream.url}/here`);
    expect(pathsOf(loaded)['/a']).toBeDefined();
  });

  it('refuses a body over the size cap and times out a silent server', async () => {
    const upstream = await startServer({ '/big.json': [200, specWithSchemaRef('#/x')] });
    servers.push(upstream.server);
    const big = await loadError(loadSpec(`${upstream.url}/big.json`, { maxBytes: 50 }));
    expect(big.message).toMatch(/larger than 50 bytes/);
    expect(big.message).toContain('--max-spec-size');

    const silent = createServer(() => undefined);
    servers.push(silent);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const started = Date.now();
    const slow = await loadError(loadSpec(`http://127.0.0.1:${port}/api.json`, { fetchTimeoutMs: 200 }));
    expect(slow.message).toMatch(/no answer within 200 ms/);
    expect(Date.now() - started).toBeLessThan(5_000);
    silent.closeAllConnections();
  });
});

describe('A5, A6 YAML bombs, deep nesting, merge-key pollution (T14, T12)', () => {
  it('rejects a YAML alias bomb quickly', async () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const file = await writeSpec(
      'bomb.yaml',
      `openapi: 3.0.0\ninfo: {title: b, version: '1'}\npaths: {}\nx-bomb:\n  ${levels.join('\n  ')}\n`,
    );
    const started = Date.now();
    const error = await loadError(loadSpec(file, { cwd: tmp }));
    expect(error.code).toBe(ErrorCode.SPEC_PARSE);
    expect(error.message).toMatch(/alias bomb/);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('expands ordinary anchors into independent copies', async () => {
    const file = await writeSpec(
      'anchors.yaml',
      "openapi: 3.0.0\ninfo: {title: a, version: '1'}\npaths:\n  /a: &item {get: {responses: {'200': {description: ok}}}}\n  /b: *item\n",
    );
    const loaded = await loadSpec(file, { cwd: tmp });
    expect(pathsOf(loaded)['/b']).toEqual(pathsOf(loaded)['/a']);
    expect(pathsOf(loaded)['/b']).not.toBe(pathsOf(loaded)['/a']);
  });

  it('rejects very deep nesting with a clear error instead of a stack overflow', async () => {
    const deep = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
    const file = await writeSpec(
      'deep.yaml',
      `openapi: 3.0.0\ninfo: {title: d, version: '1'}\npaths: {}\nx-deep: ${deep}\n`,
    );
    const error = await loadError(loadSpec(file, { cwd: tmp }));
    expect(error.code).toBe(ErrorCode.SPEC_PARSE);
    expect(error.message).toMatch(/maxDepth/);
  });

  it.each([
    [
      'YAML merge key',
      'yaml',
      "openapi: 3.0.0\ninfo: {title: p, version: '1'}\npaths: {}\nx-p:\n  <<: {__proto__: {polluted: 1}}\n",
    ],
    [
      'YAML key',
      'yaml',
      "openapi: 3.0.0\ninfo: {title: p, version: '1'}\npaths: {}\nx-p: {__proto__: {polluted: 1}}\n",
    ],
    [
      'JSON key',
      'json',
      '{"openapi": "3.0.0", "info": {"title": "p", "version": "1"}, "paths": {}, "x-p": {"__proto__": {"polluted": 1}}}',
    ],
  ])('does not pollute Object.prototype through a %s', async (_name, ext, text) => {
    const file = await writeSpec(`proto-${_name.replace(/\W+/g, '-')}.${ext}`, text);
    const loaded = await loadSpec(file, { cwd: tmp });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf((loaded.document as any)['x-p'])).toBe(Object.prototype);
  });

  it('does not pollute through an external file with a __proto__ key', async () => {
    await writeSpec('proto-ext/schema.json', '{"type": "object", "__proto__": {"polluted": 1}}');
    const file = await writeSpec('proto-ext/api.json', specWithSchemaRef('schema.json'));
    const loaded = await loadSpec(file, { cwd: tmp });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(loaded.document)).toContain('"__proto__":{"polluted":1}');
  });
});

describe('A1 external $ref to internal or disguised hosts is never fetched (T5.2)', () => {
  it.each([
    ['cloud metadata', 'https://169.254.169.254/latest/meta-data/x.json'],
    ['trailing-dot loopback', 'http://localhost./x.json'],
    ['decimal IP', 'http://2130706433/x.json'],
    ['IPv4-mapped IPv6', 'http://[::ffff:127.0.0.1]/x.json'],
  ])('refuses a %s ref naming it, before any connection', async (_name, ref) => {
    const file = await writeSpec(`a1/${_name.replace(/\W+/g, '-')}.json`, specWithSchemaRef(ref));
    const started = Date.now();
    const error = await loadError(loadSpec(file, { cwd: repo }));
    expect(error.code).toBe(ErrorCode.SPEC_REF);
    expect(error.message).toContain(`$ref '${ref}'`);
    // Refused by its form: no DNS lookup or connect timeout was waited for.
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('A2 file: and relative $refs outside the spec are not read (T5.2 local file read)', () => {
  it.each([
    ['file URL', 'file:///etc/passwd'],
    ['parent folders', '../../../../../../etc/passwd'],
    ['absolute path', '/proc/self/environ'],
    ['Windows path', 'C:\\Windows\\win.ini'],
  ])('refuses a %s, and no file content reaches the error', async (_name, ref) => {
    const file = await writeSpec(`a2/${_name.replace(/\W+/g, '-')}/api.json`, specWithSchemaRef(ref));
    const error = await loadError(loadSpec(file, { cwd: path.dirname(file) }));
    expect([ErrorCode.SPEC_REF, ErrorCode.SPEC_READ]).toContain(error.code);
    expect(error.message).not.toMatch(/root:x:0:0|PATH=|\[fonts\]/);
  });
});

describe('A3 the opt-in ref root constrains local refs (T5.2)', () => {
  it('refuses a ref leaving --ref-root by .. and one leaving it through a symlink', async () => {
    await writeSpec('a3/outside/secret.json', '{"type": "string", "description": "SECRET-OUTSIDE"}');
    const root = path.join(tmp, 'a3/root');
    const byDots = await writeSpec('a3/root/dots.json', specWithSchemaRef('../outside/secret.json'));
    const dotted = await loadError(loadSpec(byDots, { cwd: repo, refRoot: root }));
    expect(dotted.code).toBe(ErrorCode.SPEC_REF);
    expect(dotted.message).toContain('--ref-root');
    expect(dotted.message).not.toContain('SECRET-OUTSIDE');

    await symlink(path.join(tmp, 'a3/outside'), path.join(root, 'link'));
    const byLink = await writeSpec('a3/root/link.json', specWithSchemaRef('link/secret.json'));
    const linked = await loadError(loadSpec(byLink, { cwd: repo, refRoot: root }));
    expect(linked.code).toBe(ErrorCode.SPEC_REF);
    expect(linked.message).not.toContain('SECRET-OUTSIDE');
  });
});

/** Every tool schema of a loaded model: JSON text that round-trips, compiled by the runtime's Ajv. */
function assertFiniteAndCompiles(model: {
  operations: Array<{ toolName: string; inputSchema: unknown; validationSchema?: unknown }>;
}): void {
  const ajv = createAjv();
  for (const operation of model.operations) {
    const text = JSON.stringify(operation.inputSchema);
    expect(JSON.parse(text), operation.toolName).toEqual(operation.inputSchema);
    expect(() => ajv.compile((operation.validationSchema ?? operation.inputSchema) as object)).not.toThrow();
  }
}

describe('A7 circular $ref (T14)', () => {
  it('mutual and self references give finite, serialisable tool schemas that compile', async () => {
    const file = await writeSpec(
      'a7/api.json',
      specWith(
        {
          '/a': {
            post: {
              operationId: 'postA',
              requestBody: {
                content: { 'application/json': { schema: { $ref: '#/components/schemas/A' } } },
              },
              responses: { 200: { description: 'ok' } },
            },
          },
          '/list': {
            post: {
              operationId: 'postList',
              requestBody: {
                content: { 'application/json': { schema: { $ref: '#/components/schemas/L' } } },
              },
              responses: { 200: { description: 'ok' } },
            },
          },
        },
        {
          schemas: {
            A: { type: 'object', properties: { b: { $ref: '#/components/schemas/B' } } },
            B: { type: 'object', properties: { a: { $ref: '#/components/schemas/A' } } },
            L: { type: 'array', items: { $ref: '#/components/schemas/L' } },
          },
        },
      ),
    );
    const { model } = await loadModel(file, { cwd: tmp });
    expect(model.operations.map((op) => op.toolName)).toEqual(['postA', 'postList']);
    assertFiniteAndCompiles(model);
  });
});

describe('A8 $ref diamond fan-out (T14)', () => {
  it('30 levels of Ln → {a: Ln-1, b: Ln-1} load fast, with a schema far below its 2^30 expansion', async () => {
    const schemas: Record<string, unknown> = { L0: { type: 'string' } };
    for (let n = 1; n <= 30; n += 1) {
      schemas[`L${n}`] = {
        type: 'object',
        properties: {
          a: { $ref: `#/components/schemas/L${n - 1}` },
          b: { $ref: `#/components/schemas/L${n - 1}` },
        },
      };
    }
    const file = await writeSpec(
      'a8/api.json',
      specWith(
        {
          '/d': {
            post: {
              operationId: 'diamond',
              requestBody: {
                content: { 'application/json': { schema: { $ref: '#/components/schemas/L30' } } },
              },
              responses: { 200: { description: 'ok' } },
            },
          },
        },
        { schemas },
      ),
    );
    const started = Date.now();
    const { model } = await loadModel(file, { cwd: tmp });
    expect(JSON.stringify(model).length).toBeLessThan(1_000_000);
    assertFiniteAndCompiles(model);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('A9 deep and huge schemas (T14)', () => {
  it('a 5,000-deep schema, 20,000 properties and 5,000 operations load in bounded time or are refused clearly', async () => {
    // Written as text: JSON.stringify of it would overflow the test's own stack.
    const deep = `${'{"type":"object","properties":{"d":'.repeat(5_000)}{"type":"string"}${'}}'.repeat(5_000)}`;
    const wide: Record<string, unknown> = {};
    for (let i = 0; i < 20_000; i += 1) wide[`p${i}`] = { type: 'string' };
    const paths: Record<string, unknown> = {
      '/deep': {
        post: {
          operationId: 'deep',
          requestBody: { content: { 'application/json': { schema: 'DEEP' } } },
          responses: { 200: { description: 'ok' } },
        },
      },
      '/wide': {
        post: {
          operationId: 'wide',
          requestBody: { content: { 'application/json': { schema: { type: 'object', properties: wide } } } },
          responses: { 200: { description: 'ok' } },
        },
      },
    };
    for (let i = 0; i < 5_000; i += 1)
      paths[`/op${i}`] = { get: { operationId: `op${i}`, responses: { 200: { description: 'ok' } } } };
    const file = await writeSpec('a9/api.json', specWith(paths).replace('"DEEP"', deep));
    const started = Date.now();
    const outcome = await loadModel(file, { cwd: tmp }).then(
      (loaded) => loaded,
      (error: unknown) => error,
    );
    expect(Date.now() - started).toBeLessThan(30_000);
    if (outcome instanceof Error) {
      expect(outcome.message).toMatch(/OMCP_|deep|depth|large/i);
      return;
    }
    const loaded = outcome as Awaited<ReturnType<typeof loadModel>>;
    expect(loaded.model.operations.length).toBe(5_002);
    for (const name of ['deep', 'wide']) {
      const operation = loaded.model.operations.find((op) => op.toolName === name)!;
      expect(() => JSON.stringify(operation.inputSchema)).not.toThrow();
    }
  }, 60_000);
});

describe('A10 dangerous names are mangled, unique and never pollute (T1, T3, T12)', () => {
  it('operationIds and parameter names from __proto__ to emoji give valid, unique tool and argument names', async () => {
    const ids = [
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      '',
      'x'.repeat(10_000),
      'a/b',
      'with space',
      '😀💥',
      'hasOwnProperty',
    ];
    const paths: Record<string, unknown> = {};
    ids.forEach((id, i) => {
      paths[`/p${i}`] = {
        get: {
          ...(id === '' ? {} : { operationId: id }),
          parameters: ['__proto__', 'constructor', 'prototype', 'a b', '😀'].map((name) => ({
            name,
            in: 'query',
            schema: { type: 'string' },
          })),
          responses: { 200: { description: 'ok' } },
        },
      };
    });
    const file = await writeSpec('a10/api.json', specWith(paths));
    const { model } = await loadModel(file, { cwd: tmp });
    const names = model.operations.map((op) => op.toolName);
    expect(names).toHaveLength(ids.length);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
    for (const operation of model.operations) {
      const properties = (operation.inputSchema as { properties: Record<string, unknown> }).properties;
      expect(Object.hasOwn(properties, '__proto__'), operation.toolName).toBe(true);
      for (const name of Object.keys(properties)) expect(name).toMatch(/^[a-zA-Z0-9_.-]{1,64}$/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect(typeof ({} as { toString: unknown }).toString).toBe('function');
  });
});
