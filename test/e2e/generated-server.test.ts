/**
 * The shared scenario table (scenarios.ts) against a generated project, built
 * once per run in a temp folder, over stdio and HTTP for every client flavour,
 * with the server on this Node and on Node 22 and 24;
 * plus tools/list compared field for field with `openapi-mcp serve`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCapture } from '../helpers/canary.js';
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

it('serves discovery mode as serve does (--tools discovery): same meta-tools, search and call', async () => {
  const args = [...serverArgs(), '--tools', 'discovery'];
  const generated = await startStdioSession('v2-auto', { serveArgs: args, env: SCENARIO_ENV, entry });
  const proxy = await startStdioSession('v2-auto', { serveArgs: [SPEC, ...args], env: SCENARIO_ENV });
  try {
    const [fromGenerated, fromServe] = await Promise.all([generated.listTools(), proxy.listTools()]);
    expect(fromGenerated.map((tool) => tool.name)).toEqual([
      'search_operations',
      'describe_operation',
      'call_operation',
    ]);
    expect(fromGenerated).toEqual(fromServe);
    for (const [name, callArgs] of [
      ['search_operations', { query: 'get a pet by name' }],
      ['call_operation', { name: 'getPet', arguments: { petId: 7 } }],
      ['call_operation', { name: 'getPet', arguments: { petId: 'x' } }],
    ] as const) {
      const [a, b] = await Promise.all([generated.callTool(name, callArgs), proxy.callTool(name, callArgs)]);
      // `_meta` names the serving program (the project's own name, or openapi-mcp); the result itself must match.
      const { _meta: _a, ...resultA } = a as unknown as Record<string, unknown>;
      const { _meta: _b, ...resultB } = b as unknown as Record<string, unknown>;
      expect(resultA, name).toEqual(resultB);
    }
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
    [
      ['--port', 'x'],
      'e2e-petstore: OMCP_OPTIONS_INVALID: --port must be an integer from 0 to 65535, got "x"',
    ],
    [
      ['--transport', 'sse'],
      'e2e-petstore: OMCP_OPTIONS_INVALID: --transport must be "stdio" or "http", got "sse"',
    ],
    [['--bogus'], "e2e-petstore: OMCP_USAGE: Unknown option '--bogus'"],
  ])('%j → exit 2 naming the flag and the code, like serve', async (args, message) => {
    const { spawnSync } = await import('node:child_process');
    const run = spawnSync(process.execPath, [...entry, ...args], { encoding: 'utf8', env: { PATH: '' } });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
  });
});

describe('generated server lifecycle (real signals)', () => {
  function start(): {
    child: ChildProcess;
    stderr: () => string;
    ready: Promise<void>;
    exited: Promise<number | null>;
  } {
    const child = spawn(process.execPath, [...entry, ...serverArgs()], {
      env: { PATH: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    const capture = startCapture('generated-lifecycle');
    child.stdout?.on('data', (chunk: Buffer) => capture.write(chunk.toString('utf8')));
    const ready = new Promise<void>((resolve) => {
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
        capture.write(chunk.toString('utf8'));
        if (stderr.includes(' over stdio')) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    return { child, stderr: () => stderr, ready, exited };
  }

  it('lists the variables it reads at start-up and exits 0 on SIGTERM', async () => {
    const server = start();
    await server.ready;
    expect(server.stderr()).toContain('e2e-petstore: environment variables read (values are never printed):');
    expect(server.stderr()).toMatch(/OPENAPI_MCP_API_KEY\s+unset/);
    expect(server.stderr()).not.toContain('OPENAPI_MCP_HTTP_TOKEN');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('exits 0 on SIGINT', async () => {
    const server = start();
    await server.ready;
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
  });
});
