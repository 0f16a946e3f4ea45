/**
 * The shared scenario table (scenarios.ts), run for every transport × client
 * flavour against the built CLI (`node dist/cli/main.js serve`) and a
 * recording upstream.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertBuilt,
  CLIENT_KINDS,
  connectHttp,
  type HttpServerProcess,
  type McpSession,
  REPO_ROOT,
  runCli,
  type StdioSession,
  startHttpServer,
  startStdioSession,
} from '../helpers/mcp-session.js';
import {
  petstoreRoutes,
  type RecordingUpstream,
  startRecordingUpstream,
} from '../helpers/recording-upstream.js';
import { CANARY, createScenarios, EXPECTED_VERSION, type InspectTool, SECRET_MARK } from './scenarios.js';

const SPEC = join(REPO_ROOT, 'test/fixtures/e2e/petstore.yaml');
let upstream: RecordingUpstream;
let inspected: InspectTool[];

beforeAll(async () => {
  assertBuilt();
  upstream = await startRecordingUpstream(petstoreRoutes());
  const result = await runCli(['inspect', SPEC, '--json']);
  expect(result.code, result.stderr).toBe(0);
  inspected = (JSON.parse(result.stdout) as { tools: InspectTool[] }).tools;
});

afterAll(async () => {
  await upstream?.close();
});

function serveArgs(): string[] {
  return [SPEC, '--base-url', `${upstream.url}/v1`, '--timeout', '1'];
}

const serveEnv = { OPENAPI_MCP_API_KEY: CANARY };

const scenarios = createScenarios({ upstream: () => upstream, inspected: () => inspected });

describe.each(CLIENT_KINDS)('stdio × %s', (kind) => {
  let session: StdioSession;

  beforeAll(async () => {
    session = await startStdioSession(kind, { serveArgs: serveArgs(), env: serveEnv });
  });

  afterAll(async () => {
    await session?.close();
  });

  it('negotiates the expected protocol version', () => {
    expect(session.protocolVersion).toBe(EXPECTED_VERSION[kind]);
  });

  it.each(scenarios.map((scenario) => [scenario.name, scenario] as const))('%s', async (_name, scenario) => {
    upstream.reset();
    await scenario.run(session);
  });

  it('kept stdout pure protocol and never printed the key on stdout or stderr', () => {
    const lines = session
      .stdout()
      .split('\n')
      .filter((line) => line !== '');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const message = JSON.parse(line) as { jsonrpc?: string };
      expect(message.jsonrpc).toBe('2.0');
    }
    expect(session.stdout()).not.toContain(SECRET_MARK);
    expect(session.stderr()).not.toContain(SECRET_MARK);
    expect(session.stderr()).toContain('OPENAPI_MCP_API_KEY');
  });
});

describe('http', () => {
  let server: HttpServerProcess;

  beforeAll(async () => {
    server = await startHttpServer({ serveArgs: serveArgs(), env: serveEnv });
  });

  afterAll(async () => {
    const code = await server?.stop();
    expect(code).toBe(0);
    expect(server.stderr()).not.toContain(SECRET_MARK);
    expect(server.stdout()).not.toContain(SECRET_MARK);
  });

  describe.each(CLIENT_KINDS)('http × %s', (kind) => {
    let session: McpSession;

    beforeAll(async () => {
      session = await connectHttp(kind, server.url);
    });

    afterAll(async () => {
      await session?.close();
    });

    it('negotiates the expected protocol version', () => {
      expect(session.protocolVersion).toBe(EXPECTED_VERSION[kind]);
    });

    it.each(scenarios.map((scenario) => [scenario.name, scenario] as const))(
      '%s',
      async (_name, scenario) => {
        upstream.reset();
        await scenario.run(session);
      },
    );
  });
});
