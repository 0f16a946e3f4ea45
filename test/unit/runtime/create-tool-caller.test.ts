import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiModel, OperationModel, SecuritySchemeModel } from '../../../src/model/types.js';
import { compactDefinition } from '../../../src/runtime/compact-definition.js';
import { createToolCaller } from '../../../src/runtime/create-tool-caller.js';
import { systemClock } from '../../../src/runtime/system-clock.js';
import type { RuntimeOptions, ToolCaller, ToolResult } from '../../../src/runtime/types.js';
import { apiModel, arg, operation } from '../../helpers/model-factory.js';
import {
  big,
  echoHeaders,
  json,
  never,
  type RecordingUpstream,
  startRecordingUpstream,
  text,
} from '../../helpers/recording-upstream.js';

const CANARY = 'sk-test-CANARY123';
const TIMEOUT_MS = 300;

const schemes: Record<string, SecuritySchemeModel> = {
  api_key: { key: 'api_key', kind: 'apiKey', in: 'header', name: 'X-API-Key' },
  query_key: { key: 'query_key', kind: 'apiKey', in: 'query', name: 'key' },
  bearer: { key: 'bearer', kind: 'httpBearer' },
  oauth: { key: 'oauth', kind: 'oauth2', tokenUrl: '/token', scopes: ['pets:read'] },
};

const keyed = { security: [[{ scheme: 'api_key', scopes: [] }]] };
const idPath = [arg({ name: 'id', in: 'path', style: 'simple', explode: false, required: true })];
const idSchema = {
  type: 'object',
  properties: { id: { type: 'string' } },
  required: ['id'],
  additionalProperties: false,
};

const operations: OperationModel[] = [
  operation({
    toolName: 'get_pet',
    title: 'Get a pet',
    pathTemplate: '/pets/{petId}',
    arguments: [arg({ name: 'petId', in: 'path', style: 'simple', explode: false, required: true })],
    inputSchema: {
      type: 'object',
      properties: { petId: { type: 'integer' } },
      required: ['petId'],
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: { id: { type: 'integer' }, name: { type: 'string' } },
      required: ['id', 'name'],
    },
    ...keyed,
  }),
  operation({
    toolName: 'list_pets',
    pathTemplate: '/pets',
    arguments: [arg({ name: 'tag', in: 'query', style: 'form', explode: true })],
    inputSchema: { type: 'object', properties: { tag: { type: 'string' } } },
    outputSchema: { type: 'object', properties: { result: { type: 'array' } }, required: ['result'] },
    outputWrapped: true,
    ...keyed,
  }),
  operation({
    toolName: 'get_user',
    pathTemplate: '/users/{id}',
    arguments: idPath,
    inputSchema: idSchema,
    ...keyed,
  }),
  operation({
    toolName: 'traced',
    pathTemplate: '/text',
    arguments: [arg({ name: 'x-trace', in: 'header', style: 'simple' })],
    inputSchema: { type: 'object', properties: { 'x-trace': { type: 'string' } } },
  }),
  ...[
    'text',
    'slow',
    'loris',
    'big',
    'fail404',
    'fail500',
    'fail401',
    'image',
    'pdf',
    'empty',
    'redirect',
    'bad-output',
  ].map((name) => operation({ toolName: name.replace('-', '_'), pathTemplate: `/${name}`, ...keyed })),
  operation({
    toolName: 'empty_typed',
    pathTemplate: '/empty',
    outputSchema: { type: 'object' },
  }),
  operation({
    toolName: 'bad_output',
    pathTemplate: '/bad-output',
    outputSchema: { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] },
  }),
  operation({
    toolName: 'query_keyed',
    pathTemplate: '/slow',
    security: [[{ scheme: 'query_key', scopes: [] }]],
  }),
  operation({
    toolName: 'create_pet',
    method: 'post',
    pathTemplate: '/pets',
    requestBody: { mediaType: 'application/json', required: true },
    arguments: [arg({ name: 'name', in: 'body-property' }), arg({ name: '__proto__', in: 'body-property' })],
    inputSchema: { type: 'object' },
  }),
  operation({
    toolName: 'oauth_pets',
    pathTemplate: '/echo-auth',
    security: [[{ scheme: 'oauth', scopes: ['pets:read'] }]],
  }),
  operation({
    toolName: 'either',
    pathTemplate: '/echo-auth',
    security: [[{ scheme: 'api_key', scopes: [] }], [{ scheme: 'bearer', scopes: [] }]],
  }),
  operation({
    toolName: 'upload_photo',
    method: 'post',
    pathTemplate: '/uploads',
    requestBody: {
      mediaType: 'multipart/form-data',
      required: true,
      partContentTypes: { file: 'image/png' },
    },
    arguments: [
      arg({ name: 'title', in: 'body-property' }),
      arg({ name: 'file', in: 'body-property', encoding: 'base64' }),
    ],
    inputSchema: { type: 'object', properties: { title: { type: 'string' }, file: { type: 'string' } } },
    ...keyed,
  }),
];

