/**
 * A refused `$ref` names the file holding it and the JSON pointer where it sits,
 * so a user can find it in a 2,829-file spec (the corpus: DigitalOcean with too
 * narrow a ref root).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpecLoadError } from '../../../src/errors.js';
import { loadSpec } from '../../../src/loader/load-spec.js';

const MULTI = join(import.meta.dirname, '../../fixtures/spec/multi-file');

describe('refused $ref', () => {
  it('carries the file and the pointer of the $ref', async () => {
    const error = await loadSpec(join(MULTI, 'spec/api.yaml'), { refRoot: join(MULTI, 'spec') }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SpecLoadError);
    const loadError = error as SpecLoadError;
    expect(loadError.message).toMatch(
      /\$ref '\.\.\/common\/Error\.yaml.*' in .*api\.yaml resolves outside the ref root/,
    );
    expect(loadError.file).toMatch(/api\.yaml$/);
    expect(loadError.pointer).toMatch(/^\/(paths|components)\//);
  });
});
