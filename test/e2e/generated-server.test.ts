/**
 * The shared scenario table (scenarios.ts) against a generated project, built
 * once per run in a temp folder, over stdio and HTTP for every client flavour;
 * plus tools/list compared field for field with `openapi-mcp serve`.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gen, linkNodeModules, makeTempDir, runTsc } from '../helpers/generated-project.js';
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
const temp = makeTempDir('gen-e2e');
const project = join(temp, 'e2e-petstore');
// As the generated `npm start` runs it.
const entry = ['--disable-proto=delete', join(project, 'dist/main.js')];

let upstream: RecordingUpstream;
let inspected: InspectTool[];

beforeAll(async () => {
  assertBuilt();
  // The same env prefix as serve's default, so the scenarios' environment fits both.
  await gen([SPEC, '--name', 'e2e-petstore', '--env-prefix', 'OPENAPI_MCP', '--out', project]);
  linkNodeModules(project);
  const build = await runTsc(project);
  expect(build.code, build.output).toBe(0);
  upstream = await startRecordingUpstream(petstoreRoutes());
  const result = await runCli(['inspect', SPEC, '--json']);
  expect(result.code, result.stderr).toBe(0);
  inspected = (JSON.parse(result.stdout) as { tools: InspectTool[] }).tools;
});

afterAll(async () => {
  await upstream?.close();
  rmSync(temp, { recursive: true, force: true });
});

function serverArgs(): string[] {
  return ['--base-url', `${upstream.url}/v1`, '--timeout', '1'];
}

const serverEnv = { OPENAPI_MCP_API_KEY: CANARY };

const scenarios = createScenarios({ upstream: () => upstream, inspected: () => inspected });

it('lists exactly the tools serve lists (deep-equal tools/list)', async () => {
  const generated = await startStdioSession('v2-auto', { serveArgs: serverArgs(), env: serverEnv, entry });
  const proxy = await startStdioSession('v2-auto', { serveArgs: [SPEC, ...serverArgs()], env: serverEnv });
  try {
    const [fromGenerated, fromServe] = await Promise.all([generated.listTools(), proxy.listTools()]);
    expect(fromGenerated.length).toBeGreaterThan(0);
    expect(fromGenerated).toEqual(fromServe);
  } finally {
    await Promise.all([generated.close(), proxy.close()]);
  }
});

describe.each(CLIENT_KINDS)('generated × stdio × %s', (kind) => {
  let session: StdioSession;

  beforeAll(async () => {
    session = await startStdioSession(kind, { serveArgs: serverArgs(), env: serverEnv, entry });
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

  it('kept stdout pure protocol and never printed the key', () => {
    const lines = session
      .stdout()
      .split('\n')
      .filter((line) => line !== '');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect((JSON.parse(line) as { jsonrpc?: string }).jsonrpc).toBe('2.0');
    expect(session.stdout()).not.toContain(SECRET_MARK);
    expect(session.stderr()).not.toContain(SECRET_MARK);
    expect(session.stderr()).toContain('OPENAPI_MCP_API_KEY');
  });
});

describe('generated × http', () => {
  let server: HttpServerProcess;

  beforeAll(async () => {
    server = await startHttpServer({ serveArgs: serverArgs(), env: serverEnv, entry });
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

describe('generated entry point flags', () => {
  it.each([
    [['--port', 'x'], '--port must be an integer from 0 to 65535, got "x"'],
    [['--transport', 'sse'], '--transport must be "stdio" or "http", got "sse"'],
    [['--bogus'], "Unknown option '--bogus'"],
  ])('%j → exit 2 naming the flag, like serve', async (args, message) => {
    const { spawnSync } = await import('node:child_process');
    const run = spawnSync(process.execPath, [...entry, ...args], { encoding: 'utf8', env: { PATH: '' } });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
  });
});