let upstream: RecordingUpstream;
let canary: RecordingUpstream;
let model: ApiModel;
const logs: string[] = [];

function options(overrides: Partial<RuntimeOptions> = {}): RuntimeOptions {
  return {
    envPrefix: 'OPENAPI_MCP',
    env: { OPENAPI_MCP_API_KEY: CANARY },
    timeoutMs: TIMEOUT_MS,
    maxResponseBytes: 1024 * 1024,
    log: (line) => logs.push(line),
    ...overrides,
  };
}

function textOf(result: ToolResult): string {
  return result.content.map((block) => (block.type === 'text' ? block.text : `[${block.type}]`)).join('\n');
}

/** Asserts nothing the caller produced (result or log) holds a secret. */
function expectNoSecret(result: ToolResult, ...secrets: string[]): void {
  const everything = JSON.stringify(result) + logs.join('\n');
  for (const secret of [CANARY, ...secrets]) expect(everything).not.toContain(secret);
}

beforeAll(async () => {
  canary = await startRecordingUpstream();
  upstream = await startRecordingUpstream({
    'GET /v1/pets/*': json(200, { id: 7, name: 'Rex' }),
    'GET /v1/pets': json(200, [{ id: 1 }, { id: 2 }]),
    'POST /v1/pets': (request, res) => json(201, { received: request.body.toString('utf8') })(request, res),
    'GET /v1/users/*': json(200, { ok: true }),
    'POST /v1/uploads': json(201, { ok: true }),
    'GET /v1/text': text(200, 'hello from text'),
    'GET /v1/slow': never(),
    'GET /v1/loris': (_request, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const timer = setInterval(() => res.write('x'), 30);
      res.on('close', () => clearInterval(timer));
    },
    'GET /v1/big': big(8 * 1024 * 1024),
    'GET /v1/fail404': json(404, { message: 'no such thing' }),
    'GET /v1/fail500': echoHeaders(500),
    'GET /v1/fail401': (request, res) => {
      res
        .writeHead(401, { 'content-type': 'text/plain' })
        .end(`bad key: ${String(request.headers['x-api-key'])}`);
    },
    'GET /v1/image': (_request, res) => {
      res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    },
    'GET /v1/pdf': (_request, res) => {
      res.writeHead(200, { 'content-type': 'application/pdf' }).end(Buffer.alloc(12345));
    },
    'GET /v1/empty': (_request, res) => {
      res.writeHead(204).end();
    },
    'GET /v1/bad-output': json(200, { id: 'not-a-number' }),
    'GET /v1/echo-auth': (request, res) =>
      json(200, { auth: request.headers.authorization ?? null })(request, res),
  });
  upstream.route('GET /v1/redirect', (_request, res) => {
    res.writeHead(302, { location: `${canary.url}/steal?x=1` }).end();
  });
  model = apiModel(operations, {
    servers: [{ url: `${upstream.url}/v1`, variables: {} }],
    securitySchemes: schemes,
  });
});

afterAll(async () => {
  await upstream.close();
  await canary.close();
});

let caller: ToolCaller;
afterEach(async () => {
  await caller?.close();
  upstream.reset();
  canary.reset();
  logs.length = 0;
});

function start(overrides: Partial<RuntimeOptions> = {}, withModel: ApiModel = model): ToolCaller {
  caller = createToolCaller(withModel, options(overrides));
  return caller;
}

