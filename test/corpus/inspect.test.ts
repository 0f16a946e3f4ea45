/**
 * `openapi-mcp inspect` on every corpus spec ends with diagnostics a user can
 * act on: grouped by kind with counts and one example each, every skipped
 * operation with its reason, and a one-line summary, short whatever the spec's size.
 */
import { describe, expect, it } from 'vitest';
import { buildCli } from '../../src/cli/build-cli.js';
import { type Output, reportError } from '../../src/cli/report.js';
import { CORPUS, CORPUS_SPECS, HAS_CORPUS } from './corpus-specs.js';

async function inspect(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const output: Output = { out: (text) => stdout.push(text), err: (text) => stderr.push(text) };
  let code = 0;
  try {
    await buildCli({ env: {}, cwd: CORPUS, output }).parseAsync(['inspect', ...args]);
  } catch (error) {
    code = reportError(error, output);
  }
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

describe.skipIf(!HAS_CORPUS)('corpus: inspect summaries', () => {
  it.each(CORPUS_SPECS.map((spec) => [spec.name, spec] as const))('%s', async (_name, spec) => {
    const result = await inspect([spec.file, '--ref-root', spec.refRoot]);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    const summary = lines.at(-1) ?? '';
    const tools = spec.expected.operations;
    expect(summary).toMatch(
      new RegExp(`^Summary: .+: \\d+ tools? from ${tools} operations? \\(\\d+ skipped`),
    );
    if (spec.expected.webhookOperations > 0) expect(summary).toContain('webhooks not tools');
    const start = lines.findIndex((line) => line.startsWith('Diagnostics'));
    const diagnostics = lines.slice(start, -1);
    // Short: a heading and an example per kind, whatever the count (Kubernetes has ~1,800).
    expect(diagnostics.length).toBeLessThan(40);
    for (const heading of diagnostics.filter((line) => /^ {2}OMCP_/.test(line))) {
      expect(heading).toMatch(/^ {2}OMCP_[A-Z_]+ ×\d+ \((warning|info)\): \S/);
    }
  });
});
