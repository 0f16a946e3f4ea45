/**
 * `npm install` of exact registry packages into a private folder under
 * `.cache/`, for tools the tests run but the project does not depend on
 * (a Node build, the conformance tool, Prism).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Installs `packages` (`name@version`, or `alias@npm:name@version`) into `dir/node_modules`. */
export async function npmInstallInto(dir: string, packages: string[]): Promise<void> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "private": true }\n');
  await run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--no-package-lock', ...packages], {
    cwd: dir,
    // Our own .npmrc sets engine-strict; these packages are not ours and declare their own engines.
    env: { ...process.env, npm_config_engine_strict: 'false' },
    maxBuffer: 16 * 1024 * 1024,
  });
}
