/**
 * `serve`'s model cache through the built binary and a real SDK client over
 * stdio: the first start builds and writes an entry, the second reads it and
 * serves the same tools with the same start-up summary; `--no-cache` writes
 * nothing; without `--cache-dir` the entry goes under `$XDG_CACHE_HOME`.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/generated-project.js';
import { assertBuilt, type ListedTool, REPO_ROOT, startStdioSession } from '../helpers/mcp-session.js';

const SPEC = join(REPO_ROOT, 'specs/petstore.yaml');
const OVERLAY = join(REPO_ROOT, 'test/fixtures/overlay/rename-and-exclude.yaml');
const temp = makeTempDir('model-cache-e2e');

beforeAll(() => assertBuilt());
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** One start: the tools listed, and what the server said on stderr. */
async function start(args: string[], env: Record<string, string> = {}) {
  // SDK 1.32's client: one process per session (the v2 client's version negotiation may start the
  // server again after a slow first answer, and the second process would meet the first's entry).
  const session = await startStdioSession('sdk-1.32', {
    // An unmatched --exclude-tag gives a diagnostic: the summary must survive the cache.
    serveArgs: [SPEC, '--verbose', '--overlay', OVERLAY, '--exclude-tag', 'nope', ...args],
    env: { OPENAPI_MCP_BASE_URL: 'http://127.0.0.1:9', ...env },
  });
  try {
    const tools = await session.listTools();
    return { tools, stderr: session.stderr() };
  } finally {
    await session.close();
  }
}

const summaryOf = (stderr: string) => stderr.split('\n').filter((line) => line.includes('OMCP_'));

describe('serve --cache-dir', () => {
  it('writes an entry on the first start and serves the same tools from it on the second', async () => {
    // A folder per attempt: a retried attempt must not meet the first one's entry.
    const dir = join(mkdtempSync(join(temp, 'attempt-')), 'models');
    const first = await start(['--cache-dir', dir]);
    expect(first.stderr).toMatch(/openapi-mcp: model cache: miss \(no entry\) \d+ ms/);
    const entries = readdirSync(dir);
    expect(entries).toHaveLength(1);
    const file = join(dir, entries[0] ?? '');
    expect(first.stderr).toContain(`openapi-mcp: model cache: wrote ${file}`);
    expect(first.tools.map((t: ListedTool) => t.name)).toContain('find_pets');

    const second = await start(['--cache-dir', dir]);
    expect(second.stderr).toMatch(
      new RegExp(
        `openapi-mcp: model cache: hit \\(${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\) \\d+ ms`,
      ),
    );
    // Nothing was built the second time.
    expect(second.stderr).not.toMatch(/openapi-mcp: build \d+ ms/);
    expect(second.tools).toEqual(first.tools);
    expect(summaryOf(second.stderr)).toEqual(summaryOf(first.stderr));
    expect(summaryOf(first.stderr).join('\n')).toContain('OMCP_SELECTION_UNMATCHED');
    expect(readdirSync(dir)).toEqual(entries);
  });

  it('--no-cache builds and writes nothing, not even under XDG_CACHE_HOME', async () => {
    const home = join(temp, 'xdg-off');
    const run = await start(['--no-cache', '--cache-dir', join(temp, 'unused')], { XDG_CACHE_HOME: home });
    expect(run.stderr).toMatch(/openapi-mcp: build \d+ ms/);
    expect(run.stderr).not.toContain('model cache');
    expect(existsSync(join(temp, 'unused'))).toBe(false);
    expect(existsSync(home)).toBe(false);
  });

  it('without --cache-dir the entry goes under $XDG_CACHE_HOME/openapi-mcp/models', async () => {
    const home = join(temp, 'xdg');
    await start([], { XDG_CACHE_HOME: home });
    expect(readdirSync(join(home, 'openapi-mcp', 'models'))).toHaveLength(1);
  });
});
