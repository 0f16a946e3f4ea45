import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate, OptionsError } from '../../../src/index.js';

const REPO = join(import.meta.dirname, '../../..');
const temp = mkdtempSync(join(tmpdir(), 'omcp-generate-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('generate() as a library function', () => {
  it('writes the project and returns what it wrote, with the model and diagnostics', async () => {
    const out = join(temp, 'lib');
    const result = await generate('specs/library.swagger.json', { cwd: REPO, out, name: 'library' });
    expect(result).toMatchObject({ outDir: out, name: 'library', envPrefix: 'LIBRARY', removed: [] });
    expect(result.written).toContain('api-model.json');
    for (const file of result.written) expect(existsSync(join(out, file))).toBe(true);
    const model = JSON.parse(readFileSync(join(out, 'api-model.json'), 'utf8')) as { operations: unknown[] };
    expect(model.operations).toHaveLength(result.model.operations.length);
    expect(result.diagnostics).toEqual(expect.any(Array));
  });

  it('gives the same bytes as the checked-in example', async () => {
    const out = join(temp, 'petstore');
    const result = await generate('specs/petstore.yaml', { cwd: REPO, out, name: 'petstore' });
    for (const file of result.written) {
      expect(readFileSync(join(out, file), 'utf8'), file).toBe(
        readFileSync(join(REPO, 'generated/petstore', file), 'utf8'),
      );
    }
  });

  it('refuses a bad flag before the spec is read', async () => {
    await expect(generate('does-not-exist.yaml', { cwd: REPO, name: 'Bad Name' })).rejects.toBeInstanceOf(
      OptionsError,
    );
  });
});