describe('createToolCaller: tools', () => {
  it('at full detail, lists one definition per operation with schemas passed through untouched', () => {
    const tools = start({ detail: 'full' }).tools;
    expect(tools.map((t) => t.name)).toEqual(operations.map((o) => o.toolName));
    const getPet = tools[0]!;
    const { title: _title, ...annotations } = operations[0]!.annotations;
    expect(getPet).toEqual({
      name: 'get_pet',
      title: 'Get a pet',
      description: 'Calls get_pet.',
      inputSchema: operations[0]!.inputSchema,
      outputSchema: operations[0]!.outputSchema,
      // The title is the definition's own; the annotations do not repeat it.
      annotations,
    });
    expect(getPet.inputSchema).toBe(operations[0]!.inputSchema);
    expect(caller.has('get_pet')).toBe(true);
    expect(caller.has('nope')).toBe(false);
  });

  it('at compact detail (the default), lists compact definitions and describes each at full detail', () => {
    const tools = start().tools;
    const full = caller.describe('get_pet');
    expect(full?.inputSchema).toBe(operations[0]!.inputSchema);
    expect(tools[0]).toEqual(compactDefinition(full!));
    expect(caller.describe('nope')).toBeUndefined();
  });

  it('answers an unknown tool with an error result', async () => {
    expect(await start().call('nope', {})).toMatchObject({ isError: true });
  });
});

describe('createToolCaller: arguments', () => {
  it.each([
    [{ petId: 'x' }, 'Invalid arguments for tool get_pet:\n- /petId: must be integer'],
    [{}, "Invalid arguments for tool get_pet:\n- (root): must have required property 'petId'"],
    [{ petId: 1, extra: 1 }, "- (root): must NOT have additional property 'extra'"],
    [null, '- (root): must be an object (got null)'],
    [[1], '- (root): must be an object (got an array)'],
    ['x', '- (root): must be an object (got string)'],
  ])('%j → isError, nothing sent', async (args, message) => {
    const result = await start().call('get_pet', args);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(message);
    expect(upstream.requests).toHaveLength(0);
  });

  it('caps the number of reported errors', async () => {
    const many = operation({
      toolName: 'many',
      inputSchema: {
        type: 'object',
        properties: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`p${i}`, { type: 'integer' }])),
      },
    });
    const args = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`p${i}`, 'x']));
    const result = await start({}, apiModel([many], { servers: model.servers })).call('many', args);
    const lines = textOf(result).split('\n');
    expect(lines).toHaveLength(12);
    expect(lines.at(-1)).toBe('- ... and 20 more');
  });
});

describe('createToolCaller: validationSchema (rules the published inputSchema leaves out)', () => {
  const published = { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } } };
  const ruled = (rules: Record<string, unknown>) =>
    operation({ toolName: 'ruled', inputSchema: published, validationSchema: { ...published, ...rules } });

  it('publishes inputSchema and validates calls against validationSchema', async () => {
    const op = ruled({ oneOf: [{ required: ['a'] }, { required: ['b'] }] });
    const c = start({ detail: 'full' }, apiModel([op], { servers: model.servers }));
    expect(c.tools[0]?.inputSchema).toBe(published);
    const both = await c.call('ruled', { a: 'x', b: 'y' });
    expect(both.isError).toBe(true);
    expect(textOf(both)).toBe(
      [
        'Invalid arguments for tool ruled:',
        '- (root): must match exactly one of the alternatives (oneOf); it matches alternatives 1 and 2',
        "The arguments break a rule across several of them (oneOf); the tool's description names its argument rules.",
      ].join('\n'),
    );
    const none = await c.call('ruled', {});
    expect(textOf(none)).toContain("- (root): alternative 1 of oneOf: must have required property 'a'");
    expect(textOf(none)).toContain(
      '- (root): must match exactly one of the alternatives (oneOf); it matches none',
    );
    expect(upstream.requests).toHaveLength(0);
  });

  it('names dependentRequired as the broken rule', async () => {
    const c = start({}, apiModel([ruled({ dependentRequired: { a: ['b'] } })], { servers: model.servers }));
    const result = await c.call('ruled', { a: 'x' });
    expect(textOf(result)).toContain('(dependentRequired)');
    expect(upstream.requests).toHaveLength(0);
  });

  it('adds no rule line for an error inside one argument', async () => {
    const c = start({}, apiModel([ruled({ anyOf: [{ required: ['a'] }] })], { servers: model.servers }));
    const result = await c.call('ruled', { a: 1 });
    expect(textOf(result)).toBe('Invalid arguments for tool ruled:\n- /a: must be string');
  });
});

