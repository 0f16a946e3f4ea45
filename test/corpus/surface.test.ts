/**
 * The tool surface of every corpus spec, kept as reviewable files in
 * test/corpus/surface/ (one line per tool: name, method, path, arguments with
 * location and required-ness, hints; see format-surface.ts). The model is built
 * the way `serve` builds it (loadModel). A change in how any API's tools look
 * fails here until the files are updated; then review their diff like code:
 *
 *   npx vitest run test/corpus/surface.test.ts -u
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../src/commands/load-model.js';
import { CORPUS, CORPUS_SPECS, HAS_CORPUS } from './corpus-specs.js';
import { formatSurface } from './format-surface.js';

const SURFACE_DIR = join(import.meta.dirname, 'surface');

/** `oai/v3.0/petstore.yaml` → `oai-v3.0-petstore.txt`. */
function snapshotName(spec: string): string {
  return `${spec.replace(/\.(ya?ml|json)$/, '').replace(/[^A-Za-z0-9.]+/g, '-')}.txt`;
}

describe.skipIf(!HAS_CORPUS)('corpus: tool surface snapshots', () => {
  it('keeps one file per corpus spec and no stale ones', () => {
    const expected = CORPUS_SPECS.map((spec) => snapshotName(spec.name)).sort();
    expect(new Set(expected).size).toBe(expected.length);
    expect(readdirSync(SURFACE_DIR).sort()).toEqual(expected);
  });

  it.each(CORPUS_SPECS.map((spec) => [spec.name, spec] as const))('%s', async (name, spec) => {
    const { model } = await loadModel(spec.file, { refRoot: spec.refRoot, cwd: CORPUS });
    await expect(formatSurface(name, model, spec.expected.operations)).toMatchFileSnapshot(
      join(SURFACE_DIR, snapshotName(name)),
    );
  });
});
