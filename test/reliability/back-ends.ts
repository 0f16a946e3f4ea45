/**
 * The two back ends the reliability tests run against: `openapi-mcp serve`
 * (dist/) and a project generated from the same fixture and built with tsc,
 * created once per test file. Both are started with the same flags.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { gen, linkNodeModules, makeTempDir, runTsc } from '../helpers/generated-project.js';
import { assertBuilt, REPO_ROOT, type ServerLaunch } from '../helpers/mcp-session.js';

export const FLAKY_SPEC = join(REPO_ROOT, 'test/fixtures/reliability/flaky.yaml');

/** The credential every server gets: a canary that must never show in a result or a log line. */
export const CANARY = 'canary-3f9c1e7a-reliability';
export const RELIABILITY_ENV = { OPENAPI_MCP_API_KEY: CANARY };

export interface BackEnd {
  label: 'serve' | 'generated';
  /** How to start it with `flags` (the base URL among them). */
  launch(flags: string[]): ServerLaunch;
}

/**
 * Registers the hooks that build the generated project, and returns both back
 * ends (the generated one usable once `beforeAll` has run).
 */
export function useBackEnds(label: string): BackEnd[] {
  const temp = makeTempDir(`reliability-${label}`);
  const project = join(temp, 'flaky');
  beforeAll(async () => {
    assertBuilt();
    await gen([FLAKY_SPEC, '--name', 'flaky', '--env-prefix', 'OPENAPI_MCP', '--out', project]);
    linkNodeModules(project);
    const build = await runTsc(project);
    expect(build.code, build.output).toBe(0);
  }, 180_000);
  afterAll(() => rmSync(temp, { recursive: true, force: true }));
  return [
    { label: 'serve', launch: (flags) => ({ serveArgs: [FLAKY_SPEC, ...flags], env: RELIABILITY_ENV }) },
    {
      label: 'generated',
      launch: (flags) => ({
        serveArgs: flags,
        env: RELIABILITY_ENV,
        entry: ['--disable-proto=delete', join(project, 'dist/main.js')],
      }),
    },
  ];
}
