/**
 * Installs the official MCP conformance tool (two versions) into
 * `.cache/conformance`, from the npm registry only. The tool needs Node 22; the
 * machines run Node 20, so it runs on the registry's Node 22 (installNode), or
 * on the running Node when that is new enough.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installNode, NODE_INSTALL_UNSUPPORTED, NODE_VERSIONS } from '../helpers/install-node.js';
import { npmInstallInto } from '../helpers/npm-install-into.js';

export const CONFORMANCE_VERSIONS = { stable: '0.1.16', next: '0.2.0-alpha.12' } as const;

export interface ConformanceTools {
  node: string;
  /** Entry script of each conformance version. */
  cli: Record<keyof typeof CONFORMANCE_VERSIONS, string>;
}

export async function installConformance(repoRoot: string): Promise<ConformanceTools> {
  const dir = join(repoRoot, '.cache', 'conformance');
  const modules = join(dir, 'node_modules');
  const ownNodeIsNewEnough = Number(process.versions.node.split('.')[0]) >= 22;
  if (!ownNodeIsNewEnough && NODE_INSTALL_UNSUPPORTED !== undefined) {
    throw new Error(
      `the conformance tool needs Node 22: run the tests with Node >= 22 here (${NODE_INSTALL_UNSUPPORTED})`,
    );
  }
  const packages = [
    `conformance-stable@npm:@modelcontextprotocol/conformance@${CONFORMANCE_VERSIONS.stable}`,
    `conformance-next@npm:@modelcontextprotocol/conformance@${CONFORMANCE_VERSIONS.next}`,
  ];
  const marker = join(dir, `installed-${packages.join('+').replace(/[^A-Za-z0-9.+-]/g, '_')}`);
  const [node] = await Promise.all([
    ownNodeIsNewEnough ? process.execPath : installNode(repoRoot, NODE_VERSIONS[22]),
    existsSync(marker) ? undefined : installPackages(dir, packages, marker),
  ]);
  return {
    node,
    cli: {
      stable: join(modules, 'conformance-stable', 'dist', 'index.js'),
      next: join(modules, 'conformance-next', 'dist', 'index.js'),
    },
  };
}

async function installPackages(dir: string, packages: string[], marker: string): Promise<void> {
  await npmInstallInto(dir, packages);
  writeFileSync(marker, '');
}