describe('createToolCaller: results', () => {
  it('returns JSON as compact text and validated structured content, with the key sent', async () => {
    const result = await start().call('get_pet', { petId: 7 });
    expect(result).toEqual({
      content: [{ type: 'text', text: '{"id":7,"name":"Rex"}' }],
      structuredContent: { id: 7, name: 'Rex' },
    });
    expect(upstream.requests[0]).toMatchObject({ method: 'GET', url: '/v1/pets/7' });
    expect(upstream.requests[0]!.headers['x-api-key']).toBe(CANARY);
  });

  it('wraps an array response as { result }', async () => {
    const result = await start().call('list_pets', { tag: 'a&admin=true' });
    expect(result.structuredContent).toEqual({ result: [{ id: 1 }, { id: 2 }] });
    expect(upstream.requests[0]!.url).toBe('/v1/pets?tag=a%26admin%3Dtrue');
  });

  it('reports output that does not match the output schema as an error', async () => {
    const result = await start().call('bad_output', {});
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toBeUndefined();
    expect(textOf(result)).toContain(
      "does not match the tool's declared output schema:\n- /id: must be integer",
    );
  });

  it.each([
    ['text', { content: [{ type: 'text', text: 'hello from text' }] }],
    ['image', { content: [{ type: 'image', data: 'iVBORw==', mimeType: 'image/png' }] }],
    [
      'pdf',
      { content: [{ type: 'text', text: 'Binary response (application/pdf, 12345 bytes) not shown.' }] },
    ],
    ['empty', { content: [{ type: 'text', text: 'HTTP 204 No Content' }] }],
  ])('%s', async (tool, expected) => {
    expect(await start().call(tool, {})).toEqual(expected);
  });

  it('marks an empty success as an error when an output schema demands structured content', async () => {
    const result = await start().call('empty_typed', {});
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^HTTP 204 No Content: the call succeeded but returned no body/);
  });

  it.each([
    ['fail404', /^HTTP 404 Not Found\n\{"message":"no such thing"\}$/],
    ['fail500', /^HTTP 500 Internal Server Error\n/],
    ['fail401', /^HTTP 401 Unauthorized\nbad key: \[REDACTED\]$/],
  ])('%s → isError with status, body excerpt and no key', async (tool, pattern) => {
    const result = await start().call(tool, {});
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(pattern);
    expect(upstream.requests[0]!.headers['x-api-key']).toBe(CANARY);
    expectNoSecret(result);
  });

  it('cuts an 8 MB response at the cap, with the marker and the original size', async () => {
    const result = await start({ maxResponseBytes: 1024 * 1024 }).call('big', {});
    const text = textOf(result);
    expect(text.endsWith('\n[truncated: showed 1048576 of 8388608 bytes]')).toBe(true);
    expect(text.length).toBeLessThan(1024 * 1024 + 100);
  });
});

