/**
 * Start-up at size, against the built CLI over stdio with real SDK clients:
 * the transport starts before the model is built, so `initialize` (2025) and
 * `server/discover` (2026) are answered while a 5,000-operation spec still
 * loads; `tools/list` then waits for the tools, or gets the load error.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCapture } from '../helpers/canary.js';
import { assertBuilt, CLI, REPO_ROOT } from '../helpers/mcp-session.js';
import { buildLargeSpec, writeLargeSpec } from '../helpers/sized-spec.js';

const OPERATIONS = 5000;
let dir: string;
let spec: string;

beforeAll(() => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), 'openapi-mcp-start-up-'));
  spec = writeLargeSpec(dir, OPERATIONS);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Spawns `serve <spec> --verbose` (step times on stderr) and connects a v2 client. */
async function connect(
  specPath: string,
  mode: 'legacy' | 'auto',
): Promise<{ client: Client; stderr: () => string; closed: Promise<void> }> {
  let stderr = '';
  const capture = startCapture('start-up');
  const transport = new StdioClientTransport({
    command: process.execPath,
    // --no-cache: every start builds, so the step lines below are there to see.
    args: [
      CLI,
      'serve',
      specPath,
      '--verbose',
      '--no-cache',
      '--base-url',
      'http://127.0.0.1:9',
      '--tools',
      'all',
    ],
    env: { PATH: process.env.PATH ?? '' },
    stderr: 'pipe',
    cwd: REPO_ROOT,
  });
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    capture.write(chunk.toString('utf8'));
  });
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
  });
  const client = new Client(
    { name: 'start-up', version: '0.0.0' },
    mode === 'auto' ? { versionNegotiation: { mode: 'auto' } } : {},
  );
  await client.connect(transport);
  return { client, stderr: () => stderr, closed };
}

describe('serve: start-up at size', () => {
  it.each(['legacy', 'auto'] as const)(
    'answers the %s handshake before the model is built, then lists every tool',
    async (mode) => {
      const { client, stderr } = await connect(spec, mode);
      try {
        // The last start-up step has not ended: the handshake did not wait for the model.
        expect(stderr()).not.toContain('openapi-mcp: compile');
        expect(stderr()).not.toContain('openapi-mcp: serving');

        const names: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await client.listTools(cursor === undefined ? {} : { cursor });
          names.push(...page.tools.map((tool) => tool.name));
          cursor = page.nextCursor;
        } while (cursor !== undefined);
        expect(names).toHaveLength(OPERATIONS);
        expect(new Set(names).size).toBe(OPERATIONS);
        expect(stderr()).toMatch(/openapi-mcp: build \d+ ms/);
        expect(stderr()).toContain(
          `openapi-mcp: serving ${OPERATIONS} tools from "Large API (${OPERATIONS} operations)"`,
        );
      } finally {
        await client.close();
      }
    },
    60_000,
  );

  it('gives a connected client the load error and ends the program', async () => {
    // A large document broken at its very end: the failure comes after the handshake.
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, `${JSON.stringify(buildLargeSpec(OPERATIONS * 4)).slice(0, -1)},`);
    const { client, stderr, closed } = await connect(broken, 'legacy');
    const listed = await client.listTools().then(
      () => 'listed',
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    expect(listed).toMatch(
      /openapi-mcp could not load its tools: OMCP_SPEC_PARSE: .*broken\.json.*invalid JSON/,
    );
    // The program ends on its own (exit code 1: see test/unit/runtime/run-server.test.ts), not a hang.
    await closed;
    expect(stderr()).toMatch(/^openapi-mcp: OMCP_SPEC_PARSE: .*broken\.json/m);
    await client.close();
  }, 60_000);
});
