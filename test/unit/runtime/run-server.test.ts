/**
 * The server program with a recording process (test/helpers/fake-program-io.ts)
 * and real servers on 127.0.0.1; test/e2e/cli.test.ts and
 * test/e2e/generated-server.test.ts send real signals to the built binaries.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode, SpecLoadError } from '../../../src/errors.js';
import type { ApiModel } from '../../../src/model/types.js';
import { RUNTIME_DEFAULTS, resolveRuntimeOptions } from '../../../src/runtime/resolve-runtime-options.js';
import { runServer, type ServerProgram } from '../../../src/runtime/run-server.js';
import { canary } from '../../helpers/canary.js';
import { createFakeProgramIo } from '../../helpers/fake-program-io.js';
import { connectHttp } from '../../helpers/mcp-session.js';
import { apiModel, operation } from '../../helpers/model-factory.js';

const model: ApiModel = apiModel(
  [operation({ toolName: 'slow', security: [[{ scheme: 'key', scopes: [] }]] })],
  {
    securitySchemes: { key: { key: 'key', kind: 'apiKey', in: 'header', name: 'X-Key' } },
  },
);

/** Default prefix: the credential `slow` needs. */
const KEY_SET = { OPENAPI_MCP_KEY: 'k' };

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function httpProgram(
  overrides: Partial<ServerProgram> = {},
  env: Record<string, string> = {},
): ServerProgram {
  return {
    name: 'pets',
    options: resolveRuntimeOptions({ transport: 'http', port: 0 }, env, {
      ...RUNTIME_DEFAULTS,
      envPrefix: 'PETS',
      baseUrl: 'http://127.0.0.1:9/v1',
    }),
    loadModel: () => model,
    ...overrides,
  };
}