describe('createToolCaller: request bodies', () => {
  it('sends a multipart body the upstream parses back into its parts', async () => {
    const result = await start().call('upload_photo', {
      title: 'Rex at the beach',
      file: Buffer.from([0x89, 0x50, 0x4e, 0x47]).toString('base64'),
    });
    expect(result.isError).toBeFalsy();
    const [sent] = upstream.requests;
    expect(sent?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const form = await new Response(new Uint8Array(sent?.body ?? []), {
      headers: { 'content-type': String(sent?.headers['content-type']) },
    }).formData();
    expect(form.get('title')).toBe('Rex at the beach');
    const file = form.get('file') as File;
    expect(file.type).toBe('image/png');
    expect([...new Uint8Array(await file.arrayBuffer())]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });
});

describe('createToolCaller: upstream safety', () => {
  it.each([['..'], ['.'], ['../admin'], ['%2e%2e'], ['.%2E'], ['']])(
    'path value %j is refused or confined to one segment; /admin is never reached',
    async (id) => {
      const result = await start().call('get_user', { id });
      for (const request of upstream.requests) {
        expect(request.url).toMatch(/^\/v1\/users\/[^/]+$/);
        expect(request.url).not.toContain('/admin');
      }
      if (result.isError) {
        expect(textOf(result)).toMatch(/path argument "id"/);
        expect(upstream.requests).toHaveLength(0);
      }
    },
  );

  it.each([
    ['a/b', '/v1/users/a%2Fb'],
    ['a?x=1', '/v1/users/a%3Fx%3D1'],
    ['//evil.example', '/v1/users/%2F%2Fevil.example'],
  ])('path value %j arrives as %s', async (id, url) => {
    const result = await start().call('get_user', { id });
    expect(result.isError).toBeUndefined();
    expect(upstream.requests.map((r) => r.url)).toEqual([url]);
  });

  it.each([['.'], ['..'], ['%2e%2e'], ['.%2E'], [''], ['../admin'], ['a/../../admin']])(
    'path value %j is an error and sends nothing',
    async (id) => {
      const result = await start().call('get_user', { id });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/^Tool get_user was not called: Invalid value for path argument "id"/);
      expect(upstream.requests).toHaveLength(0);
    },
  );

  it('refuses a CRLF header value and sends nothing', async () => {
    const result = await start().call('traced', { 'x-trace': 'a\r\nX-Admin: true' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/header argument "x-trace".*control characters/);
    expect(upstream.requests).toHaveLength(0);
  });

  it('does not follow a redirect and never sends the key to its target', async () => {
    const result = await start().call('redirect', {});
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(`HTTP 302 Found: upstream redirected to ${canary.url} — not followed.`);
    expect(canary.requests).toHaveLength(0);
    expect(upstream.requests).toHaveLength(1);
  });

  it('keeps Object.prototype clean with a __proto__ body property', async () => {
    const args = JSON.parse('{"name":"x","__proto__":{"polluted":true}}') as unknown;
    const result = await start().call('create_pet', args);
    expect(result.isError).toBeUndefined();
    expect(upstream.requests[0]!.body.toString('utf8')).toBe('{"name":"x","__proto__":{"polluted":true}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('createToolCaller: deadline and failures', () => {
  it.each([
    ['slow', 'GET /v1/slow'],
    ['loris', 'GET /v1/loris'],
  ])('%s: aborted at the deadline, then the next call works', async (tool, line) => {
    const started = Date.now();
    const result = await start().call(tool, {});
    const elapsed = Date.now() - started;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(`Upstream did not answer within 0.3 s (${line}); the call was aborted.`);
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 1500);
    expectNoSecret(result);
    expect((await caller.call('text', {})).content).toEqual([{ type: 'text', text: 'hello from text' }]);
  });

  it('never shows a query key on timeout', async () => {
    const result = await start({ env: { OPENAPI_MCP_QUERY_KEY: CANARY } }).call('query_keyed', {});
    expect(upstream.requests[0]!.url).toBe(`/v1/slow?key=${CANARY}`);
    expect(textOf(result)).toMatch(/did not answer/);
    expectNoSecret(result);
  });

  it('aborts when the caller cancels', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const result = await start({ timeoutMs: 5_000 }).call('slow', {}, controller.signal);
    expect(result).toMatchObject({ isError: true });
    expect(textOf(result)).toMatch(/cancelled/);
  });

  it('reports connection refused with origin and code, never the key', async () => {
    const closed = await startRecordingUpstream();
    const origin = closed.url;
    await closed.close();
    // A refused GET is retried (twice by default) before it is reported; no jitter, so both retries fit the deadline.
    const clock = { ...systemClock, random: () => 0 };
    const result = await start({ baseUrl: `${origin}/v1`, clock }).call('text', {});
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      `Could not reach the upstream ${origin} (ECONNREFUSED) for GET /v1/text.\nTried 3 times.`,
    );
    expect(logs.join('\n')).toContain('ECONNREFUSED');
    expectNoSecret(result);
  });

  it('redacts a key the upstream echoes in a success body, in text and structured content', async () => {
    const echo = operation({
      toolName: 'echo',
      pathTemplate: '/echo-headers',
      outputSchema: { type: 'object' },
      ...keyed,
    });
    upstream.route('GET /v1/echo-headers', echoHeaders(200));
    const result = await start(
      {},
      apiModel([echo], { servers: model.servers, securitySchemes: schemes }),
    ).call('echo', {});
    expect(result.structuredContent).toMatchObject({ headers: { 'x-api-key': '[REDACTED]' } });
    expectNoSecret(result);
  });
});

describe('createToolCaller: credentials and base URL', () => {
  it('names the variable to set when credentials are missing, and sends nothing', async () => {
    const result = await start({ env: {} }).call('get_pet', { petId: 1 });
    expect(result).toEqual({
      content: [
        {
          type: 'text',
          text: 'Missing credentials for tool get_pet: set OPENAPI_MCP_API_KEY (API key sent in header X-API-Key).',
        },
      ],
      isError: true,
    });
    expect(upstream.requests).toHaveLength(0);
  });

  it('uses the second alternative when only it is configured', async () => {
    const result = await start({ env: { OPENAPI_MCP_BEARER: CANARY } }).call('either', {});
    expect(upstream.requests[0]!.headers.authorization).toBe(`Bearer ${CANARY}`);
    expect(textOf(result)).toBe('{"auth":"Bearer [REDACTED]"}');
  });

  it('fetches an OAuth2 client-credentials token once, caches it and uses it', async () => {
    const tokenRequests: Array<{ auth: string | undefined; body: string; url: string | undefined }> = [];
    upstream.route('POST /token', (request, res) => {
      tokenRequests.push({
        auth: request.headers.authorization,
        body: request.body.toString('utf8'),
        url: request.url,
      });
      json(200, { access_token: 'tok-CANARY456', token_type: 'Bearer', expires_in: 3600 })(request, res);
    });
    start({ env: { OPENAPI_MCP_OAUTH_CLIENT_ID: 'client', OPENAPI_MCP_OAUTH_CLIENT_SECRET: 'shh-secret' } });
    const results = [await caller.call('oauth_pets', {}), await caller.call('oauth_pets', {})];
    expect(tokenRequests).toEqual([
      {
        auth: `Basic ${Buffer.from('client:shh-secret').toString('base64')}`,
        body: 'grant_type=client_credentials&scope=pets%3Aread',
        url: '/token',
      },
    ]);
    const apiCalls = upstream.requests.filter((r) => r.url === '/v1/echo-auth');
    expect(apiCalls.map((r) => r.headers.authorization)).toEqual([
      'Bearer tok-CANARY456',
      'Bearer tok-CANARY456',
    ]);
    for (const result of results) {
      expect(textOf(result)).toBe('{"auth":"Bearer [REDACTED]"}');
      expectNoSecret(result, 'CANARY456', 'shh-secret');
    }
  });

  it('reports a failing token endpoint without secrets', async () => {
    upstream.route('POST /token', json(401, { error: 'invalid_client', echo: 'shh-secret' }));
    const result = await start({
      env: { OPENAPI_MCP_OAUTH_CLIENT_ID: 'client', OPENAPI_MCP_OAUTH_CLIENT_SECRET: 'shh-secret' },
    }).call('oauth_pets', {});
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      `Could not get an OAuth2 token for security scheme "oauth" from ${upstream.url}: HTTP 401 Unauthorized (invalid_client).`,
    );
    expectNoSecret(result, 'shh-secret');
  });

  it.each([
    [{ baseUrl: undefined, env: {} }, /set --base-url or OPENAPI_MCP_BASE_URL/],
    [{ baseUrl: 'ftp://x' }, /must use http or https/],
  ])('refuses an unusable base URL (%j)', async (overrides, message) => {
    const relative = apiModel([operation({ toolName: 'root' })], {
      servers: [{ url: '/api', variables: {} }],
    });
    const result = await start(overrides as Partial<RuntimeOptions>, relative).call('root', {});
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(message);
  });

  it('takes the base URL from <PREFIX>_BASE_URL over the spec, and --base-url over both', async () => {
    const relative = apiModel([operation({ toolName: 'text', pathTemplate: '/text' })], {
      servers: [{ url: '/api', variables: {} }],
    });
    await start({ env: { OPENAPI_MCP_BASE_URL: `${upstream.url}/v1` } }, relative).call('text', {});
    await caller.close();
    await start({ baseUrl: `${upstream.url}/v1/`, env: { OPENAPI_MCP_BASE_URL: canary.url } }, relative).call(
      'text',
      {},
    );
    expect(upstream.requests.map((r) => r.url)).toEqual(['/v1/text', '/v1/text']);
    expect(canary.requests).toHaveLength(0);
  });

  it('substitutes server variable defaults', async () => {
    const port = new URL(upstream.url).port;
    const templated = apiModel([operation({ toolName: 'text', pathTemplate: '/text' })], {
      servers: [
        {
          url: 'http://127.0.0.1:{port}/{version}',
          variables: { port: { default: port }, version: { default: 'v1' } },
        },
      ],
    });
    const result = await start({}, templated).call('text', {});
    expect(textOf(result)).toBe('hello from text');
  });
});
