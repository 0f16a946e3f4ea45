/**
 * `generated/` is golden: regenerating every example (the `gen:examples`
 * script, read from package.json so the two cannot drift) into a temp folder
 * must give the same bytes, and every checked-in project must type-check.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyProject, gen, makeTempDir, readTree, runTsc } from '../helpers/generated-project.js';
import { assertBuilt, REPO_ROOT } from '../helpers/mcp-session.js';

interface Example {
  spec: string;
  name: string;
}

/** The examples `npm run gen:examples` writes: `gen <spec> --name <name> --out generated/<name>`. */
function readExamples(): Example[] {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const script = pkg.scripts['gen:examples'] ?? '';
  return [...script.matchAll(/ gen (\S+) --name (\S+) --out generated\/(\S+)/g)].map((match) => {
    expect(match[3], 'gen:examples writes generated/<name>').toBe(match[2]);
    return { spec: match[1]!, name: match[2]! };
  });
}

const examples = readExamples();
const temp = makeTempDir('golden');
const cleanups: string[] = [temp];

beforeAll(() => {
  assertBuilt();
});

afterAll(() => {
  for (const dir of cleanups) rmSync(dir, { recursive: true, force: true });
});

it('covers every folder in generated/ and every spec in specs/', () => {
  expect(examples.map((e) => e.name).sort()).toEqual(readdirSync(join(REPO_ROOT, 'generated')).sort());
  const specs = readdirSync(join(REPO_ROOT, 'specs')).filter((f) => /\.(ya?ml|json)$/.test(f));
  expect(examples.map((e) => e.spec.replace(/^specs\//, '')).sort()).toEqual(specs.sort());
});

describe.each(examples)('generated/$name', ({ spec, name }) => {
  it('is byte-identical to a fresh `gen` of its spec', async () => {
    const out = join(temp, name);
    await gen([spec, '--name', name, '--out', out]);
    const fresh = readTree(out);
    const golden = readTree(join(REPO_ROOT, 'generated', name));
    expect([...golden.keys()], 'files (run `npm run gen:examples`)').toEqual([...fresh.keys()]);
    for (const [file, bytes] of fresh) {
      expect(golden.get(file)?.equals(bytes), `${file} differs: run \`npm run gen:examples\``).toBe(true);
    }
  });

  it('type-checks (tsc --noEmit against this repo’s node_modules)', async () => {
    const dir = copyProject(join(REPO_ROOT, 'generated', name), `golden-tsc-${name}`);
    cleanups.push(join(dir, '..'));
    const result = await runTsc(dir, ['--noEmit']);
    expect(result.code, result.output).toBe(0);
  }, 120_000);
});
