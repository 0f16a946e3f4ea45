/**
 * Global setup of every test project: a random canary secret and a folder for
 * captured outputs (see `test/helpers/canary.ts`); at teardown every captured
 * output is searched, and one hit (or servers that captured nothing) fails
 * the run; so does a model cache entry written into the user's home.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { judgeScan, scanCaptures } from './scan-captures.js';
import { watchHomeCache } from './watch-home-cache.js';

export default function setup(project: TestProject): () => void {
  // Shaped like a provider key, so redaction meets what it meets in the wild.
  const secret = `sk-canary-${randomBytes(16).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'openapi-mcp-canary-'));
  project.provide('canary', secret);
  project.provide('canaryDir', dir);
  const homeCache = watchHomeCache();
  return () => {
    const wroteHome = homeCache();
    if (wroteHome !== undefined) {
      process.exitCode = 1;
      throw new Error(wroteHome);
    }
    const scan = scanCaptures(dir, secret);
    const failure = judgeScan(scan);
    if (failure !== undefined) {
      // Vitest reports a teardown error but keeps its exit code: set it, so the run fails.
      process.exitCode = 1;
      // The captures are kept for inspection.
      throw new Error(`canary (${project.name}): ${failure}\n(captures kept in ${dir})`);
    }
    rmSync(dir, { recursive: true, force: true });
    if (scan.files > 0) {
      process.stderr.write(
        `canary (${project.name}): ${scan.files} server(s), ${scan.bytes} bytes of output searched, no leak\n`,
      );
    }
  };
}
