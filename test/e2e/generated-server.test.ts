/**
 * The shared scenario table (scenarios.ts) against a generated project, built
 * once per run in a temp folder, over stdio and HTTP for every client flavour,
 * with the server on this Node and on Node 22 and 24;
 * plus tools/list compared field for field with `openapi-mcp serve`.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gen, linkNodeModules, makeTempDir, runTsc } from '../helpers/generated-project.js';
import { assertBuilt, REPO_ROOT, runCli, startStdioSession } from '../helpers/mcp-session.js';
import {
  petstoreRoutes,
  type RecordingUpstream,
  startRecordingUpstream,
} from '../helpers/recording-upstream.js';
import { defineScenarioSuitesOnEveryNode, SCENARIO_ENV } from './scenario-suites.js';
import type { InspectTool } from './scenarios.js';

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

it('lists exactly the tools serve lists (deep-equal tools/list)', async () => {
  const generated = await startStdioSession('v2-auto', { serveArgs: serverArgs(), env: SCENARIO_ENV, entry });
  const proxy = await startStdioSession('v2-auto', { serveArgs: [SPEC, ...serverArgs()], env: SCENARIO_ENV });
  try {
    const [fromGenerated, fromServe] = await Promise.all([generated.listTools(), proxy.listTools()]);
    expect(fromGenerated.length).toBeGreaterThan(0);
    expect(fromGenerated).toEqual(fromServe);
  } finally {
    await Promise.all([generated.close(), proxy.close()]);
  }
});

defineScenarioSuitesOnEveryNode({
  label: 'generated × ',
  args: serverArgs,
  entry,
  upstream: () => upstream,
  inspected: () => inspected,
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
