import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/catalogue.js';
import { DIAGNOSTIC_CATALOGUE, DiagnosticCode } from '../../src/diagnostics.js';
import { ERROR_CATALOGUE, ErrorCode } from '../../src/errors.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const documented = new Set([...readme.matchAll(/`(OMCP_[A-Z_]+)`/g)].map((m) => m[1] ?? ''));

/** The README's "Errors that stop a command" table as the catalogue gives it. */
function renderErrorTable(): string {
  return [
    '| code | meaning | what to do |',
    '| --- | --- | --- |',
    ...ERROR_CATALOGUE.map((entry) => `| \`${entry.code}\` | ${entry.summary} | ${entry.help} |`),
  ].join('\n');
}

describe('the error and diagnostic catalogue', () => {
  const codes = [...Object.values(ErrorCode), ...Object.values(DiagnosticCode)];

  it.each(codes)('%s is documented in the README', (code) => {
    expect(documented).toContain(code);
  });

  it('is one catalogue: every code once, with a summary and a help', () => {
    expect(CATALOGUE.map((entry) => entry.code).sort()).toEqual([...codes].sort());
    expect(new Set(CATALOGUE.map((entry) => entry.code)).size).toBe(CATALOGUE.length);
  });

  it('documents no code the program does not have', () => {
    expect([...documented].filter((code) => !(codes as string[]).includes(code))).toEqual([]);
  });

  it('has one entry per thrown error code, each with a summary and a help', () => {
    expect(ERROR_CATALOGUE.map((entry) => entry.code).sort()).toEqual(Object.values(ErrorCode).sort());
    for (const entry of ERROR_CATALOGUE) {
      expect(entry.summary, entry.code).not.toBe('');
      expect(entry.help, entry.code).not.toBe('');
    }
  });

  it('is the README table of errors that stop a command, verbatim', () => {
    expect(readme).toContain(`Errors that stop a command`);
    expect(readme).toContain(renderErrorTable());
  });
});

describe('the README diagnostics table', () => {
  const cell = (text: string) => text.replace(/\|/g, '\\|');

  it('is the diagnostic catalogue, row for row', () => {
    const table = [
      '| code | severity | meaning | what to do |',
      '| --- | --- | --- | --- |',
      ...DIAGNOSTIC_CATALOGUE.map(
        (entry) => `| \`${entry.code}\` | ${entry.severity} | ${cell(entry.summary)} | ${cell(entry.help)} |`,
      ),
    ].join('\n');
    expect(readme).toContain(`\n\n${table}\n\n`);
  });

  it('has one entry per diagnostic code, each with a summary and a help', () => {
    expect(DIAGNOSTIC_CATALOGUE.map((entry) => entry.code)).toEqual(Object.values(DiagnosticCode));
    for (const entry of DIAGNOSTIC_CATALOGUE) {
      expect(entry.summary.trim(), entry.code).not.toBe('');
      expect(entry.help.trim(), entry.code).not.toBe('');
    }
  });
});
