/**
 * Discovery mode through `serve()`: a real SDK client over Streamable HTTP, a
 * real upstream on 127.0.0.1. The meta-tools must reach each operation exactly
 * as its own tool does (validation, credentials, hooks, results), and the
 * extensions must still apply (hidden, renamed, custom tools).
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  defineExtensions,
  type RunningServer,
  type ServeOptions,
  type ServerExtensions,
  serve,
} from '../../../../src/index.js';
import type { ApiModel } from '../../../../src/model/types.js';
import { ExtensionsError } from '../../../../src/runtime/extensions-error.js';
import { apiModel, arg, operation } from '../../../helpers/model-factory.js';
import { json, type RecordingUpstream, startRecordingUpstream } from '../../../helpers/recording-upstream.js';

const SECRET = 'sk-live-0123456789abcdef';

const model: ApiModel = apiModel(
  [
    operation({
      toolName: 'getPet',
      id: 'getPet',
      title: 'Get a pet by its id',
      description: 'Returns one pet.',
      pathTemplate: '/pets/{petId}',
      tags: ['pets'],
      arguments: [arg({ name: 'petId', in: 'path', required: true })],
      inputSchema: {
        type: 'object',
        properties: { petId: { type: 'integer' } },
        required: ['petId'],
        additionalProperties: false,
      },
      outputSchema: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } },
      security: [[{ scheme: 'key', scopes: [] }]],
    }),
    operation({
      toolName: 'listPets',
      id: 'listPets',
      description: 'Lists every pet.',
      pathTemplate: '/pets',
    }),
    operation({
      toolName: 'deletePet',
      id: 'deletePet',
      description: 'Deletes a pet.',
      method: 'delete',
      pathTemplate: '/pets/{petId}',
      arguments: [arg({ name: 'petId', in: 'path', required: true })],
      inputSchema: { type: 'object', properties: { petId: { type: 'integer' } }, required: ['petId'] },
    }),
    operation({
      toolName: 'adminReset',
      id: 'adminReset',
      description: 'Resets the store.',
      method: 'post',
      pathTemplate: '/admin/reset',
    }),
  ],
  { securitySchemes: { key: { key: 'key', kind: 'apiKey', in: 'header', name: 'x-api-key' } } },
);

let upstream: RecordingUpstream;
const running: RunningServer[] = [];
const clients: Client[] = [];

beforeAll(async () => {
  upstream = await startRecordingUpstream({
    'GET /v1/pets/*': json(200, { id: 7, name: 'Rex' }),
    'GET /v1/pets': json(200, [{ id: 1 }]),
    'DELETE /v1/pets/*': json(200, { deleted: true }),
    'POST /v1/admin/reset': json(200, {}),
  });
});
afterAll(() => upstream.close());
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
  for (const server of running.splice(0)) await server.close();
  upstream.reset();
});

function options(tools: ServeOptions['tools'], extensions: ServerExtensions = {}): ServeOptions {
  return {
    baseUrl: `${upstream.url}/v1`,
    envPrefix: 'PETS',
    env: { PETS_KEY: SECRET },
    timeoutMs: 2_000,
    maxResponseBytes: 1_000_000,
    log: () => {},
    transport: 'http',
    host: '127.0.0.1',
    port: 0,
    serverName: 'pets',
    serverVersion: '1.0.0',
    tools,
    extensions,
  };
}

async function connect(
  tools: ServeOptions['tools'],
  extensions?: ServerExtensions,
): Promise<{ client: Client; server: RunningServer }> {
  const server = await serve(model, options(tools, extensions));
  running.push(server);
  const client = new Client({ name: 'discovery-test', version: '0.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(server.url!)));
  clients.push(client);
  return { client, server };
}

function textOf(result: unknown): string {
  const { content } = result as { content: Array<{ type: string; text?: string }> };
  return content.map((block) => block.text ?? '').join('\n');
}

describe('--tools discovery', () => {
  it('lists the three meta-tools instead of the operations', async () => {
    const { client, server } = await connect('discovery');
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual([
      'search_operations',
      'describe_operation',
      'call_operation',
    ]);
    expect(server).toMatchObject({ toolMode: 'discovery', toolCount: 3, operationCount: 4 });
    // Operations are not callable directly: only what is listed is.
    await expect(client.callTool({ name: 'getPet', arguments: { petId: 7 } })).rejects.toThrow(
      /Unknown tool/,
    );
  });

  it('search → describe → call reaches the upstream with the credentials, as the normal tool does', async () => {
    const { client } = await connect('discovery');
    const found = textOf(
      await client.callTool({ name: 'search_operations', arguments: { query: 'fetch a pet' } }),
    );
    expect(found.split('\n')[0]).toBe('getPet  GET /pets/{petId}  Get a pet by its id');

    const described = JSON.parse(
      textOf(await client.callTool({ name: 'describe_operation', arguments: { name: 'getPet' } })),
    );
    expect(described).toMatchObject({
      name: 'getPet',
      method: 'GET',
      path: '/pets/{petId}',
      description: 'Returns one pet.',
      inputSchema: model.operations[0]?.inputSchema,
      outputSchema: model.operations[0]?.outputSchema,
    });
    const listPets = JSON.parse(
      textOf(await client.callTool({ name: 'describe_operation', arguments: { name: 'listPets' } })),
    );
    expect(listPets.returns).toMatch(/no schema/);

    const called = await client.callTool({
      name: 'call_operation',
      arguments: { name: 'getPet', arguments: { petId: 7 } },
    });
    expect(called.isError).toBeFalsy();
    expect(JSON.parse(textOf(called))).toEqual({ id: 7, name: 'Rex' });
    expect(upstream.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /v1/pets/7']);
    expect(upstream.requests[0]?.headers['x-api-key']).toBe(SECRET);
  });

  it('gives the normal tool’s validation error, word for word', async () => {
    const full = await connect('all');
    const direct = await full.client.callTool({ name: 'getPet', arguments: { petId: 'seven' } });
    const discovery = await connect('discovery');
    const viaMeta = await discovery.client.callTool({
      name: 'call_operation',
      arguments: { name: 'getPet', arguments: { petId: 'seven' } },
    });
    expect(direct.isError).toBe(true);
    expect(viaMeta.isError).toBe(true);
    expect(textOf(viaMeta)).toBe(textOf(direct));
    expect(textOf(viaMeta)).toContain('Invalid arguments for tool getPet');
    expect(upstream.requests).toEqual([]);
  });

  it('answers an unknown name with isError and the closest names', async () => {
    const { client } = await connect('discovery');
    for (const tool of ['call_operation', 'describe_operation']) {
      const result = await client.callTool({ name: tool, arguments: { name: 'getPets' } });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/^Unknown operation "getPets"\. Closest: getPet, /);
    }
    const missing = await client.callTool({ name: 'call_operation', arguments: {} });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toContain('/name: must be a non-empty string');
  });

  it('returns the top 10 by default and as many as `limit` asks', async () => {
    const { client } = await connect('discovery');
    const lines = async (args: Record<string, unknown>) =>
      textOf(await client.callTool({ name: 'search_operations', arguments: args }))
        .split('\n\n')[0]
        ?.split('\n') ?? [];
    expect(await lines({ query: 'pet' })).toHaveLength(3);
    expect(await lines({ query: 'pet', limit: 1 })).toHaveLength(1);
    const bad = await client.callTool({ name: 'search_operations', arguments: { query: 'pet', limit: 0 } });
    expect(bad.isError).toBe(true);
  });

  it('keeps the extensions: hidden tools unreachable, renamed ones by their new name, custom tools listed, hooks run', async () => {
    const results: string[] = [];
    const { client } = await connect(
      'discovery',
      defineExtensions({
        tools: {
          adminReset: { hidden: true },
          deletePet: { name: 'remove_pet', description: 'Removes a pet for good.' },
        },
        customTools: [
          {
            name: 'pet_count',
            description: 'How many pets.',
            inputSchema: { type: 'object' },
            handler: async () => ({ content: [{ type: 'text', text: '1' }] }),
          },
        ],
        onResult: (result, context) => {
          results.push(context.toolName);
          return result;
        },
      }),
    );
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual([
      'search_operations',
      'describe_operation',
      'call_operation',
      'pet_count',
    ]);

    const reset = textOf(
      await client.callTool({ name: 'search_operations', arguments: { query: 'reset the store admin' } }),
    );
    expect(reset).not.toContain('adminReset');
    const hidden = await client.callTool({ name: 'call_operation', arguments: { name: 'adminReset' } });
    expect(hidden.isError).toBe(true);
    expect(textOf(hidden)).toMatch(/^Unknown operation "adminReset"/);

    const removal = textOf(
      await client.callTool({ name: 'search_operations', arguments: { query: 'remove a pet' } }),
    );
    expect(removal.split('\n')[0]).toBe('remove_pet  DELETE /pets/{petId}  Removes a pet for good.');
    const removed = await client.callTool({
      name: 'call_operation',
      arguments: { name: 'remove_pet', arguments: { petId: 3 } },
    });
    expect(JSON.parse(textOf(removed))).toEqual({ deleted: true });
    expect(
      (await client.callTool({ name: 'call_operation', arguments: { name: 'deletePet' } })).isError,
    ).toBe(true);

    expect(textOf(await client.callTool({ name: 'pet_count', arguments: {} }))).toBe('1');
    // The result hook sees the operation's own name, as with --tools all.
    expect(results).toEqual(['remove_pet', 'pet_count']);
    expect(upstream.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['DELETE /v1/pets/3']);
  });

  it('refuses at start-up a custom tool named like a meta-tool', async () => {
    const extensions = defineExtensions({
      customTools: [
        {
          name: 'search_operations',
          description: 'Mine.',
          inputSchema: { type: 'object' },
          handler: async () => ({ content: [] }),
        },
      ],
    });
    await expect(serve(model, options('discovery', extensions))).rejects.toThrow(ExtensionsError);
    // In full mode the name is free.
    const server = await serve(model, options('all', extensions));
    running.push(server);
    expect(server.toolCount).toBe(5);
  });
});

describe('--tools auto and all', () => {
  it('auto lists one tool per operation for a small model; all does too', async () => {
    for (const mode of ['auto', 'all'] as const) {
      const { client, server } = await connect(mode);
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(['getPet', 'listPets', 'deletePet', 'adminReset']);
      expect(server.toolMode).toBe('all');
    }
  });
});
