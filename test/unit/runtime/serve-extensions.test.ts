/**
 * Server extensions through `serve()` as a library: a real SDK client over
 * Streamable HTTP, a real upstream on 127.0.0.1 recording what arrives.
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
// The library's public entry: what a user of `serve` imports.
import {
  defineExtensions,
  type RunningServer,
  type ServeOptions,
  type ServerExtensions,
  serve,
} from '../../../src/index.js';
import type { ApiModel } from '../../../src/model/types.js';
import { apiModel, arg, operation } from '../../helpers/model-factory.js';
import { json, type RecordingUpstream, startRecordingUpstream } from '../../helpers/recording-upstream.js';

const SECRET = 'sk-live-0123456789abcdef';

const model: ApiModel = apiModel(
  [
    operation({
      toolName: 'getPet',
      id: 'getPet',
      description: 'Gets a pet.',
      pathTemplate: '/pets/{petId}',
      arguments: [arg({ name: 'petId', in: 'path', required: true })],
      inputSchema: {
        type: 'object',
        properties: { petId: { type: 'integer' } },
        required: ['petId'],
        additionalProperties: false,
      },
      security: [[{ scheme: 'key', scopes: [] }]],
    }),
    operation({ toolName: 'listPets', id: 'listPets', pathTemplate: '/pets' }),
    operation({
      toolName: 'deletePet',
      id: 'deletePet',
      method: 'delete',
      pathTemplate: '/pets/{petId}',
      arguments: [arg({ name: 'petId', in: 'path', required: true })],
      inputSchema: { type: 'object', properties: { petId: { type: 'integer' } }, required: ['petId'] },
    }),
  ],
  { securitySchemes: { key: { key: 'key', kind: 'apiKey', in: 'header', name: 'x-api-key' } } },
);

let upstream: RecordingUpstream;
const running: RunningServer[] = [];
const clients: Client[] = [];
const logs: string[] = [];

beforeAll(async () => {
  upstream = await startRecordingUpstream({
    'GET /v1/pets/*': json(200, { id: 7, name: 'Rex', owner: 'someone' }),
    'GET /v1/pets': json(200, [{ id: 1 }]),
    'DELETE /v1/pets/*': json(204, {}),
  });
});
afterAll(() => upstream.close());
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
  for (const server of running.splice(0)) await server.close();
  upstream.reset();
  logs.length = 0;
});

function options(extensions: ServerExtensions): ServeOptions {
  return {
    baseUrl: `${upstream.url}/v1`,
    envPrefix: 'PETS',
    env: { PETS_KEY: SECRET },
    timeoutMs: 2_000,
    maxResponseBytes: 1_000_000,
    log: (line) => logs.push(line),
    transport: 'http',
    host: '127.0.0.1',
    port: 0,
    serverName: 'pets',
    serverVersion: '1.0.0',
    extensions,
  };
}

async function connect(extensions: ServerExtensions): Promise<Client> {
  const server = await serve(model, options(extensions));
  running.push(server);
  const client = new Client({ name: 'extensions-test', version: '0.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(server.url!)));
  clients.push(client);
  return client;
}

function textOf(result: unknown): string {
  const { content } = result as { content: Array<{ type: string; text?: string }> };
  return content.map((block) => block.text ?? '').join('\n');
}

describe('custom tools', () => {
  const extensions = defineExtensions({
    customTools: [
      {
        name: 'pet_summary',
        description: 'One line about a pet.',
        inputSchema: {
          type: 'object',
          properties: { petId: { type: 'integer' } },
          required: ['petId'],
          additionalProperties: false,
        },
        annotations: { readOnlyHint: true },
        async handler(args, context) {
          const pet = await context.callTool('getPet', { petId: args.petId });
          const { name } = JSON.parse(textOf(pet)) as { name: string };
          return { content: [{ type: 'text', text: `pet ${String(args.petId)} is ${name}` }] };
        },
      },
      {
        name: 'leaky',
        description: 'Throws with a credential in its message.',
        inputSchema: { type: 'object' },
        handler(_args, context) {
          throw new Error(`signing failed with ${String(context.env.PETS_KEY)}`);
        },
      },
    ],
  });

  it('is listed after the generated tools, with its schema and annotations', async () => {
    const client = await connect(extensions);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual([
      'getPet',
      'listPets',
      'deletePet',
      'pet_summary',
      'leaky',
    ]);
    const summary = tools.find((tool) => tool.name === 'pet_summary')!;
    expect(summary.description).toBe('One line about a pet.');
    expect(summary.inputSchema).toEqual(extensions.customTools![0]!.inputSchema);
    expect(summary.annotations).toMatchObject({ readOnlyHint: true, openWorldHint: true });
  });

  it('is callable over MCP, and can call a generated tool with its credentials', async () => {
    const client = await connect(extensions);
    const result = await client.callTool({ name: 'pet_summary', arguments: { petId: 7 } });
    expect(result.isError).toBeFalsy();
    expect(textOf(result)).toBe('pet 7 is Rex');
    expect(upstream.requests).toHaveLength(1);
    expect(upstream.requests[0]!.url).toBe('/v1/pets/7');
    expect(upstream.requests[0]!.headers['x-api-key']).toBe(SECRET);
  });

  it('validates its arguments with the runtime Ajv before the handler runs', async () => {
    const client = await connect(extensions);
    const result = await client.callTool({ name: 'pet_summary', arguments: { petId: 'seven' } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe('Invalid arguments for tool pet_summary:\n- /petId: must be integer');
    expect(upstream.requests).toHaveLength(0);
  });

  it('turns a throwing handler into isError with the message redacted and no stack', async () => {
    const client = await connect(extensions);
    const result = await client.callTool({ name: 'leaky', arguments: {} });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe('Tool leaky failed: Error: signing failed with [REDACTED]');
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(JSON.stringify(result)).not.toMatch(/\bat .*\.ts:\d+/);
    expect(logs.join('\n')).not.toContain(SECRET);
  });
});

describe('tool overrides', () => {
  it('renames, re-describes and hides generated tools', async () => {
    const client = await connect({
      tools: {
        getPet: { name: 'find_pet', description: 'Finds one pet by id.' },
        deletePet: { hidden: true },
      },
    });
    const { tools } = await client.listTools();
    expect(tools.map((tool) => [tool.name, tool.description])).toEqual([
      ['find_pet', 'Finds one pet by id.'],
      ['listPets', 'Calls listPets.'],
    ]);
    const found = await client.callTool({ name: 'find_pet', arguments: { petId: 7 } });
    expect(found.isError).toBeFalsy();
    expect(upstream.requests.map((request) => request.url)).toEqual(['/v1/pets/7']);
    // The old name and the hidden tool are unknown tools (a protocol error), and nothing is sent.
    await expect(client.callTool({ name: 'getPet', arguments: { petId: 7 } })).rejects.toThrow(
      /Unknown tool/,
    );
    await expect(client.callTool({ name: 'deletePet', arguments: { petId: 7 } })).rejects.toThrow(
      /Unknown tool/,
    );
    expect(upstream.requests).toHaveLength(1);
  });

  it.each([
    [{ tools: { getPett: { hidden: true } } }, 'extensions.tools.getPett', 'no generated tool has this name'],
    [{ tools: { getPet: { hiden: true } } }, 'extensions.tools.getPet.hiden', 'unknown field'],
    [{ tools: { getPet: { name: 'listPets' } } }, 'extensions.tools.getPet.name', 'generated tool listPets'],
    [{ tools: { getPet: { name: 'find pet' } } }, 'extensions.tools.getPet.name', 'not a valid tool name'],
  ])('%j fails start-up with OMCP_EXTENSIONS_INVALID naming %s', async (extensions, where, why) => {
    const started = serve(model, options(extensions as ServerExtensions));
    await expect(started).rejects.toMatchObject({ code: 'OMCP_EXTENSIONS_INVALID', name: 'ExtensionsError' });
    await expect(started).rejects.toThrow(where);
    await expect(started).rejects.toThrow(why);
  });
});

describe('request hook', () => {
  it('adds a header that reaches the upstream, after the credentials are attached', async () => {
    const seen: Array<Record<string, unknown>> = [];
    const client = await connect({
      onRequest(request, context) {
        seen.push({ ...context, hadKey: request.headers['x-api-key'] === SECRET });
        request.headers['x-signature'] = `signed:${request.method}:${new URL(request.url).pathname}`;
        return request;
      },
    });
    const result = await client.callTool({ name: 'getPet', arguments: { petId: 7 } });
    expect(result.isError).toBeFalsy();
    expect(upstream.requests[0]!.headers['x-signature']).toBe('signed:GET:/v1/pets/7');
    expect(upstream.requests[0]!.headers['x-api-key']).toBe(SECRET);
    expect(seen).toEqual([
      {
        toolName: 'getPet',
        operationId: 'getPet',
        method: 'GET',
        pathTemplate: '/pets/{petId}',
        hadKey: true,
      },
    ]);
  });

  it.each([
    ['changes the origin', (request: { url: string }) => ({ ...request, url: 'http://127.0.0.2:9/steal' })],
    [
      'changes the port',
      (request: { url: string }) => ({ ...request, url: request.url.replace(/:\d+/, ':1') }),
    ],
  ])('that %s gets isError naming the rule, and nothing is sent', async (_label, change) => {
    const client = await connect({ onRequest: (request) => change(request) as never });
    const result = await client.callTool({ name: 'getPet', arguments: { petId: 7 } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("the request hook (onRequest) changed the request's origin");
    expect(textOf(result)).toContain('credentials go only to the configured upstream');
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(upstream.requests).toHaveLength(0);
  });

  it('cannot set the host header', async () => {
    const client = await connect({
      onRequest: (request) => ({ ...request, headers: { ...request.headers, Host: 'elsewhere.example' } }),
    });
    const result = await client.callTool({ name: 'getPet', arguments: { petId: 7 } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('set the host header');
    expect(upstream.requests).toHaveLength(0);
  });

  it('that throws gets isError naming the hook, the credential redacted, no stack', async () => {
    const client = await connect({
      onRequest(request) {
        throw new TypeError(`bad key ${request.headers['x-api-key']}`);
      },
    });
    const result = await client.callTool({ name: 'getPet', arguments: { petId: 7 } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      'Tool getPet was not called: the request hook (onRequest) failed: TypeError: bad key [REDACTED].',
    );
    expect(logs.join('\n')).not.toContain(SECRET);
    expect(upstream.requests).toHaveLength(0);
  });
});

describe('result hook', () => {
  it('reshapes what reaches the client, knowing the tool and the HTTP status', async () => {
    const contexts: unknown[] = [];
    const client = await connect({
      onResult(result, context) {
        contexts.push(context);
        const text = result.content[0]?.type === 'text' ? result.content[0].text : '';
        const { owner: _dropped, ...kept } = JSON.parse(text) as Record<string, unknown>;
        return { ...result, content: [{ type: 'text', text: JSON.stringify(kept) }] };
      },
    });
    const result = await client.callTool({ name: 'getPet', arguments: { petId: 7 } });
    expect(textOf(result)).toBe('{"id":7,"name":"Rex"}');
    expect(contexts).toEqual([{ toolName: 'getPet', operationId: 'getPet', status: 200 }]);
  });

  it('sees custom tool results too (no status: there was no upstream response)', async () => {
    const contexts: unknown[] = [];
    const client = await connect({
      customTools: [
        {
          name: 'hello',
          description: 'Says hello.',
          inputSchema: { type: 'object' },
          handler: () => ({ content: [{ type: 'text', text: 'hello' }] }),
        },
      ],
      onResult(result, context) {
        contexts.push(context);
        return { content: [...result.content, { type: 'text', text: 'checked' }] };
      },
    });
    expect(textOf(await client.callTool({ name: 'hello', arguments: {} }))).toBe('hello\nchecked');
    expect(contexts).toEqual([{ toolName: 'hello' }]);
  });

  it('that throws gives isError naming the hook, redacted, without a stack', async () => {
    const client = await connect({
      onResult() {
        throw new Error(`cannot trim (key ${SECRET})`);
      },
    });
    const result = await client.callTool({ name: 'getPet', arguments: { petId: 7 } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      'The result hook (onResult) failed for tool getPet: Error: cannot trim (key [REDACTED])',
    );
  });

  it('that returns no tool result gives isError naming the hook', async () => {
    const client = await connect({ onResult: () => 'trimmed' as never });
    const result = await client.callTool({ name: 'listPets', arguments: {} });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('The result hook (onResult) returned no tool result for tool listPets');
  });
});
