import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createMcpServer } from '../../../src/runtime/create-mcp-server.js';
import { isLoopbackHost, ServerStartError, serveHttp } from '../../../src/runtime/serve-http.js';
import { serveStdio } from '../../../src/runtime/serve-stdio.js';
import type { ToolCaller } from '../../../src/runtime/types.js';

function fakeCaller(): ToolCaller & { closed: number } {
  const caller = {
    closed: 0,
    operations: new Map(),
    tools: [
      {
        name: 'ping',
        description: 'pong',
        inputSchema: { type: 'object' as const, additionalProperties: false },
        annotations: {
          readOnlyHint: true,
          destructiveHint: false,
          idempotentHint: true,
          openWorldHint: true,
        },
      },
    ],
    has: (name: string) => name === 'ping',
    describe: () => undefined,
    call: async () => ({ content: [{ type: 'text' as const, text: 'pong' }] }),
    close: async () => {
      caller.closed += 1;
    },
  };
  return caller;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '0' } },
};

describe('serveHttp', () => {
  it('listens on 127.0.0.1:0, logs the endpoint, serves /mcp and closes the caller on close()', async () => {
    const caller = fakeCaller();
    const lines: string[] = [];
    const factory = createMcpServer(caller, { name: 't', version: '1' });
    const running = await serveHttp(factory, caller, {
      host: '127.0.0.1',
      port: 0,
      envPrefix: 'OPENAPI_MCP',
      log: (line) => lines.push(line),
    });
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    expect(lines).toEqual([`openapi-mcp listening on ${running.url}`]);

    const res = await fetch(running.url as string, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify(INITIALIZE),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('"listChanged":false');

    await running.close();
    await running.close();
    expect(caller.closed).toBe(1);
    await expect(fetch(running.url as string, { method: 'POST' })).rejects.toThrow();
  });

  it("answers a body that is not JSON with the handler's parse error, and serves a request whose headers Node gives as an array", async () => {
    const caller = fakeCaller();
    const factory = createMcpServer(caller, { name: 't', version: '1' });
    const running = await serveHttp(factory, caller, {
      host: '127.0.0.1',
      port: 0,
      envPrefix: 'OPENAPI_MCP',
      log: () => {},
    });
    cleanups.push(() => running.close());
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(running.url as string, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...headers,
        },
        body,
      });

    // Not parsed here, so the SDK answers it: a JSON-RPC parse error, not a 500.
    const broken = await post('{"jsonrpc":"2.0","id":1,"method":');
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: { code: number } }).error.code).toBe(-32700);

    // `set-cookie` is the one request header Node keeps as an array: the headers then go through Headers.
    const withCookies = await post(JSON.stringify(INITIALIZE), { 'set-cookie': 'a=1' });
    expect(withCookies.status).toBe(200);
    expect(await withCookies.text()).toContain('"listChanged":false');
  });

  it('rejects with ServerStartError naming the port when it is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => blocker.close(() => resolve())));
    const { port } = blocker.address() as AddressInfo;
    const caller = fakeCaller();
    const attempt = serveHttp(createMcpServer(caller, { name: 't', version: '1' }), caller, {
      host: '127.0.0.1',
      port,
      envPrefix: 'OPENAPI_MCP',
      log: () => {},
    });
    await expect(attempt).rejects.toBeInstanceOf(ServerStartError);
    await expect(attempt).rejects.toThrow(`127.0.0.1:${port}`);
  });
});

describe('isLoopbackHost (drives Host validation and the exposure warning)', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['LOCALHOST', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.10', false],
    ['example.com', false],
    ['localhost.example.com', false],
    ['1270.0.0.1', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});

describe('serveStdio', () => {
  it('answers on the given streams, writes only JSON-RPC, and closes the caller when stdin ends', async () => {
    const caller = fakeCaller();
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    let written = '';
    stdout.on('data', (chunk: Buffer) => {
      written += chunk.toString('utf8');
    });
    const running = await serveStdio(createMcpServer(caller, { name: 't', version: '1' }), caller, {
      stdin,
      stdout,
      log: () => {},
    });
    stdin.write(`${JSON.stringify(INITIALIZE)}\n`);
    await waitFor(() => written.includes('\n'));
    const reply = JSON.parse(written.split('\n')[0] as string) as {
      id: number;
      result: { protocolVersion: string };
    };
    expect(reply.id).toBe(1);
    expect(reply.result.protocolVersion).toBe('2025-11-25');

    stdin.end();
    await waitFor(() => caller.closed === 1);
    await running.close();
    expect(caller.closed).toBe(1);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
