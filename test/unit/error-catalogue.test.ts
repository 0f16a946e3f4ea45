import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DiagnosticCode } from '../../src/diagnostics.js';
import { ErrorCode } from '../../src/errors.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const documented = new Set([...readme.matchAll(/`(OMCP_[A-Z_]+)`/g)].map((m) => m[1] ?? ''));

describe('the error and diagnostic catalogue', () => {
  const codes = [...Object.values(ErrorCode), ...Object.values(DiagnosticCode)];

  it.each(codes)('%s is documented in the README', (code) => {
    expect(documented).toContain(code);
  });

  it('documents no code the program does not have', () => {
    expect([...documented].filter((code) => !(codes as string[]).includes(code))).toEqual([]);
  });
});
