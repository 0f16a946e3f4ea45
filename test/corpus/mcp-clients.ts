/**
 * In-process MCP sessions over a model: our tool caller and server on one side of
 * an in-memory transport, a real SDK client on the other (v2 in `auto` mode, or
 * the legacy SDK 1.32 client, which compiles every outputSchema on listTools).
 */
import { Client } from '@modelcontextprotocol/client';
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import type { ApiModel } from '../../src/model/types.js';
import { createMcpServer } from '../../src/runtime/create-mcp-server.js';
import { createToolCaller } from '../../src/runtime/create-tool-caller.js';
import type { Env } from '../../src/runtime/types.js';
import { type Capture, captureValue, startCapture } from '../helpers/canary.js';
import type { CallOutcome, ListedTool } from '../helpers/mcp-session.js';

export type InProcessClientKind = 'v2-auto' | 'sdk-1.32';

export interface InProcessSession {
  listTools(): Promise<ListedTool[]>;
  callTool(name: string, args: Record<string, unknown>): Promise<CallOutcome>;
  close(): Promise<void>;
}

export interface InProcessOptions {
  baseUrl?: string;
  env?: Env;
  envPrefix?: string;
  timeoutMs?: number;
  log?: (line: string) => void;
}

/** Calls a tool, its result (or protocol error) written to the canary capture. */
async function captured(capture: Capture, call: () => Promise<unknown>): Promise<CallOutcome> {
  try {
    const result = await call();
    captureValue(capture, result);
    return result as CallOutcome;
  } catch (error) {
    capture.write(`${error instanceof Error ? error.message : String(error)}\n`);
    throw error;
  }
}

/** Starts our server for `model` and connects a client of `kind` in memory. */
export async function connectInProcess(
  model: ApiModel,
  kind: InProcessClientKind,
  options: InProcessOptions = {},
): Promise<InProcessSession> {
  const capture = startCapture(`in-process-${kind}`);
  const caller = createToolCaller(model, {
    envPrefix: options.envPrefix ?? 'OPENAPI_MCP',
    env: options.env ?? {},
    timeoutMs: options.timeoutMs ?? 10_000,
    maxResponseBytes: 1_000_000,
    log: (line) => {
      capture.write(`${line}\n`);
      options.log?.(line);
    },
    ...(options.baseUrl !== undefined && { baseUrl: options.baseUrl }),
  });
  const factory = createMcpServer(caller, { name: model.info.title, version: model.info.version });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  if (kind === 'sdk-1.32') {
    const server = factory();
    await server.connect(serverSide);
    const client = new ClientV1({ name: 'corpus-sdk-1.32', version: '0.0.0' });
    await client.connect(clientSide);
    return {
      // SDK 1.32 returns one page; the server pages by bytes (Kubernetes is 22 MB of tools).
      listTools: async () => {
        const tools: ListedTool[] = [];
        let cursor: string | undefined;
        for (let page = 0; page < 1000; page += 1) {
          const result = await client.listTools(cursor === undefined ? {} : { cursor });
          tools.push(...(result.tools as ListedTool[]));
          cursor = result.nextCursor;
          if (cursor === undefined) break;
        }
        return tools;
      },
      callTool: (name, args) => captured(capture, () => client.callTool({ name, arguments: args })),
      close: async () => {
        await client.close();
        await server.close();
        await caller.close();
      },
    };
  }
  const handle = serveStdio(factory, { transport: serverSide });
  const client = new Client(
    { name: 'corpus-v2', version: '0.0.0' },
    { versionNegotiation: { mode: 'auto' } },
  );
  await client.connect(clientSide);
  return {
    listTools: async () => (await client.listTools()).tools as ListedTool[],
    callTool: (name, args) => captured(capture, () => client.callTool({ name, arguments: args })),
    close: async () => {
      await client.close();
      await handle.close();
      await caller.close();
    },
  };
}
