import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport, ProtocolError, type Tool } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { afterEach, describe, expect, it } from 'vitest';
import { createMcpServer, type McpServerOptions, paginate } from '../../../src/runtime/create-mcp-server.js';
import type { ToolCaller, ToolDefinition, ToolResult } from '../../../src/runtime/types.js';

const annotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };

const TOOLS: ToolDefinition[] = [
  {
    name: 'listPets',
    title: 'List pets',
    description: 'GET /pets',
    inputSchema: {
      type: 'object',
      properties: {
        limit: { type: 'integer', minimum: 1 },
        tags: { type: 'array', items: { type: 'string' } },
      },
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: { result: { type: 'array', items: { $ref: '#/$defs/Pet' } } },
      required: ['result'],
      $defs: {
        Pet: { type: 'object', properties: { id: { type: 'integer' }, next: { $ref: '#/$defs/Pet' } } },
      },
    },
    annotations,
  },
  {
    name: 'getPet',
    description: 'GET /pets/{petId}',
    inputSchema: {
      type: 'object',
      properties: { petId: { type: ['integer', 'null'] } },
      required: ['petId'],
      additionalProperties: false,
    },
    annotations,
  },
  {
    name: 'boom',
    description: 'throws',
    inputSchema: { type: 'object', additionalProperties: false },
    annotations: { ...annotations, readOnlyHint: false },
  },
];

interface Recorded {
  name: string;
  args: unknown;
  signal: AbortSignal | undefined;
}

function fakeCaller(): ToolCaller & { calls: Recorded[]; closed: boolean } {
  const calls: Recorded[] = [];
  const caller = {
    tools: TOOLS,
    operations: new Map(),
    calls,
    closed: false,
    has: (name: string) => TOOLS.some((tool) => tool.name === name),
    describe: (name: string) => TOOLS.find((tool) => tool.name === name),
    async call(name: string, args: unknown, signal?: AbortSignal): Promise<ToolResult> {
      calls.push({ name, args, signal });
      if (name === 'boom') throw new TypeError('secret sk-test-CANARY123 in the message');
      if (name === 'listPets') {
        const structuredContent = { result: [{ id: 1 }] };
        return { content: [{ type: 'text', text: JSON.stringify(structuredContent) }], structuredContent };
      }
      return { content: [{ type: 'text', text: 'HTTP 404 Not Found' }], isError: true };
    },
    async close() {
      caller.closed = true;
    },
  };
  return caller;
}

type Era = 'legacy' | 'modern';
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Connects an in-process v2 client: `legacy` via initialize, `modern` via the serveStdio entry + auto negotiation. */
async function connect(era: Era, caller: ToolCaller, options: McpServerOptions = {}) {
  const factory = createMcpServer(caller, { name: 'test-api', version: '1.2.3' }, options);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client(
    { name: 'unit', version: '0' },
    era === 'modern' ? { versionNegotiation: { mode: 'auto' } } : {},
  );
  if (era === 'modern') {
    const handle = serveStdio(factory, { transport: serverSide });
    cleanups.push(() => handle.close());
  } else {
    const server = factory();
    await server.connect(serverSide);
    cleanups.push(() => server.close());
  }
  await client.connect(clientSide);
  cleanups.push(() => client.close());
  return client;
}

