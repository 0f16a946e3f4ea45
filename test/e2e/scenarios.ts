/**
 * The end-to-end scenario table, shared by every back end: `openapi-mcp serve`
 * (serve.test.ts) and a built generated project (generated-server.test.ts).
 * Same table, same upstream, same expectations: proof both serve one model
 * the same way.
 */
import { expect } from 'vitest';
import { canary } from '../helpers/canary.js';
import type { CallOutcome, ClientKind, McpSession } from '../helpers/mcp-session.js';
import type { RecordingUpstream } from '../helpers/recording-upstream.js';

/** The API key the scenarios put in the server's environment (the suite's canary); it must never reach a result or a log. */
export const CANARY = canary();
/** The canary's random part: a partly redacted key is a leak too. */
export const SECRET_MARK = CANARY.slice(-16);

/** A tool as `openapi-mcp inspect --json` prints it. */
export interface InspectTool {
  name: string;
  inputSchema: unknown;
  outputSchema?: unknown;
  description: string;
  annotations: unknown;
}

/** What the scenarios read; getters, because the table is built before `beforeAll` runs. */
export interface ScenarioContext {
  upstream(): RecordingUpstream;
  inspected(): InspectTool[];
}

export function textOf(result: CallOutcome): string {
  return result.content.map((block) => block.text ?? '').join('\n');
}

/** Asserts a tool result carries no secret, then returns it. */
export function clean(result: CallOutcome): CallOutcome {
  expect(JSON.stringify(result)).not.toContain(SECRET_MARK);
  return result;
}

