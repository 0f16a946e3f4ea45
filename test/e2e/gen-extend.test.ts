/**
 * The seam of a generated project, through the built CLI and a built project:
 * src/extend.ts survives regeneration, an edited generated file stops it, and
 * what the seam adds (a custom tool, a renamed and a hidden tool, both hooks)
 * reaches a real MCP client and a real upstream on 127.0.0.1.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canary } from '../helpers/canary.js';
import { gen, linkNodeModules, makeTempDir, runTsc } from '../helpers/generated-project.js';
import { assertBuilt, REPO_ROOT, runCli, startStdioSession } from '../helpers/mcp-session.js';
import {
  petstoreRoutes,
  type RecordingUpstream,
  startRecordingUpstream,
} from '../helpers/recording-upstream.js';

const SPEC = join(REPO_ROOT, 'test/fixtures/e2e/petstore.yaml');
const KEY = canary();
const temp = makeTempDir('gen-extend');
const project = join(temp, 'pets');
const entry = ['--disable-proto=delete', join(project, 'dist/main.js')];
const genArgs = [SPEC, '--name', 'pets', '--env-prefix', 'OPENAPI_MCP', '--out', project];

/** A user's seam: every kind of extension, in the strict TypeScript the project compiles with. */
const EXTEND = `import { defineExtensions } from './runtime/server-extensions.js';

export default defineExtensions({
  tools: {
    getPet: { name: 'find_pet', description: 'Finds one pet by its id.' },
    getSlow: { hidden: true },
  },
  customTools: [
    {
      name: 'pet_names',
      description: 'The names of all pets, one per line.',
      inputSchema: { type: 'object', properties: { prefix: { type: 'string' } }, additionalProperties: false },
      handler: async (args, context) => {
        const listed = await context.callTool('listPets', {});
        const first = listed.content[0];
        const pets = JSON.parse(first?.type === 'text' ? first.text : '[]') as Array<{ name: string }>;
        const prefix = typeof args.prefix === 'string' ? args.prefix : '';
        return { content: [{ type: 'text', text: pets.map((pet) => prefix + pet.name).join('\\n') }] };
      },
    },
  ],
  onRequest: (request, context) => {
    request.headers['x-signed-by'] = \`extend.ts:\${context.operationId}\`;
    if (context.toolName === 'listPets' && request.url.includes('limit=13')) {
      return { ...request, url: 'http://127.0.0.2:9/elsewhere' };
    }
    return request;
  },
  onResult: (result, context) =>
    context.toolName === 'find_pet'
      ? { ...result, content: [...result.content, { type: 'text', text: \`status \${String(context.status)}\` }] }
      : result,
});
`;

let upstream: RecordingUpstream;

beforeAll(async () => {
  assertBuilt();
  await gen(genArgs);
  upstream = await startRecordingUpstream(petstoreRoutes());
});

afterAll(async () => {
  await upstream?.close();
  rmSync(temp, { recursive: true, force: true });
});

describe('regeneration', () => {
  it('keeps an edited src/extend.ts without --force', async () => {
    writeFileSync(join(project, 'src/extend.ts'), EXTEND);
    const again = await runCli(['gen', ...genArgs]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('kept your src/extend.ts as it is');
    expect(readFileSync(join(project, 'src/extend.ts'), 'utf8')).toBe(EXTEND);
    const manifest = JSON.parse(readFileSync(join(project, '.openapi-mcp.json'), 'utf8'));
    expect(manifest.userFiles).toEqual(['src/extend.ts']);
  });

  it('refuses to overwrite an edited generated file, naming it; --force overwrites it and still keeps the seam', async () => {
    const mainPath = join(project, 'src/main.ts');
    const generated = readFileSync(mainPath, 'utf8');
    writeFileSync(mainPath, `${generated}\n// my change\n`);
    const refused = await runCli(['gen', ...genArgs]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('you edited');
    expect(refused.stderr).toContain('src/main.ts');
    expect(refused.stderr).toContain('move the change into src/extend.ts');
    expect(refused.stderr).toContain('--force');
    expect(readFileSync(mainPath, 'utf8')).toContain('// my change');

    const forced = await runCli(['gen', ...genArgs, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toContain('--force overwrote edited file(s): src/main.ts');
    expect(readFileSync(mainPath, 'utf8')).toBe(generated);
    expect(readFileSync(join(project, 'src/extend.ts'), 'utf8')).toBe(EXTEND);
  });
});

describe('a built project with an extended seam', () => {
  beforeAll(async () => {
    writeFileSync(join(project, 'src/extend.ts'), EXTEND);
    linkNodeModules(project);
    const build = await runTsc(project);
    expect(build.code, build.output).toBe(0);
  });

  const launch = () =>
    startStdioSession('v2-auto', {
      serveArgs: ['--base-url', `${upstream.url}/v1`, '--timeout', '2'],
      env: { OPENAPI_MCP_API_KEY: KEY },
      entry,
    });

  it('lists the custom tool and the renamed one, not the hidden one, and calls them over MCP', async () => {
    const session = await launch();
    try {
      const names = (await session.listTools()).map((tool) => tool.name);
      expect(names).toContain('pet_names');
      expect(names).toContain('find_pet');
      expect(names).not.toContain('getPet');
      expect(names).not.toContain('getSlow');
      expect(names.at(-1)).toBe('pet_names');

      upstream.reset();
      const custom = await session.callTool('pet_names', { prefix: '- ' });
      expect(custom.isError, JSON.stringify(custom)).toBeFalsy();
      expect(custom.content[0]?.text).toBe('- Rex');
      // The request hook's header reached the upstream (on the generated tool the custom one called).
      expect(upstream.requests.map((r) => [r.url, r.headers['x-signed-by']])).toEqual([
        ['/v1/pets', 'extend.ts:listPets'],
      ]);

      upstream.reset();
      const found = await session.callTool('find_pet', { petId: 7 });
      expect(found.isError, JSON.stringify(found)).toBeFalsy();
      // The result hook's change reached the client.
      expect(found.content.map((block) => block.text)).toEqual(['{"id":7,"name":"Rex"}', 'status 200']);
      expect(upstream.requests[0]?.headers['x-signed-by']).toBe('extend.ts:getPet');
      expect(upstream.requests[0]?.headers['x-api-key']).toBe(KEY);
    } finally {
      await session.close();
    }
  });

  it('refuses a request the hook moved to another origin, naming the rule', async () => {
    const session = await launch();
    try {
      upstream.reset();
      const moved = await session.callTool('listPets', { limit: 13 });
      expect(moved.isError).toBe(true);
      expect(moved.content[0]?.text).toContain("the request hook (onRequest) changed the request's origin");
      expect(upstream.requests).toHaveLength(0);
      expect(session.stderr()).not.toContain(KEY);
    } finally {
      await session.close();
    }
  });

  it('fails start-up (exit 1, no stack) on an unknown tool name in the overrides, naming it', async () => {
    writeFileSync(
      join(project, 'src/extend.ts'),
      EXTEND.replace('getSlow: { hidden: true }', 'getSloww: { hidden: true }'),
    );
    const build = await runTsc(project);
    expect(build.code, build.output).toBe(0);
    const run = spawnSync(process.execPath, entry, { encoding: 'utf8', env: { PATH: '' }, input: '' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('extensions.tools.getSloww: no generated tool has this name');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
