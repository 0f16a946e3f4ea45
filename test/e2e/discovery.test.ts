/**
 * `serve --tools discovery|auto` end to end: the built CLI on specs/petstore.yaml,
 * real SDK clients over stdio and Streamable HTTP, a recording upstream on
 * 127.0.0.1; and `auto` deciding on Petstore and on a generated 300-operation spec.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeLargeSpec } from '../helpers/large-spec.js';
import {
  assertBuilt,
  connectHttp,
  type McpSession,
  REPO_ROOT,
  runCli,
  startHttpServer,
  startStdioSession,
} from '../helpers/mcp-session.js';
import {
  petstoreRoutes,
  type RecordingUpstream,
  startRecordingUpstream,
} from '../helpers/recording-upstream.js';
import { textOf } from '../helpers/text-of.js';

const PETSTORE = join(REPO_ROOT, 'specs/petstore.yaml');
const META_TOOLS = ['search_operations', 'describe_operation', 'call_operation'];
let upstream: RecordingUpstream;
let tmp: string;
let large: string;

beforeAll(async () => {
  assertBuilt();
  upstream = await startRecordingUpstream(petstoreRoutes());
  tmp = mkdtempSync(join(tmpdir(), 'openapi-mcp-discovery-'));
  large = writeLargeSpec(tmp, 300);
});

afterAll(async () => {
  await upstream?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const args = (tools: string) => [PETSTORE, '--base-url', `${upstream.url}/v1`, '--tools', tools];

/** The scenario every transport runs: search → describe → call, and the normal tool's validation error. */
async function searchDescribeCall(session: McpSession, normalError: string): Promise<void> {
  expect((await session.listTools()).map((tool) => tool.name)).toEqual(META_TOOLS);

  const found = textOf(await session.callTool('search_operations', { query: 'fetch one pet by id' }));
  expect(found.split('\n')[0]).toBe('getPet  GET /pets/{petId}  Get one pet');

  const described = JSON.parse(textOf(await session.callTool('describe_operation', { name: 'getPet' })));
  expect(described).toMatchObject({ name: 'getPet', method: 'GET', path: '/pets/{petId}' });
  expect(described.inputSchema.required).toEqual(['petId']);
  expect(described.outputSchema).toBeDefined();

  upstream.reset();
  const called = await session.callTool('call_operation', { name: 'getPet', arguments: { petId: 7 } });
  expect(called.isError).toBeFalsy();
  expect(JSON.parse(textOf(called))).toEqual({ id: 7, name: 'Rex' });
  expect(upstream.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /v1/pets/7']);

  const invalid = await session.callTool('call_operation', { name: 'getPet', arguments: { petId: 'seven' } });
  expect(invalid.isError).toBe(true);
  expect(textOf(invalid)).toBe(normalError);

  const unknown = await session.callTool('call_operation', { name: 'getPets', arguments: {} });
  expect(unknown.isError).toBe(true);
  expect(textOf(unknown)).toMatch(/^Unknown operation "getPets"\. Closest: getPet/);
}

describe('serve --tools discovery on Petstore', () => {
  let normalError: string;

  beforeAll(async () => {
    // The normal tool's answer to the same bad arguments, from the same build in full mode.
    const full = await startStdioSession('v2-auto', { serveArgs: args('all') });
    try {
      const result = await full.callTool('getPet', { petId: 'seven' });
      expect(result.isError).toBe(true);
      normalError = textOf(result);
      expect(normalError).toContain('Invalid arguments for tool getPet');
    } finally {
      await full.close();
    }
  });

  for (const kind of ['v2-auto', 'sdk-1.32'] as const) {
    it(`over stdio (${kind})`, async () => {
      const session = await startStdioSession(kind, { serveArgs: args('discovery') });
      try {
        await searchDescribeCall(session, normalError);
        expect(session.stderr()).toContain('serving 3 tools (discovery mode over 6 operations)');
      } finally {
        await session.close();
      }
    });
  }

  it('over Streamable HTTP', async () => {
    const server = await startHttpServer({ serveArgs: args('discovery') });
    try {
      const session = await connectHttp('v2-auto', server.url);
      try {
        await searchDescribeCall(session, normalError);
      } finally {
        await session.close();
      }
    } finally {
      await server.stop();
    }
  });
});

describe('--tools auto (the default)', () => {
  it('serves Petstore one tool per operation', async () => {
    const session = await startStdioSession('v2-auto', {
      serveArgs: [PETSTORE, '--base-url', `${upstream.url}/v1`],
    });
    try {
      const names = (await session.listTools()).map((tool) => tool.name);
      expect(names).toEqual(['listPets', 'createPet', 'getPet', 'deletePet', 'placeOrder', 'getInventory']);
      expect(session.stderr()).toContain('serving 6 tools from');
    } finally {
      await session.close();
    }
  });

  it('serves a 300-operation spec in discovery mode, and every operation stays reachable', async () => {
    const session = await startStdioSession('v2-auto', {
      serveArgs: [large, '--base-url', `${upstream.url}/api`],
    });
    try {
      expect((await session.listTools()).map((tool) => tool.name)).toEqual(META_TOOLS);
      expect(session.stderr()).toContain('serving 3 tools (discovery mode over 300 operations)');
      const found = textOf(
        await session.callTool('search_operations', { query: 'remove invoice3', limit: 3 }),
      );
      expect(found.split('\n')[0]).toMatch(/^delete_invoice3 {2}DELETE \/invoice3s\/\{id\}/);
      upstream.reset();
      await session.callTool('call_operation', { name: 'delete_invoice3', arguments: { id: 5 } });
      expect(upstream.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['DELETE /api/invoice3s/5']);
    } finally {
      await session.close();
    }
  });

  it('inspect reports the mode auto picks and the meta-tools it lists', async () => {
    const big = await runCli(['inspect', large, '--json']);
    expect(big.code, big.stderr).toBe(0);
    const report = JSON.parse(big.stdout) as {
      tools: unknown[];
      toolMode: {
        requested: string;
        mode: string;
        reason: string;
        listed: string[];
        metaTools: Array<{ name: string }>;
      };
    };
    expect(report.tools).toHaveLength(300);
    expect(report.toolMode).toMatchObject({
      requested: 'auto',
      mode: 'discovery',
      reason: '300 tools > 40',
      listed: META_TOOLS,
    });
    expect(report.toolMode.metaTools.map((tool) => tool.name)).toEqual(META_TOOLS);

    const small = await runCli(['inspect', PETSTORE, '--json']);
    expect(JSON.parse(small.stdout).toolMode).toMatchObject({ mode: 'all', metaTools: [] });
    const forced = await runCli(['inspect', PETSTORE, '--tools', 'discovery']);
    expect(forced.stdout).toContain('Tool mode: discovery (--tools discovery)');
    expect(forced.stdout).toContain('search_operations: Finds the API operations (6 in all)');

    const bad = await runCli(['serve', PETSTORE, '--tools', 'some']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--tools must be "all", "discovery", "auto", got "some"');
    // Four CLI runs, each loading the tokenizer: room for a loaded machine.
  }, 90_000);
});