describe.each<Era>(['legacy', 'modern'])('createMcpServer (%s era)', (era) => {
  it('negotiates the expected era and announces tools without listChanged', async () => {
    const client = await connect(era, fakeCaller());
    expect(client.getProtocolEra()).toBe(era);
    expect(client.getServerCapabilities()?.tools).toEqual({ listChanged: false });
    expect(client.getServerVersion()).toMatchObject({ name: 'test-api', version: '1.2.3' });
  });

  it('lists the caller tools untouched and in order', async () => {
    const client = await connect(era, fakeCaller());
    const { tools, nextCursor } = await client.listTools();
    expect(nextCursor).toBeUndefined();
    expect(tools).toEqual(TOOLS);
  });

  it('pages with an opaque cursor and rejects a forged one with -32602', async () => {
    const client = await connect(era, fakeCaller(), { pageSize: 2 });
    // The v2 client follows nextCursor itself when no cursor is given.
    const all = await client.listTools();
    expect(all.tools).toEqual(TOOLS);
    const second = await client.listTools({ cursor: Buffer.from('offset:2').toString('base64url') });
    expect(second.tools.map((tool) => tool.name)).toEqual(['boom']);
    expect(second.nextCursor).toBeUndefined();
    await expect(client.listTools({ cursor: 'bm9wZQ' })).rejects.toMatchObject({ code: -32602 });
  });

  it('splits the list into pages of at most maxPageBytes of tool JSON (whole list when it fits)', async () => {
    const sizes = TOOLS.map((tool) => Buffer.byteLength(JSON.stringify(tool)));
    const budget = Math.max(...sizes) + 1;
    const starts = paginate(TOOLS as unknown as Tool[], Number.POSITIVE_INFINITY, budget);
    expect(starts.length).toBeGreaterThan(1);
    starts.forEach((start, i) => {
      const end = starts[i + 1] ?? TOOLS.length;
      expect(sizes.slice(start, end).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(budget);
    });
    expect(paginate(TOOLS as unknown as Tool[], Number.POSITIVE_INFINITY, 1e9)).toEqual([0]);

    const client = await connect(era, fakeCaller(), { maxPageBytes: budget });
    // The v2 client follows every nextCursor: all tools arrive, in order.
    expect((await client.listTools()).tools).toEqual(TOOLS);
    const last = starts.at(-1) as number;
    const tail = await client.listTools({ cursor: Buffer.from(`offset:${last}`).toString('base64url') });
    expect(tail.tools).toEqual(TOOLS.slice(last));
  });

  it('forwards name, arguments and an abort signal, and returns the result as given', async () => {
    const caller = fakeCaller();
    const client = await connect(era, caller);
    const result = await client.callTool({ name: 'listPets', arguments: { limit: 5 } });
    expect(result.isError ?? false).toBe(false);
    expect(result.structuredContent).toEqual({ result: [{ id: 1 }] });
    expect(result.content).toEqual([{ type: 'text', text: '{"result":[{"id":1}]}' }]);
    expect(caller.calls).toHaveLength(1);
    expect(caller.calls[0]).toMatchObject({ name: 'listPets', args: { limit: 5 } });
    expect(caller.calls[0]?.signal).toBeInstanceOf(AbortSignal);
  });

  it('passes {} when arguments are omitted and keeps isError results', async () => {
    const caller = fakeCaller();
    const client = await connect(era, caller);
    const result = await client.callTool({ name: 'getPet' });
    expect(result.isError).toBe(true);
    expect(caller.calls[0]?.args).toEqual({});
  });

  it('answers an unknown tool with JSON-RPC -32602 and never calls the caller', async () => {
    const caller = fakeCaller();
    const client = await connect(era, caller);
    const error = await client.callTool({ name: 'nope', arguments: {} }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ code: -32602 });
    expect(String((error as Error).message)).toContain('nope');
    expect(caller.calls).toHaveLength(0);
  });

  it('turns an unexpected exception into a generic isError result and a log line without the message', async () => {
    const lines: string[] = [];
    const client = await connect(era, fakeCaller(), { log: (line) => lines.push(line) });
    const result = await client.callTool({ name: 'boom', arguments: {} });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result)).not.toContain('CANARY123');
    expect(result.content).toEqual([
      { type: 'text', text: 'Internal error while calling tool "boom"; see the server log.' },
    ]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('TypeError');
    expect(lines[0]).toContain('"boom"');
    expect(lines.join('\n')).not.toContain('CANARY123');
    // The server is still alive afterwards.
    expect((await client.listTools()).tools).toHaveLength(3);
  });
});

describe('createMcpServer factory', () => {
  it('builds a fresh server per call (stateless HTTP needs one per request)', () => {
    const factory = createMcpServer(fakeCaller(), { name: 'x', version: '1' });
    expect(factory()).not.toBe(factory());
  });

  it('refuses a page size below 1', () => {
    expect(() => createMcpServer(fakeCaller(), { name: 'x', version: '1' }, { pageSize: 0 })).toThrow(
      RangeError,
    );
  });
});