/** An upstream that accepts requests and never answers them. */
async function startSilentUpstream(): Promise<{ url: string; server: Server; requests: () => number }> {
  let requests = 0;
  const server = createServer(() => {
    requests += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    requests: () => requests,
  };
}

describe('runServer', () => {
  it('lists the variables it reads (never a value), serves, and closes on SIGTERM with exit code 0', async () => {
    const io = createFakeProgramIo();
    const running = await runServer(httpProgram({}, { PETS_KEY: canary() }), io);
    expect(running?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    // The transport listens first; the listing follows once the model is loaded.
    expect(io.stderr).toEqual([
      `pets listening on ${running?.url}`,
      'pets: environment variables read (values are never printed):',
      expect.stringMatching(/^ {2}PETS_KEY +set {4}API key sent in header X-Key \(scheme key\)$/),
      expect.stringMatching(/^ {2}PETS_BASE_URL +unset {2}upstream base URL/),
      expect.stringMatching(/^ {2}PETS_HTTP_TOKEN +unset {2}HTTP transport: bearer token/),
      'pets: serving 1 tool from "Test API" 1.0.0 over http',
    ]);
    expect(io.stderr.join('\n')).not.toContain(canary());
    expect(io.listeners()).toBe(1);

    io.signal('SIGTERM');
    await expect.poll(() => io.exitCodes).toEqual([0]);
    expect(io.exits).toEqual([]);
    expect(io.listeners()).toBe(0);
    await expect(fetch(running?.url ?? '')).rejects.toThrow();
  });

  it('counts the tools clients get: hidden ones out, custom ones in', async () => {
    const io = createFakeProgramIo();
    const running = await runServer(
      {
        ...httpProgram(),
        extra: {
          extensions: {
            tools: { [model.operations[0]?.toolName ?? '']: { hidden: true } },
            customTools: [
              {
                name: 'a',
                description: 'a',
                inputSchema: { type: 'object' },
                handler: () => ({ content: [] }),
              },
              {
                name: 'b',
                description: 'b',
                inputSchema: { type: 'object' },
                handler: () => ({ content: [] }),
              },
            ],
          },
        },
      },
      io,
    );
    expect(running?.toolCount).toBe(2);
    expect(io.stderr.at(-1)).toBe('pets: serving 2 tools from "Test API" 1.0.0 over http');
    await running?.close();
  });

  it('leaves the HTTP token out of the listing over stdio', async () => {
    const io = createFakeProgramIo();
    const program = httpProgram();
    // Resolved for stdio, but never started: the model fails to load after the listing would come.
    const stdio = { ...program.options, transport: 'stdio' as const };
    await runServer(
      {
        ...program,
        options: stdio,
        loadModel: () => {
          throw new Error('stop here');
        },
      },
      io,
    );
    expect(io.stderr.join('\n')).not.toContain('PETS_HTTP_TOKEN');
  });

  it('exits at once with 130/143 on a signal before it serves', async () => {
    for (const [signal, code] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const) {
      const io = createFakeProgramIo();
      let release: ((value: ApiModel) => void) | undefined;
      const started = runServer(
        httpProgram({ loadModel: () => new Promise((resolve) => (release = resolve)) }),
        io,
      );
      // While the model loads (the transport already listens).
      await expect.poll(() => release).toBeDefined();
      io.signal(signal);
      expect(io.exits).toEqual([code]);
      // (A real process is gone by now; the fake lets the program finish so nothing leaks.)
      release?.(model);
      await (await started)?.close();
    }
  });

  it('exits at once on a second signal while closing', async () => {
    const upstream = await startSilentUpstream();
    const io = createFakeProgramIo();
    const running = await runServer(
      httpProgram({
        options: resolveRuntimeOptions(
          { transport: 'http', port: 0, baseUrl: upstream.url, timeout: '20' },
          KEY_SET,
        ),
      }),
      io,
    );
    const session = await connectHttp('v2-legacy', running?.url ?? '');
    cleanups.push(() => session.close().catch(() => {}));
    const call = session.callTool('slow').catch(() => undefined);
    await expect.poll(() => upstream.requests()).toBe(1);
    io.signal('SIGINT');
    io.signal('SIGINT');
    expect(io.exits).toEqual([130]);
    cleanups.push(async () => {
      // Let go of the held request first, so the close does not wait for it.
      upstream.server.closeAllConnections();
      await running?.close();
      await call;
    });
  });

  it('bounds the graceful close: a call still in flight after the grace period exits with 143', async () => {
    const upstream = await startSilentUpstream();
    const io = createFakeProgramIo();
    const running = await runServer(
      httpProgram({
        options: resolveRuntimeOptions(
          { transport: 'http', port: 0, baseUrl: upstream.url, timeout: '20' },
          KEY_SET,
        ),
        closeGraceMs: 300,
      }),
      io,
    );
    const session = await connectHttp('v2-legacy', running?.url ?? '');
    cleanups.push(() => session.close().catch(() => {}));
    const call = session.callTool('slow').catch(() => undefined);
    await expect.poll(() => upstream.requests()).toBe(1);
    const started = Date.now();
    const exited = io.nextExit();
    io.signal('SIGTERM');
    expect(io.exits).toEqual([]);
    expect(await exited).toBe(143);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(io.stderr.at(-1)).toBe('pets: could not close within 0.3 s; exiting');
    cleanups.push(async () => {
      // Let go of the held request first, so the close does not wait for it.
      upstream.server.closeAllConnections();
      await running?.close();
      await call;
    });
  });

  it('reports a start failure with its code and exit code 1, and lets go of the signals', async () => {
    const taken = await startSilentUpstream();
    const port = Number(new URL(taken.url).port);
    const io = createFakeProgramIo();
    const running = await runServer(
      httpProgram({ options: resolveRuntimeOptions({ transport: 'http', port }, {}) }),
      io,
    );
    expect(running).toBeUndefined();
    expect(io.stderr.at(-1)).toBe(
      `pets: OMCP_SERVER_START: cannot listen on 127.0.0.1:${port}: the port is already in use; pass another --port (0 picks a free one)`,
    );
    expect(io.exitCodes).toEqual([1]);
    expect(io.listeners()).toBe(0);
  });

  it('hands a load failure to the caller-given reporter', async () => {
    const io = createFakeProgramIo();
    const failure = new Error('spec unreadable');
    const seen: unknown[] = [];
    const running = await runServer(
      httpProgram({
        loadModel: async () => {
          throw failure;
        },
        reportError: (error) => {
          seen.push(error);
          return 7;
        },
      }),
      io,
    );
    expect(running).toBeUndefined();
    expect(seen).toEqual([failure]);
    expect(io.exitCodes).toEqual([7]);
    expect(io.listeners()).toBe(0);
  });

  it('prints an unexpected error with its stack: it is a bug', async () => {
    const io = createFakeProgramIo();
    await runServer(
      httpProgram({
        loadModel: () => {
          throw new TypeError('boom');
        },
      }),
      io,
    );
    const at = io.stderr.indexOf('pets: internal error (this is a bug, please report it):');
    expect(at).toBeGreaterThanOrEqual(0);
    expect(io.stderr[at + 1]).toContain('TypeError: boom');
    expect(io.exitCodes).toEqual([1]);
  });

  describe('transport first', () => {
    /** The URL the program logged: it listens before the model exists. */
    async function listeningUrl(io: ReturnType<typeof createFakeProgramIo>): Promise<string> {
      await expect.poll(() => io.stderr.find((line) => line.startsWith('pets listening on '))).toBeDefined();
      return (io.stderr.find((line) => line.startsWith('pets listening on ')) ?? '').slice(
        'pets listening on '.length,
      );
    }

    it.each(['v2-auto', 'v2-legacy', 'sdk-1.32'] as const)(
      'answers %s initialize while the model loads; tools/list waits for it',
      async (kind) => {
        const io = createFakeProgramIo();
        let release: ((value: ApiModel) => void) | undefined;
        const started = runServer(
          httpProgram({ loadModel: () => new Promise((resolve) => (release = resolve)) }),
          io,
        );
        const url = await listeningUrl(io);
        await expect.poll(() => release).toBeDefined();
        // The model is still pending here: connecting (initialize or server/discover) must not wait for it.
        const session = await connectHttp(kind, url);
        cleanups.push(() => session.close().catch(() => {}));
        let listed: string[] | undefined;
        const listing = session.listTools().then((tools) => {
          listed = tools.map((tool) => tool.name);
        });
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(listed).toBeUndefined();
        expect(io.stderr.some((line) => line.startsWith('pets: serving'))).toBe(false);

        release?.(model);
        await listing;
        expect(listed).toEqual(['slow']);
        const running = await started;
        expect(running?.toolCount).toBe(1);
        await running?.close();
      },
    );

    /** A model of `count` operations with no credentials. */
    const modelOf = (count: number): ApiModel =>
      apiModel(Array.from({ length: count }, (_, i) => operation({ toolName: `op_${i}`, security: [] })));

    /**
     * Runs a program whose loader previews `count` operations (as a cache header
     * does) and then holds its model until `release()`; resolves once it listens.
     */
    async function startPreviewed(count: number, overrides: Partial<ServerProgram> = {}) {
      const io = createFakeProgramIo();
      let hold: ((value: ApiModel) => void) | undefined;
      const started = runServer(
        httpProgram({
          ...overrides,
          loadModel: (_onStep, preview) => {
            preview?.({ operationCount: count });
            return new Promise((resolve) => (hold = resolve));
          },
        }),
        io,
      );
      const url = await listeningUrl(io);
      await expect.poll(() => hold).toBeDefined();
      return { started, url, release: () => hold?.(modelOf(count)) };
    }

    it('lists the discovery meta-tools from a preview of the model, before the model, as the built server lists them', async () => {
      const { started, url, release } = await startPreviewed(41);
      const session = await connectHttp('sdk-1.32', url);
      cleanups.push(() => session.close().catch(() => {}));
      // The model is still pending: the list comes from the preview alone.
      const early = await session.listTools();
      expect(early.map((tool) => tool.name)).toEqual([
        'search_operations',
        'describe_operation',
        'call_operation',
      ]);
      expect(early[0]?.description).toContain('(41 in all)');
      release();
      const running = await started;
      expect(running?.toolMode).toBe('discovery');
      // A client connecting now gets the built server's list: the same one.
      const later = await connectHttp('sdk-1.32', url);
      cleanups.push(() => later.close().catch(() => {}));
      expect(await later.listTools()).toEqual(early);
      await running?.close();
    });

    it.each<[string, Partial<ServerProgram>, number, number]>([
      ['a count that fits --tools auto', {}, 40, 40],
      [
        '--tools all',
        {
          options: resolveRuntimeOptions(
            { transport: 'http', port: 0, tools: 'all' },
            {},
            {
              ...RUNTIME_DEFAULTS,
              envPrefix: 'PETS',
              baseUrl: 'http://127.0.0.1:9/v1',
            },
          ),
        },
        41,
        41,
      ],
      ['extensions (they may add or hide tools)', { extra: { extensions: {} } }, 41, 3],
    ])('waits for the model whatever the preview says, with %s', async (_case, overrides, count, tools) => {
      const { started, url, release } = await startPreviewed(count, overrides);
      const session = await connectHttp('sdk-1.32', url);
      cleanups.push(() => session.close().catch(() => {}));
      let listed: string[] | undefined;
      const listing = session.listTools().then((list) => {
        listed = list.map((tool) => tool.name);
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(listed).toBeUndefined();
      release();
      await listing;
      expect(listed).toHaveLength(tools);
      await (await started)?.close();
    });

    it('gives a client waiting for tools the load error, then ends with exit code 1', async () => {
      const io = createFakeProgramIo();
      let fail: ((error: Error) => void) | undefined;
      const started = runServer(
        httpProgram({ loadModel: () => new Promise((_, reject) => (fail = reject)) }),
        io,
      );
      const url = await listeningUrl(io);
      await expect.poll(() => fail).toBeDefined();
      const session = await connectHttp('v2-legacy', url);
      cleanups.push(() => session.close().catch(() => {}));
      const listing = session.listTools().then(
        () => 'listed',
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
      fail?.(
        new SpecLoadError(ErrorCode.SPEC_READ, 'Cannot read spec /x.yaml: no such file; check the path.'),
      );
      expect(await listing).toContain(
        'pets could not load its tools: OMCP_SPEC_READ: Cannot read spec /x.yaml: no such file',
      );
      expect(await started).toBeUndefined();
      expect(io.exitCodes).toEqual([1]);
      expect(io.stderr).toContain(
        'pets: OMCP_SPEC_READ: Cannot read spec /x.yaml: no such file; check the path.',
      );
      expect(io.listeners()).toBe(0);
      // The transport is closed, so the process can end with that code.
      await expect(fetch(url)).rejects.toThrow();
    });
  });

  describe('start-up progress', () => {
    const stepLines = (lines: string[]): string[] =>
      lines.filter((line) => /^pets: [a-z]+ \d+ ms$/.test(line));

    it('shows each step with its time when stderr is a terminal', async () => {
      const io = { ...createFakeProgramIo(), stderrIsTerminal: true };
      const running = await runServer(
        httpProgram({
          loadModel: (onStep) => {
            onStep('parse', 12.4);
            onStep('build', 30);
            return model;
          },
        }),
        io,
      );
      expect(stepLines(io.stderr)).toEqual([
        'pets: parse 12 ms',
        'pets: build 30 ms',
        expect.stringMatching(/^pets: compile \d+ ms$/),
      ]);
      await running?.close();
    });

    it('is quiet when stderr is not a terminal, unless the program asks', async () => {
      const loadModel = (onStep: (step: string, ms: number) => void): ApiModel => {
        onStep('parse', 1);
        return model;
      };
      const quiet = createFakeProgramIo();
      await (await runServer(httpProgram({ loadModel }), quiet))?.close();
      expect(stepLines(quiet.stderr)).toEqual([]);

      const asked = createFakeProgramIo();
      await (await runServer(httpProgram({ loadModel, showProgress: true }), asked))?.close();
      expect(stepLines(asked.stderr)).toEqual([
        'pets: parse 1 ms',
        expect.stringMatching(/^pets: compile \d+ ms$/),
      ]);
    });
  });
});
