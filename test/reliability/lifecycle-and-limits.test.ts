/**
 * SECURITY.md plan items H49 (graceful shutdown), H50 (stdio end of input),
 * F39 (request limits on the HTTP endpoint) and F37 (no answer reaches the
 * wrong client under concurrency), against both back ends: the
 * `serve` CLI and a built generated project. Real processes, real SDK
 * clients, a real upstream on 127.0.0.1 that holds every call for a while.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gen, linkNodeModules, makeTempDir, runTsc } from '../helpers/generated-project.js';
import {
  assertBuilt,
  CLI,
  connectHttp,
  type HttpServerProcess,
  type McpSession,
  REPO_ROOT,
  startHttpServer,
} from '../helpers/mcp-session.js';
import {
  json,
  never,
  type RecordingUpstream,
  startRecordingUpstream,
} from '../helpers/recording-upstream.js';

const SPEC = join(REPO_ROOT, 'test/fixtures/e2e/petstore.yaml');
const temp = makeTempDir('reliability');
const project = join(temp, 'reliability-petstore');
/** How long the upstream holds each getPet call: long enough to signal while ten are in flight. */
const HOLD_MS = 1500;
const CALLS = 10;
/** Room for a loaded 2-core machine: these tests start real servers and hold real calls. */
const SLOW_TEST_MS = 90_000;

let upstream: RecordingUpstream;

beforeAll(async () => {
  assertBuilt();
  await gen([SPEC, '--name', 'reliability-petstore', '--env-prefix', 'OPENAPI_MCP', '--out', project]);
  linkNodeModules(project);
  const build = await runTsc(project);
  expect(build.code, build.output).toBe(0);
  upstream = await startRecordingUpstream({
    // Echoes the id it was asked for, so each caller can tell its own answer.
    'GET /v1/pets/*': (request, res) => {
      const id = Number(request.url.split('/').at(-1));
      setTimeout(() => json(200, { id, name: `pet-${id}` })(request, res), HOLD_MS);
    },
    // Held until the upstream closes: a graceful close cannot finish while this is in flight.
    'GET /v1/pets/by-name/*': never(),
  });
}, 180_000);

afterAll(async () => {
  await upstream?.close();
});

const BACK_ENDS = [
  { label: 'serve', entry: [CLI, 'serve'], args: (base?: string) => [SPEC, ...baseArgs(base)] },
  {
    label: 'generated project',
    entry: ['--disable-proto=delete', join(project, 'dist/main.js')],
    args: (base?: string) => baseArgs(base),
  },
] as const;

/** `base`: another upstream than the holding one. */
function baseArgs(base = `${upstream.url}/v1`): string[] {
  return ['--base-url', base, '--timeout', '20'];
}

const ENV = { OPENAPI_MCP_API_KEY: 'reliability-key' };

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Resolves with the connect error's code (`ECONNREFUSED`), or `connected`. */
function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

function textOf(result: { content: Array<{ type: string; text?: string }> }): string {
  return result.content.map((part) => part.text ?? '').join('');
}

