/**
 * SECURITY.md plan B.15: any unicode in every text a generator writes into
 * its files (the API's title and description, every summary and description,
 * random operationIds, parameter and property names) gives a project that
 * type-checks, or a clear `OMCP_` error; and the model the project serves is
 * the one `serve` builds from the same spec, string for string.
 *
 * Each run generates a project and type-checks it with tsc, so the runs are few;
 * fast-check prints the seed and the shrunk spec on failure.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { OpenAPIV3 } from 'openapi-types';
import { afterAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../src/commands/load-model.js';
import { linkNodeModules, makeTempDir, runTsc } from '../helpers/generated-project.js';
import { assertBuilt, runCli } from '../helpers/mcp-session.js';
import { specArb } from './random-spec-arbitrary.js';

const temp = makeTempDir('b15');
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Any unicode, lone surrogates and control characters included. */
const anyText = fc.string({ unit: 'binary', maxLength: 60 });

/** A random spec whose every text is random too. */
const textedSpecArb = fc
  .record({
    spec: specArb,
    title: fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
    description: anyText,
    texts: fc.array(fc.tuple(anyText, anyText), { minLength: 5, maxLength: 5 }),
  })
  .map(({ spec, title, description, texts }) => {
    let n = 0;
    for (const item of Object.values(spec.paths ?? {})) {
      for (const operation of Object.values(item ?? {}) as OpenAPIV3.OperationObject[]) {
        const [summary, text] = texts[n++ % texts.length] ?? ['', ''];
        operation.summary = summary;
        operation.description = text;
      }
    }
    return { ...spec, info: { ...spec.info, title, description } } as OpenAPIV3.Document;
  });

let run = 0;
let built = 0;

describe('B15 property: random texts and names through every generator sink', () => {
  it('gen gives a project that type-checks and serves the model serve builds, or a clear error', async () => {
    assertBuilt();
    await fc.assert(
      fc.asyncProperty(textedSpecArb, async (spec) => {
        const dir = join(temp, `run-${++run}`);
        const file = join(temp, `spec-${run}.json`);
        writeFileSync(file, JSON.stringify(spec));
        const result = await runCli(['gen', file, '--out', dir], { cwd: temp, timeoutMs: 120_000 });
        if (result.code !== 0) {
          // A refusal names its reason by code, and writes no half project.
          expect(result.stderr).toMatch(/OMCP_[A-Z_]+/);
          return;
        }
        const served = await loadModel(file, { cwd: temp });
        const vendored = JSON.parse(readFileSync(join(dir, 'api-model.json'), 'utf8'));
        expect(vendored).toEqual(JSON.parse(JSON.stringify(served.model)));
        linkNodeModules(dir);
        const build = await runTsc(dir, ['--noEmit']);
        expect(build.code, build.output).toBe(0);
        built += 1;
      }),
      { numRuns: 3 },
    );
    // The property type-checked projects, not only refusals.
    expect(built).toBeGreaterThanOrEqual(1);
  }, 600_000);
});
