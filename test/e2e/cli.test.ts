/** The built `openapi-mcp` binary: output shapes, exit codes, one-line errors, lifecycle. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canary, startCapture } from '../helpers/canary.js';
import { assertBuilt, CLI, REPO_ROOT, runCli } from '../helpers/mcp-session.js';

const SPEC = join(REPO_ROOT, 'test/fixtures/e2e/petstore.yaml');
let dir: string;

beforeAll(() => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), 'openapi-mcp-cli-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function nonEmptyLines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

describe('inspect', () => {
  it('--json prints tools as tools/list gives them, plus method, path, credentials, env and diagnostics', async () => {
    const result = await runCli(['inspect', SPEC, '--json'], {
      env: { OPENAPI_MCP_API_KEY: canary() },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toContain(canary());
    const report = JSON.parse(result.stdout) as {
      tools: Array<Record<string, unknown>>;
      env: Array<Record<string, unknown>>;
      diagnostics: unknown[];
      tokens: Record<string, unknown>;
    };
    expect(Object.keys(report).sort()).toEqual([
      'deselected',
      'detail',
      'diagnostics',
      'env',
      'modes',
      'tokens',
      'toolMode',
      'tools',
    ]);
    expect(report.tokens).toMatchObject({ tokenizer: 'o200k_base', tools: report.tools.length });
    expect(report.tools.map((tool) => tool.name)).toContain('listPets');
    for (const tool of report.tools) {
      expect(tool).toEqual(
        expect.objectContaining({
          name: expect.any(String),
          method: expect.stringMatching(/^[A-Z]+$/),
          path: expect.stringMatching(/^\//),
          description: expect.any(String),
          inputSchema: expect.objectContaining({ type: 'object' }),
          credentials: expect.any(Array),
        }),
      );
    }
    const getPet = report.tools.find((tool) => tool.name === 'getPet');
    // Compact annotations: a read-only tool says so, a plain POST keeps MCP's defaults unsaid.
    expect(getPet?.annotations).toEqual({ readOnlyHint: true });
    expect(report.tools.find((tool) => tool.name === 'createPet')).not.toHaveProperty('annotations');
    expect(getPet).toMatchObject({
      method: 'GET',
      path: '/pets/{petId}',
      credentials: [[{ scheme: 'api_key', scopes: [], env: ['OPENAPI_MCP_API_KEY'] }]],
    });
    const listPets = report.tools.find((tool) => tool.name === 'listPets');
    expect(listPets?.credentials).toEqual([]);
    expect(listPets?.outputSchema).toMatchObject({ type: 'object' });
    expect(report.env).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'OPENAPI_MCP_API_KEY', scheme: 'api_key', set: true }),
        expect.objectContaining({ name: 'OPENAPI_MCP_BASE_URL', set: false }),
      ]),
    );
    expect(report.diagnostics).toEqual([]);
  });

  it('--env-prefix renames the variables', async () => {
    const result = await runCli(['inspect', SPEC, '--json', '--env-prefix', 'PETS']);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { env: Array<{ name: string }> };
    expect(report.env.map((v) => v.name)).toEqual(expect.arrayContaining(['PETS_API_KEY', 'PETS_BASE_URL']));
  });
});

describe('usage errors exit 2 naming the flag', () => {
  // The full table runs in-process in test/unit/cli/build-cli.test.ts; these prove the binary's exit code.
  it.each([
    [['serve', SPEC, '--bogus-flag'], '--bogus-flag'],
    [['serve', SPEC, '--timeout', 'abc'], '--timeout'],
    [[], 'command'],
  ])('%j', async (args, named) => {
    const result = await runCli(args);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(named);
    expect(result.stderr).toMatch(/^openapi-mcp: OMCP_(USAGE|OPTIONS_INVALID): /);
    expect(result.stdout).toBe('');
  });

  it('prints the code with the message', async () => {
    const result = await runCli(['serve', SPEC, '--port', 'abc']);
    expect(result.stderr.split('\n')[0]).toBe(
      'openapi-mcp: OMCP_OPTIONS_INVALID: --port must be an integer from 0 to 65535, got "abc"',
    );
  });

  it('names the environment variable when it is the bad value', async () => {
    const result = await runCli(['serve', SPEC], { env: { OPENAPI_MCP_BASE_URL: 'not a url' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('openapi-mcp: OMCP_OPTIONS_INVALID: OPENAPI_MCP_BASE_URL');
  });
});

describe('load failures exit 1 with one line naming the file', () => {
  it('a missing file', async () => {
    const missing = join(dir, 'missing.yaml');
    const result = await runCli(['inspect', missing]);
    expect(result.code).toBe(1);
    expect(nonEmptyLines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/^openapi-mcp: OMCP_SPEC_READ: /);
    expect(result.stderr).toContain('missing.yaml');
  });

  it('a broken YAML file', async () => {
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'openapi: 3.0.3\ninfo: [unclosed\npaths: {}\n');
    for (const command of ['inspect', 'serve']) {
      const result = await runCli([command, broken]);
      expect(result.code, result.stderr).toBe(1);
      expect(nonEmptyLines(result.stderr)).toHaveLength(1);
      expect(result.stderr).toMatch(/^openapi-mcp: OMCP_SPEC_PARSE: /);
      expect(result.stderr).toContain('broken.yaml');
      expect(result.stdout).toBe('');
    }
  });

  it('a document that is not OpenAPI', async () => {
    const notOpenapi = join(dir, 'not-openapi.json');
    writeFileSync(notOpenapi, '{"hello": "world"}');
    const result = await runCli(['inspect', notOpenapi]);
    expect(result.code).toBe(1);
    expect(nonEmptyLines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/^openapi-mcp: OMCP_SPEC_VERSION: /);
    expect(result.stderr).toContain('not-openapi.json');
  });
});

describe('serve over stdio: lifecycle', () => {
  function startServe(): {
    child: ReturnType<typeof spawn>;
    stderr: () => string;
    ready: Promise<void>;
    exited: Promise<number | null>;
  } {
    const child = spawn(
      process.execPath,
      [CLI, 'serve', SPEC, '--no-cache', '--base-url', 'http://127.0.0.1:9/v1'],
      {
        cwd: REPO_ROOT,
        env: { PATH: process.env.PATH ?? '' },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    const capture = startCapture('cli-lifecycle');
    child.stdout?.on('data', (chunk: Buffer) => capture.write(chunk.toString('utf8')));
    const ready = new Promise<void>((resolve) => {
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
        capture.write(chunk.toString('utf8'));
        if (stderr.includes('serving ')) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    return { child, stderr: () => stderr, ready, exited };
  }

  it('prints the variables it reads (names only) and which are unset', async () => {
    const serve = startServe();
    await serve.ready;
    expect(serve.stderr()).toMatch(/OPENAPI_MCP_API_KEY\s+unset/);
    expect(serve.stderr()).toContain('over stdio');
    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
  });

  it('exits by itself when the client closes stdin', async () => {
    const serve = startServe();
    await serve.ready;
    const started = Date.now();
    serve.child.stdin?.end();
    expect(await serve.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('exits 0 on SIGINT', async () => {
    const serve = startServe();
    await serve.ready;
    serve.child.kill('SIGINT');
    expect(await serve.exited).toBe(0);
  });
});

describe('serve start failure', () => {
  it('exits 1 with OMCP_SERVER_START when the port is taken', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = String((taken.address() as AddressInfo).port);
      const result = await runCli(['serve', SPEC, '--transport', 'http', '--port', port]);
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).toContain(`openapi-mcp: OMCP_SERVER_START: cannot listen on 127.0.0.1:${port}`);
      expect(result.stdout).toBe('');
    } finally {
      await new Promise<void>((resolve) => taken.close(() => resolve()));
    }
  });
});
