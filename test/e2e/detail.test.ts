/**
 * `serve --detail compact|full` end to end: the built CLI on specs/petstore.yaml,
 * real SDK clients (the 1.32 client checks every structuredContent against the
 * listed outputSchema), a recording upstream on 127.0.0.1.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertBuilt,
  type ListedTool,
  REPO_ROOT,
  runCli,
  startStdioSession,
} from '../helpers/mcp-session.js';
import {
  petstoreRoutes,
  type RecordingUpstream,
  startRecordingUpstream,
} from '../helpers/recording-upstream.js';
import { textOf } from '../helpers/text-of.js';

const PETSTORE = join(REPO_ROOT, 'specs/petstore.yaml');
let upstream: RecordingUpstream;

beforeAll(async () => {
  assertBuilt();
  upstream = await startRecordingUpstream(petstoreRoutes());
});

afterAll(async () => {
  await upstream?.close();
});

const args = (...more: string[]) => [PETSTORE, '--base-url', `${upstream.url}/v1`, ...more];
const byName = (tools: ListedTool[], name: string): ListedTool => {
  const tool = tools.find((t) => t.name === name);
  if (tool === undefined) throw new Error(`no tool ${name}`);
  return tool;
};

describe('--detail', () => {
  for (const kind of ['sdk-1.32', 'v2-auto'] as const) {
    it(`compact (the default) lists shapes without examples, and results still validate (${kind})`, async () => {
      const session = await startStdioSession(kind, { serveArgs: args('--tools', 'all') });
      try {
        const tools = await session.listTools();
        const createPet = byName(tools, 'createPet');
        expect(JSON.stringify(createPet.inputSchema)).not.toContain('examples');
        expect(createPet.inputSchema).toMatchObject({ required: ['name'], additionalProperties: false });
        // The server refuses an argument it does not know, by name.
        const unknown = await session.callTool('createPet', { name: 'Rex', colour: 'brown' });
        expect(unknown.isError).toBe(true);
        expect(textOf(unknown)).toContain("must NOT have additional property 'colour'");
        // The Pet's allOf (NewPet plus an id) as one shape, fields and types only.
        expect(byName(tools, 'getPet').outputSchema).toEqual({
          type: 'object',
          properties: {
            name: { type: 'string' },
            tag: { type: ['string', 'null'] },
            status: { type: 'string' },
            id: { type: 'integer' },
          },
        });
        expect(byName(tools, 'getPet').annotations).not.toHaveProperty('title');
        const result = await session.callTool('getPet', { petId: 7 });
        expect(result.isError, textOf(result)).toBeFalsy();
        expect(result.structuredContent).toEqual({ id: 7, name: 'Rex' });
      } finally {
        await session.close();
      }
    });
  }

  it('full lists every example and output schema keyword the spec gives', async () => {
    const session = await startStdioSession('sdk-1.32', {
      serveArgs: args('--tools', 'all', '--detail', 'full'),
    });
    try {
      const tools = await session.listTools();
      expect(byName(tools, 'createPet').inputSchema).toMatchObject({
        properties: { name: { type: 'string', examples: ['Rex'] } },
      });
      expect(byName(tools, 'getPet').outputSchema).toHaveProperty('allOf');
      const result = await session.callTool('getPet', { petId: 7 });
      expect(result.structuredContent).toEqual({ id: 7, name: 'Rex' });
    } finally {
      await session.close();
    }
  });

  it('discovery: describe_operation gives the full input schema while the list stays compact', async () => {
    const session = await startStdioSession('v2-auto', { serveArgs: args('--tools', 'discovery') });
    try {
      const described = JSON.parse(
        textOf(await session.callTool('describe_operation', { name: 'createPet' })),
      );
      expect(described.inputSchema.properties.name).toEqual({ type: 'string', examples: ['Rex'] });
    } finally {
      await session.close();
    }
  });

  it('refuses an unknown detail, naming the flag', async () => {
    const run = await runCli(['serve', ...args('--detail', 'brief')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('OMCP_OPTIONS_INVALID');
    expect(run.stderr).toContain('--detail must be "compact" or "full", got "brief"');
  });
});
