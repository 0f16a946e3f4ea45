/**
 * SECURITY.md §3 B11–B13 (generator code injection): a spec whose every
 * string is an attack. The generated project must type-check, stay inside its
 * folder, execute nothing from the spec when imported or started, keep
 * package.json's scripts to the template's, and hand the strings to the model
 * intact (encoded, not stripped).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InspectTool } from '../e2e/scenarios.js';
import { gen, linkNodeModules, makeTempDir, readTree, runTsc } from '../helpers/generated-project.js';
import { assertBuilt, REPO_ROOT, runCli, startStdioSession } from '../helpers/mcp-session.js';
import { startRecordingUpstream } from '../helpers/recording-upstream.js';

const SPEC = join(REPO_ROOT, 'test/fixtures/generate/hostile.yaml');
const TITLE = 'x", "scripts": {"postinstall": "touch pwned"}, "y": "';
const temp = makeTempDir('gen-hostile');
const NAME = 'x-scripts-postinstall-touch-pwned-y';
const project = join(temp, 'generated', NAME);

let genOutput = '';

/** Every `pwned` file under `dir` (node_modules skipped). */
function findPwned(dir: string): string[] {
  const found: string[] = [];
  const visit = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      const path = join(current, entry.name);
      if (entry.name === 'pwned') found.push(path);
      if (entry.isDirectory()) visit(path);
    }
  };
  visit(dir);
  return found;
}

beforeAll(async () => {
  assertBuilt();
  // Default name and output folder: both derive from the hostile title.
  genOutput = await gen([SPEC], { cwd: temp });
  linkNodeModules(project);
}, 120_000);

afterAll(() => {
  rmSync(temp, { recursive: true, force: true });
});

describe('B11–B13 a hostile spec: code injection per sink, file-name traversal, package.json integrity (T1, T16, T17)', () => {
  it('writes only inside generated/<slug of the title>', () => {
    expect(readdirSync(temp)).toEqual(['generated']);
    expect(readdirSync(join(temp, 'generated'))).toEqual([NAME]);
    for (const file of readTree(project).keys()) {
      expect(relative(project, join(project, file)).startsWith('..'), file).toBe(false);
    }
    expect(genOutput).toContain(`generated/${NAME}`);
  });

  it('gives a package.json that parses, has a valid name and only the template scripts', () => {
    const pkg = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
    expect(pkg.name).toBe(NAME);
    expect(pkg.name).toMatch(/^[a-z0-9][a-z0-9._-]*$/);
    expect(pkg.scripts).toEqual({
      build: 'tsc',
      start: 'node --disable-proto=delete dist/main.js',
      test: 'node --test test/smoke.test.mjs',
    });
    expect(Object.keys(pkg).sort()).toEqual(
      [
        'bin',
        'dependencies',
        'description',
        'devDependencies',
        'engines',
        'files',
        'name',
        'private',
        'scripts',
        'type',
        'version',
      ].sort(),
    );
    // Encoded, not stripped: the title is in the description as written.
    expect(pkg.description).toContain(TITLE);
  });

  it('keeps line-based files to their own lines', () => {
    const env = readFileSync(join(project, '.env.example'), 'utf8').split('\n');
    for (const line of env) expect(line, line).toMatch(/^(#.*|[A-Z][A-Z0-9_]*=|)$/);
    const docker = readFileSync(join(project, 'Dockerfile'), 'utf8').split('\n');
    for (const line of docker) expect(line, line).toMatch(/^(#.*|[A-Z]+ .*|)$/);
    const readme = readFileSync(join(project, 'README.md'), 'utf8');
    expect(readme).not.toContain('<script>');
    expect(readme.split('\n')[0]).toMatch(/^<!-- .* -->$/);
    expect(readme.split('\n')[0]?.slice(4, -3)).not.toContain('--');
  });

  it('type-checks and builds', async () => {
    const build = await runTsc(project);
    expect(build.code, build.output).toBe(0);
  }, 120_000);

  it('executes nothing from the spec when every module is imported', () => {
    const files: string[] = [];
    const visit = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) visit(path);
        else if (entry.name.endsWith('.js')) files.push(path);
      }
    };
    visit(join(project, 'dist'));
    expect(files.length).toBeGreaterThan(10);
    // main.js too, with --help: it runs all of its top-level code and exits without serving.
    const script = `process.argv.splice(1, Infinity, 'main.js', '--help');
      for (const f of ${JSON.stringify(files.map((f) => pathToFileURL(f).href))}) await import(f);
      process.stdout.write('\\n' + JSON.stringify({ pwned: typeof globalThis.__pwned }));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: project,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Usage: '); // main.js did run
    expect(JSON.parse(run.stdout.split('\n').at(-1) ?? '')).toEqual({ pwned: 'undefined' });
    expect(findPwned(temp)).toEqual([]);
  }, 60_000);

  it('serves the strings intact: tools/list equals inspect --json, and nothing ran', async () => {
    // Full detail: compact detail leaves examples out, and one of the strings is an example.
    const inspect = await runCli(['inspect', SPEC, '--json', '--detail', 'full']);
    expect(inspect.code, inspect.stderr).toBe(0);
    const inspected = (JSON.parse(inspect.stdout) as { tools: InspectTool[] }).tools;
    const upstream = await startRecordingUpstream();
    const session = await startStdioSession('v2-auto', {
      serveArgs: ['--base-url', upstream.url, '--detail', 'full'],
      entry: [join(project, 'dist/main.js')],
    });
    try {
      const tools = await session.listTools();
      expect(tools.map((t) => t.name)).toEqual(inspected.map((t) => t.name));
      for (const tool of tools) {
        const expected = inspected.find((t) => t.name === tool.name);
        expect(tool.description, tool.name).toEqual(expected?.description);
        expect(tool.inputSchema, tool.name).toEqual(expected?.inputSchema);
        expect(tool.outputSchema, tool.name).toEqual(expected?.outputSchema);
      }
      const all = JSON.stringify(tools);
      // (Line and paragraph separators are normalised by build-model's text hygiene, in both back ends.)
      for (const fragment of [
        '*/',
        '${',
        '`',
        '</script>',
        '\\',
        '$(touch pwned)',
        '__proto__',
        "'); process",
      ]) {
        expect(all, fragment).toContain(fragment);
      }
      const result = await session.callTool('plainGet', {});
      expect(result.content.length).toBeGreaterThan(0);
    } finally {
      await session.close();
      await upstream.close();
    }
    expect(findPwned(temp)).toEqual([]);
    expect(existsSync(join(REPO_ROOT, 'pwned'))).toBe(false);
  }, 60_000);
});
