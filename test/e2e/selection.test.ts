/**
 * Selection and overlays end to end through the built binary: `inspect` text
 * and JSON, `serve` listed by real SDK clients over stdio, and a generated
 * project built and listed the same way.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gen, linkNodeModules, makeTempDir, runTsc } from '../helpers/generated-project.js';
import { assertBuilt, REPO_ROOT, runCli, startStdioSession } from '../helpers/mcp-session.js';

const SPEC = join(REPO_ROOT, 'specs/petstore.yaml');
const OVERLAY = join(REPO_ROOT, 'test/fixtures/overlay/rename-and-exclude.yaml');
const ALL = ['listPets', 'createPet', 'getPet', 'deletePet', 'placeOrder', 'getInventory'];
const temp = makeTempDir('selection');

beforeAll(() => assertBuilt());
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('inspect with a selection', () => {
  it('lists only the selected tools and counts the rest in the summary', async () => {
    const result = await runCli(['inspect', SPEC, '--tag', 'pets', '--exclude-operation', 'delete*']);
    expect(result.code, result.stderr).toBe(0);
    const headings = result.stdout.split('\n').filter((line) => /^\w+ {2}[A-Z]+ \//.test(line));
    expect(headings.map((line) => line.split(' ')[0])).toEqual(['listPets', 'createPet', 'getPet']);
    expect(result.stdout).toContain('OMCP_OPERATIONS_DESELECTED ×1 (info)');
    expect(result.stdout).toMatch(
      /Summary: .*: 3 tools from 6 operations \(0 skipped, 3 left out by selection\);/,
    );
  });

  it('--json gives the same tools, the count, and a warning for a value that matches nothing', async () => {
    const result = await runCli([
      'inspect',
      SPEC,
      '--json',
      '--method',
      'GET',
      '--tag',
      'store',
      '--exclude-tag',
      'nope',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as {
      tools: Array<{ name: string }>;
      deselected: number;
      diagnostics: Array<{ code: string; message: string }>;
    };
    expect(report.tools.map((t) => t.name)).toEqual(['getInventory']);
    expect(report.deselected).toBe(5);
    expect(
      report.diagnostics.filter((d) => d.code === 'OMCP_SELECTION_UNMATCHED').map((d) => d.message),
    ).toEqual([`--exclude-tag "nope" matches none of the spec's 6 operation(s).`]);
  });

  it('a selection that leaves no tool exits 2 naming the flag', async () => {
    const result = await runCli(['inspect', SPEC, '--tag', 'pet']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(
      /^openapi-mcp: OMCP_OPTIONS_INVALID: The selection \(--tag pet\) leaves no tool/,
    );
    expect(result.stderr).toContain('--tag pet matches nothing');
  });

  it('a bad method exits 2 before the spec is read', async () => {
    const result = await runCli(['inspect', join(temp, 'missing.yaml'), '--method', 'fetch']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--method must be an HTTP method');
  });

  it('an invalid overlay exits 1 with its code, file and pointer', async () => {
    const bad = join(REPO_ROOT, 'test/fixtures/overlay/not-an-overlay.yaml');
    const result = await runCli(['inspect', SPEC, '--overlay', bad]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`OMCP_OVERLAY_INVALID: Overlay ${bad} at /actions/1/target:`);
  });
});

describe('serve with a selection, listed by SDK clients over stdio', () => {
  it.each(['v2-auto', 'sdk-1.32'] as const)(
    '--read-only gives the read-only tools under their usual names (%s)',
    async (kind) => {
      const session = await startStdioSession(kind, { serveArgs: [SPEC, '--read-only'] });
      try {
        const tools = await session.listTools();
        expect(tools.map((t) => t.name)).toEqual(['listPets', 'getPet', 'getInventory']);
        for (const tool of tools) expect(tool.annotations).toMatchObject({ readOnlyHint: true });
      } finally {
        await session.close();
      }
    },
  );

  it('an overlay renames one tool and excludes another', async () => {
    const session = await startStdioSession('v2-auto', { serveArgs: [SPEC, '--overlay', OVERLAY] });
    try {
      const tools = await session.listTools();
      expect(tools.map((t) => t.name)).toEqual([
        'find_pets',
        'createPet',
        'getPet',
        'placeOrder',
        'getInventory',
      ]);
      expect(tools[0]?.description).toContain('Find pets in the store.');
      expect(session.stderr()).toContain('OMCP_OVERLAY_TARGET_UNMATCHED');
    } finally {
      await session.close();
    }
  });
});

describe('gen with a selection and an overlay', () => {
  it('bakes them in: the project lists and serves only those tools', async () => {
    const project = join(temp, 'picked');
    const stderr = await gen([
      SPEC,
      '--name',
      'picked',
      '--out',
      project,
      '--exclude-tag',
      'store',
      '--overlay',
      OVERLAY,
    ]);
    expect(stderr).toContain('(3 tools, env prefix PICKED)');
    const readme = readFileSync(join(project, 'README.md'), 'utf8');
    const listed = ALL.concat('find_pets').filter((name) => readme.includes(`| \`${name}\` |`));
    expect(listed).toEqual(['createPet', 'getPet', 'find_pets']);
    linkNodeModules(project);
    const build = await runTsc(project);
    expect(build.code, build.output).toBe(0);
    const session = await startStdioSession('v2-auto', {
      serveArgs: [],
      entry: ['--disable-proto=delete', join(project, 'dist/main.js')],
    });
    try {
      expect((await session.listTools()).map((t) => t.name)).toEqual(['find_pets', 'createPet', 'getPet']);
    } finally {
      await session.close();
    }
  }, 120_000);
});