describe.each(BACK_ENDS)('$label', (backEnd) => {
  describe('H49 graceful shutdown over HTTP', () => {
    let server: HttpServerProcess;
    let sessions: McpSession[] = [];

    beforeAll(async () => {
      server = await startHttpServer({ serveArgs: backEnd.args(), env: ENV, entry: [...backEnd.entry] });
    });
    afterAll(async () => {
      await Promise.all(sessions.map((session) => session.close().catch(() => {})));
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    });

    it('SIGTERM with ten calls in flight: refuses new connections, answers all ten, exits 0', {
      timeout: SLOW_TEST_MS,
    }, async () => {
      upstream.reset();
      sessions = await Promise.all(Array.from({ length: CALLS }, () => connectHttp('v2-auto', server.url)));
      const ids = sessions.map((_session, index) => 100 + index);
      const calls = sessions.map((session, index) => session.callTool('getPet', { petId: ids[index] }));
      await expect.poll(() => upstream.requests.length, { timeout: 30_000 }).toBe(CALLS);

      const exited = exitOf(server.child);
      server.child.kill('SIGTERM');
      const port = Number(new URL(server.url).port);
      await expect.poll(() => tryConnect(port), { timeout: 5_000, interval: 50 }).toBe('ECONNREFUSED');
      const refusedAt = Date.now();

      const results = await Promise.all(calls);
      const answeredAt = Date.now();
      results.forEach((result, index) => {
        expect(result.isError, textOf(result)).toBeFalsy();
        expect(JSON.parse(textOf(result))).toEqual({ id: ids[index], name: `pet-${ids[index]}` });
      });
      // The refusal came while the calls were still being held upstream.
      expect(refusedAt).toBeLessThan(answeredAt);
      expect(await exited).toBe(0);
      expect(server.stderr()).toContain('SIGTERM: no longer accepting requests');
    });
  });

  it(
    'H49 a second SIGINT while calls are in flight exits at once with 130',
    async () => {
      const server = await startHttpServer({
        serveArgs: backEnd.args(),
        env: ENV,
        entry: [...backEnd.entry],
      });
      const session = await connectHttp('v2-auto', server.url);
      try {
        upstream.reset();
        // Never answered upstream: only the second signal can end this program before the grace period.
        const call = session.callTool('getPetByName', { name: 'held' }).then(
          () => 'answered',
          () => 'cut off',
        );
        await expect.poll(() => upstream.requests.length, { timeout: 20_000 }).toBe(1);
        const exited = exitOf(server.child);
        server.child.kill('SIGINT');
        await expect
          .poll(() => server.stderr(), { timeout: 20_000 })
          .toContain('SIGINT: no longer accepting requests');
        server.child.kill('SIGINT');
        expect(await exited).toBe(130);
        expect(await call).toBe('cut off');
      } finally {
        await session.close().catch(() => {});
      }
    },
    SLOW_TEST_MS,
  );

  describe('H50 stdio: the end of stdin (and SIGTERM) with calls in flight', () => {
    it.each(['end of stdin', 'SIGTERM'] as const)(
      '%s: all ten calls are answered, then exit 0',
      async (how) => {
        upstream.reset();
        const child = spawn(process.execPath, [...backEnd.entry, ...backEnd.args()], {
          cwd: REPO_ROOT,
          env: { PATH: process.env.PATH ?? '', ...ENV },
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        const exited = exitOf(child);
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString('utf8');
        });
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString('utf8');
        });
        const send = (message: unknown): void => {
          child.stdin.write(`${JSON.stringify(message)}\n`);
        };
        try {
          send({
            jsonrpc: '2.0',
            id: 0,
            method: 'initialize',
            params: {
              protocolVersion: '2025-11-25',
              capabilities: {},
              clientInfo: { name: 't', version: '0' },
            },
          });
          await expect.poll(() => stdout.includes('"id":0'), { timeout: 30_000 }).toBe(true);
          send({ jsonrpc: '2.0', method: 'notifications/initialized' });
          for (let id = 1; id <= CALLS; id++) {
            send({
              jsonrpc: '2.0',
              id,
              method: 'tools/call',
              params: { name: 'getPet', arguments: { petId: 200 + id } },
            });
          }
          await expect.poll(() => upstream.requests.length, { timeout: 30_000 }).toBe(CALLS);
          if (how === 'end of stdin') child.stdin.end();
          else child.kill('SIGTERM');

          expect(await exited, stderr).toBe(0);
          const answers = stdout
            .split('\n')
            .filter((line) => line.trim() !== '')
            .map(
              (line) =>
                JSON.parse(line) as {
                  id: number;
                  result?: { isError?: boolean; content: Array<{ type: string; text?: string }> };
                },
            )
            .filter((message) => message.id >= 1);
          expect(answers.map((answer) => answer.id).sort((a, b) => a - b)).toEqual(
            Array.from({ length: CALLS }, (_value, index) => index + 1),
          );
          for (const answer of answers) {
            expect(answer.result?.isError, JSON.stringify(answer)).toBeFalsy();
            expect(JSON.parse(textOf(answer.result ?? { content: [] }))).toEqual({
              id: 200 + answer.id,
              name: `pet-${200 + answer.id}`,
            });
          }
        } finally {
          if (child.exitCode === null) child.kill('SIGKILL');
        }
      },
    );
  });

  it('F37 session isolation: 10 concurrent clients, ids all starting at 0, each gets only its own answers', {
    timeout: SLOW_TEST_MS,
  }, async () => {
    const echo = await startRecordingUpstream({
      'GET /v1/pets/*': (request, res) => {
        const id = Number(request.url.split('/').at(-1));
        // A jittered answer time, so answers overtake each other.
        setTimeout(() => json(200, { id, name: `pet-${id}` })(request, res), id % 7);
      },
    });
    const fast = await startHttpServer({
      serveArgs: backEnd.args(`${echo.url}/v1`),
      env: ENV,
      entry: [...backEnd.entry],
    });
    const clients = 10;
    const rounds = 5;
    const sessions = await Promise.all(
      Array.from({ length: clients }, (_value, index) =>
        connectHttp(index % 2 === 0 ? 'v2-auto' : 'v2-legacy', fast.url),
      ),
    );
    try {
      const wrong: string[] = [];
      await Promise.all(
        sessions.map(async (session, client) => {
          for (let round = 0; round < rounds; round++) {
            const id = client * 1000 + round;
            const result = await session.callTool('getPet', { petId: id });
            const got = (JSON.parse(textOf(result)) as { id: number }).id;
            if (got !== id) wrong.push(`client ${client} asked ${id}, got ${got}`);
          }
        }),
      );
      expect(wrong).toEqual([]);
      expect(echo.requests).toHaveLength(clients * rounds);
    } finally {
      await Promise.all(sessions.map((session) => session.close().catch(() => {})));
      await fast.stop();
      await echo.close();
    }
  });

  describe('F39 request limits on /mcp', () => {
    const INITIALIZE = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '0' } },
    });
    const HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

    /** Sends headers and `first` bytes of body, then waits for a response without sending more. */
    function postPartially(
      url: string,
      headers: Record<string, string>,
      chunks: readonly string[],
    ): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
      return new Promise((resolve, reject) => {
        const req = httpRequest(url, { method: 'POST', headers: { ...HEADERS, ...headers } }, (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => {
            body += chunk.toString('utf8');
          });
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, body, headers: res.headers });
            req.destroy();
          });
        });
        req.on('error', reject);
        for (const chunk of chunks) req.write(chunk);
        // Never ended: a server that buffered the whole body would never answer.
      });
    }

    let server: HttpServerProcess;
    beforeAll(async () => {
      server = await startHttpServer({
        serveArgs: [...backEnd.args(), '--max-request-bytes', '65536'],
        env: ENV,
        entry: [...backEnd.entry],
      });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('a declared Content-Length over the cap gets 413 with a JSON-RPC error before the body is read', async () => {
      const reply = await postPartially(server.url, { 'content-length': String(5 * 1024 * 1024) }, [
        '{"jsonrpc":"2.0",',
      ]);
      expect(reply.status).toBe(413);
      expect(reply.headers.connection).toBe('close');
      const body = JSON.parse(reply.body) as { jsonrpc: string; error: { code: number; message: string } };
      expect(body.jsonrpc).toBe('2.0');
      expect(body.error.code).toBe(-32000);
      expect(body.error.message).toContain('65536 bytes');
    });

    it('a chunked body that passes the cap gets 413 as soon as it does', async () => {
      const reply = await postPartially(server.url, {}, ['{"jsonrpc":"2.0","padding":"', 'x'.repeat(70_000)]);
      expect(reply.status).toBe(413);
      expect((JSON.parse(reply.body) as { error: { code: number } }).error.code).toBe(-32000);
    });

    it('a body just under the cap is served', async () => {
      const padded = `${INITIALIZE}${' '.repeat(60_000)}`;
      const res = await fetch(server.url, { method: 'POST', headers: HEADERS, body: padded });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('"protocolVersion"');
    });
  });

  it('F39 --rate-limit: past the rate a client gets 429 with Retry-After, and is served again after it', {
    timeout: SLOW_TEST_MS,
  }, async () => {
    const server = await startHttpServer({
      serveArgs: [...backEnd.args(), '--rate-limit', '3'],
      env: ENV,
      entry: [...backEnd.entry],
    });
    try {
      const post = () =>
        fetch(server.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
          body: JSON.stringify({
            jsonrpc: '2.0',
            id: 1,
            method: 'initialize',
            params: {
              protocolVersion: '2025-11-25',
              capabilities: {},
              clientInfo: { name: 't', version: '0' },
            },
          }),
        });
      const statuses: number[] = [];
      let limited: Response | undefined;
      for (let i = 0; i < 6 && limited === undefined; i++) {
        const res = await post();
        statuses.push(res.status);
        if (res.status === 429) limited = res;
        else await res.text();
      }
      // A burst of three passes (a slow machine may have refilled a token meanwhile), then 429.
      expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
      expect(limited?.status).toBe(429);
      const retryAfter = Number(limited?.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      const limitedBody = (await limited?.json()) as { error: { code: number; message: string } } | undefined;
      expect(limitedBody?.error).toMatchObject({
        code: -32000,
        message: expect.stringContaining('Too Many Requests'),
      });
      await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
      const again = await post();
      expect(again.status).toBe(200);
      await again.text();
    } finally {
      await server.stop();
    }
  });
});
