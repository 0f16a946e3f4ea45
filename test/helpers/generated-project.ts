/**
 * Generated projects in tests: generate with the built CLI, then type-check or
 * build them offline by symlinking this repo's node_modules into the project
 * (the project's own `npm install` would need the registry).
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { REPO_ROOT, runCli } from './mcp-session.js';
import { runProcess } from './run-process.js';

const TSC = join(REPO_ROOT, 'node_modules/typescript/bin/tsc');

/** A fresh temp folder for one test file's projects. */
export function makeTempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `openapi-mcp-${label}-`));
}

/** Runs `openapi-mcp gen` from dist/; throws with its stderr when it fails. */
export async function gen(
  args: string[],
  options: { cwd?: string; timeoutMs?: number } = {},
): Promise<string> {
  const result = await runCli(['gen', ...args], {
    ...(options.cwd !== undefined && { cwd: options.cwd }),
    timeoutMs: options.timeoutMs ?? 120_000,
  });
  if (result.code !== 0) throw new Error(`gen ${args.join(' ')} failed (${result.code}):\n${result.stderr}`);
  return result.stderr;
}

/** Gives `dir` this repo's node_modules (a symlink), so tsc and node resolve its dependencies. */
export function linkNodeModules(dir: string): void {
  const link = join(dir, 'node_modules');
  if (!existsSync(link)) symlinkSync(join(REPO_ROOT, 'node_modules'), link, 'dir');
}

/** Copies a project (e.g. `generated/petstore`) to a temp folder and links node_modules into it. */
export function copyProject(source: string, label: string): string {
  const dir = join(makeTempDir(label), 'project');
  cpSync(source, dir, { recursive: true });
  linkNodeModules(dir);
  return dir;
}

/** Runs this repo's tsc on the project's tsconfig.json; resolves with its output and wall time. */
export async function runTsc(
  dir: string,
  extra: string[] = [],
  timeoutMs = 120_000,
): Promise<{ code: number | null; output: string; ms: number }> {
  const { code, output, ms } = await runProcess(
    process.execPath,
    [TSC, '-p', join(dir, 'tsconfig.json'), ...extra],
    {
      cwd: dir,
      timeoutMs,
    },
  );
  return { code, output, ms };
}

/** Every file under `dir` (node_modules and dist excluded), relative `/` path → bytes. */
export function readTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const visit = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist') continue;
      const path = join(current, entry.name);
      if (entry.isDirectory()) visit(path);
      else out.set(relative(dir, path).split('\\').join('/'), readFileSync(path));
    }
  };
  visit(dir);
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}
