/**
 * The Node 22 and 24 binaries the end-to-end scenarios run servers on
 * (scenario-suites.ts) are what they claim. Where the registry's binaries
 * cannot run, this is the one skipped test that says so, and the scenarios
 * run on this process's Node only.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { installNode, NODE_INSTALL_UNSUPPORTED, NODE_VERSIONS } from '../helpers/install-node.js';
import { REPO_ROOT } from '../helpers/mcp-session.js';

const run = promisify(execFile);
const versions = Object.values(NODE_VERSIONS);

it.skipIf(NODE_INSTALL_UNSUPPORTED !== undefined)(
  `installs Node ${versions.join(' and ')} from the registry${NODE_INSTALL_UNSUPPORTED ? ` (skipped: ${NODE_INSTALL_UNSUPPORTED})` : ''}`,
  async () => {
    // Two at once, as two test files would: both must end with a working binary.
    const binaries = await Promise.all(
      versions.flatMap((version) => [0, 1].map(() => installNode(REPO_ROOT, version))),
    );
    const reported = await Promise.all(
      binaries.map(async (binary) => (await run(binary, ['--version'])).stdout.trim()),
    );
    expect(reported).toEqual(versions.flatMap((version) => [`v${version}`, `v${version}`]));
  },
  300_000,
);
