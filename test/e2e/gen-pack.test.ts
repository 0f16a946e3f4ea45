/**
 * The published package generates on its own: `npm pack` this repo, install
 * the tarball into an empty project (from the npm registry), run its
 * `openapi-mcp gen specs/petstore.yaml`, and compare with generated/petstore.
 * Then the generated project itself: `npm install && npm run build && npm test`.
 * Slow (two installs), so one test reuses one tarball.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { makeTempDir, readTree } from '../helpers/generated-project.js';
import { assertBuilt, REPO_ROOT } from '../helpers/mcp-session.js';
import { runProcess } from '../helpers/run-process.js';

const temp = makeTempDir('gen-pack');
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** No inherited npm_config_* from a parent `npm test` (they would point at this repo). */
function run(command: string, args: string[], cwd: string) {
  return runProcess(command, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? temp },
    timeoutMs: 240_000,
  });
}

it('npm pack → install → openapi-mcp gen → the generated project installs, builds and passes its smoke test', async () => {
  assertBuilt();
  const timings: string[] = [];
  const step = async (label: string, command: string, args: string[], cwd: string): Promise<string> => {
    const started = performance.now();
    const result = await run(command, args, cwd);
    timings.push(`${label} ${Math.round(performance.now() - started)} ms`);
    expect(result.code, `${label}:\n${result.output}`).toBe(0);
    return result.output;
  };

  // --ignore-scripts: dist/ is already built, and rebuilding it would race other test files.
  await step('pack', 'npm', ['pack', '--ignore-scripts', '--pack-destination', temp], REPO_ROOT);
  const tarball = readdirSync(temp).find((f) => f.endsWith('.tgz'));
  expect(tarball).toBeDefined();

  const consumer = join(temp, 'consumer');
  mkdirSync(join(consumer, 'specs'), { recursive: true });
  writeFileSync(join(consumer, 'package.json'), '{ "name": "consumer", "private": true }\n');
  copyFileSync(join(REPO_ROOT, 'specs/petstore.yaml'), join(consumer, 'specs/petstore.yaml'));
  await step(
    'install tarball',
    'npm',
    ['install', '--no-audit', '--no-fund', '--ignore-scripts', join(temp, tarball!)],
    consumer,
  );

  const bin = join(consumer, 'node_modules/.bin/openapi-mcp');
  expect(existsSync(bin)).toBe(true);
  await step('gen', process.execPath, [bin, 'gen', 'specs/petstore.yaml', '--name', 'petstore'], consumer);
  const project = join(consumer, 'generated/petstore');
  const fresh = readTree(project);
  const golden = readTree(join(REPO_ROOT, 'generated/petstore'));
  expect([...fresh.keys()]).toEqual([...golden.keys()]);
  for (const [file, bytes] of fresh) expect(golden.get(file)?.equals(bytes), file).toBe(true);

  await step('project npm install', 'npm', ['install', '--no-audit', '--no-fund'], project);
  await step('project build', 'npm', ['run', 'build'], project);
  const tested = await step('project test', 'npm', ['test'], project);
  expect(tested).toMatch(/# pass 1/);
  console.log(`gen-pack: ${timings.join(', ')}`);
}, 600_000);