export function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} (waited ${ms} ms)`)), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

export interface Scenario {
  name: string;
  run(session: McpSession): Promise<void>;
}

export function createScenarios(ctx: ScenarioContext): Scenario[] {
  const upstream = {
    get requests() {
      return ctx.upstream().requests;
    },
  };
  const inspected = (): InspectTool[] => ctx.inspected();
  return [
    {
      name: 'lists every tool with exactly the schemas inspect --json gives',
      async run(session) {
        const tools = await session.listTools();
        expect(tools.map((tool) => tool.name)).toEqual(inspected().map((tool) => tool.name));
        for (const tool of tools) {
          const expected = inspected().find((candidate) => candidate.name === tool.name);
          expect(tool.inputSchema, tool.name).toEqual(expected?.inputSchema);
          expect(tool.outputSchema, tool.name).toEqual(expected?.outputSchema);
          expect(tool.description, tool.name).toEqual(expected?.description);
        }
      },
    },
    {
      name: 'GET with query, exploded array and header parameters',
      async run(session) {
        const result = clean(
          await session.callTool('listPets', { limit: 5, tags: ['a', 'b'], 'X-Request-Id': 'req-42' }),
        );
        expect(result.isError ?? false, textOf(result)).toBe(false);
        expect(upstream.requests).toHaveLength(1);
        const [request] = upstream.requests;
        expect(request?.method).toBe('GET');
        expect(request?.url).toBe('/v1/pets?limit=5&tags=a&tags=b');
        expect(request?.headers['x-request-id']).toBe('req-42');
        expect(result.structuredContent).toEqual({ result: [{ id: 1, name: 'Rex', tag: 'dog' }] });
      },
    },
    {
      name: 'exploded array on its own',
      async run(session) {
        const result = clean(await session.callTool('listPets', { tags: ['x', 'y', 'z'] }));
        expect(result.isError ?? false, textOf(result)).toBe(false);
        expect(upstream.requests.map((r) => r.url)).toEqual(['/v1/pets?tags=x&tags=y&tags=z']);
      },
    },
    {
      name: 'path parameter, with the API key from the environment',
      async run(session) {
        const result = clean(await session.callTool('getPet', { petId: 7 }));
        expect(result.isError ?? false, textOf(result)).toBe(false);
        expect(upstream.requests.map((r) => r.url)).toEqual(['/v1/pets/7']);
        expect(upstream.requests[0]?.headers['x-api-key']).toBe(CANARY);
        expect(result.structuredContent).toEqual({ id: 7, name: 'Rex' });
      },
    },
    {
      name: 'JSON body',
      async run(session) {
        const result = clean(await session.callTool('createPet', { name: 'Tom', tag: 'cat' }));
        expect(result.isError ?? false, textOf(result)).toBe(false);
        const [request] = upstream.requests;
        expect(request?.method).toBe('POST');
        expect(request?.url).toBe('/v1/pets');
        expect(request?.headers['content-type']).toMatch(/^application\/json/);
        expect(JSON.parse(request?.body.toString('utf8') ?? '')).toEqual({ name: 'Tom', tag: 'cat' });
        expect(result.structuredContent).toEqual({ id: 2, name: 'Tom' });
      },
    },
    {
      name: 'form body',
      async run(session) {
        const result = clean(await session.callTool('createPetForm', { name: 'Tom', tag: 'cat' }));
        expect(result.isError ?? false, textOf(result)).toBe(false);
        const [request] = upstream.requests;
        expect(request?.url).toBe('/v1/pets/form');
        expect(request?.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
        expect(new URLSearchParams(request?.body.toString('utf8')).toString()).toBe('name=Tom&tag=cat');
      },
    },
    {
      name: 'missing required argument → isError, nothing sent',
      async run(session) {
        const result = clean(await session.callTool('getPet', {}));
        expect(result.isError).toBe(true);
        expect(textOf(result)).toContain('petId');
        expect(upstream.requests).toHaveLength(0);
      },
    },
    {
      name: 'wrong type → isError naming the argument, nothing sent',
      async run(session) {
        const result = clean(await session.callTool('getPet', { petId: 'seven' }));
        expect(result.isError).toBe(true);
        expect(textOf(result)).toContain('petId');
        expect(upstream.requests).toHaveLength(0);
      },
    },
    {
      name: 'path traversal in a path parameter → isError, nothing sent',
      async run(session) {
        for (const name of ['..', '%2e%2e', '../admin', '..%2Fadmin']) {
          const result = clean(await session.callTool('getPetByName', { name }));
          const sent = upstream.requests.map((r) => r.url).join(', ');
          expect(result.isError, `${JSON.stringify(name)} was sent upstream as ${sent}`).toBe(true);
        }
        expect(upstream.requests).toHaveLength(0);
      },
    },
    {
      name: 'unknown tool → JSON-RPC error -32602',
      async run(session) {
        await expect(session.callTool('noSuchTool', {})).rejects.toMatchObject({ code: -32602 });
        expect(upstream.requests).toHaveLength(0);
      },
    },
    {
      name: 'upstream 404 → isError with the status',
      async run(session) {
        const result = clean(await session.callTool('getFail404'));
        expect(result.isError).toBe(true);
        expect(textOf(result)).toContain('404');
      },
    },
    {
      name: 'upstream 500 echoing request headers → isError with the status, key redacted',
      async run(session) {
        const result = clean(await session.callTool('getFail500'));
        expect(result.isError).toBe(true);
        expect(textOf(result)).toContain('500');
        expect(upstream.requests[0]?.headers['x-api-key']).toBe(CANARY);
      },
    },
    {
      name: 'upstream echoing the key in a 200 → key never reaches the result',
      async run(session) {
        const result = clean(await session.callTool('echoHeaders'));
        expect(result.isError ?? false, textOf(result)).toBe(false);
        expect(upstream.requests[0]?.headers['x-api-key']).toBe(CANARY);
      },
    },
    {
      name: 'slow upstream with --timeout 1 → isError mentioning the timeout',
      async run(session) {
        const started = Date.now();
        // Fail fast instead of at vitest's 30 s if the deadline is broken.
        const result = clean(
          await within(8_000, session.callTool('getSlow'), 'the 1 s upstream deadline never fired'),
        );
        expect(result.isError).toBe(true);
        // Either the word or the deadline itself ("did not answer within 1 s").
        expect(textOf(result)).toMatch(/time(d)?[ -]?out|within 1 s/i);
        expect(Date.now() - started).toBeLessThan(5_000);
      },
    },
    {
      name: '8 MB response → truncated with a marker naming the original size',
      async run(session) {
        const result = clean(await session.callTool('getBig'));
        const text = textOf(result);
        expect(text).toMatch(/truncated/i);
        expect(text).toContain(String(8 * 1024 * 1024));
        expect(Buffer.byteLength(text)).toBeLessThan(1024 * 1024 + 4096);
      },
    },
    {
      name: 'text/plain response → text content',
      async run(session) {
        const result = clean(await session.callTool('getText'));
        expect(result.isError ?? false).toBe(false);
        expect(result.content[0]).toEqual({ type: 'text', text: 'hello from text' });
      },
    },
  ];
}

/** Protocol version each client flavour negotiates with our servers. */
export const EXPECTED_VERSION: Record<ClientKind, string | undefined> = {
  'v2-auto': '2026-07-28',
  'v2-legacy': '2025-11-25',
  'sdk-1.32': undefined,
};
