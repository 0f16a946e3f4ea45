import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../../src/commands/load-model.js';
import { ErrorCode } from '../../../src/errors.js';
import { writeLargeSpec } from '../../helpers/sized-spec.js';

const dir = mkdtempSync(join(tmpdir(), 'openapi-mcp-load-model-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadModel: start-up steps and the size limit', () => {
  it('reports each step with its time, in order', async () => {
    const steps: Array<[string, number]> = [];
    const { model } = await loadModel(writeLargeSpec(dir, 40), { cwd: dir }, (step, ms) =>
      steps.push([step, ms]),
    );
    expect(model.operations).toHaveLength(40);
    expect(steps.map(([step]) => step)).toEqual(['read', 'parse', 'bundle', 'validate', 'build']);
    for (const [, ms] of steps) expect(ms).toBeGreaterThanOrEqual(0);
  });

  it('names the convert step for Swagger 2.0 and skips validate when asked', async () => {
    const steps: string[] = [];
    await loadModel(join(process.cwd(), 'specs/library.swagger.json'), { validate: false }, (step) =>
      steps.push(step),
    );
    expect(steps).toEqual(['read', 'parse', 'bundle', 'convert', 'build']);
  });

  it('passes --max-spec-size to the loader, and its error names the flag', async () => {
    const spec = writeLargeSpec(dir, 8);
    await expect(loadModel(spec, { cwd: dir, maxSpecBytes: '1kB' })).rejects.toMatchObject({
      code: ErrorCode.SPEC_READ,
      message: expect.stringMatching(/size limit of 1000 bytes.*--max-spec-size/),
    });
    await expect(loadModel(spec, { cwd: dir, maxSpecBytes: '1MB' })).resolves.toBeDefined();
  });
});
