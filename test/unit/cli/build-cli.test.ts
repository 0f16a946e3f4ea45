import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildCli } from '../../../src/cli/build-cli.js';
import { formatDiagnosticsSummary, type Output, reportError } from '../../../src/cli/report.js';
import { createDiagnostic, DiagnosticCode, diagnosticEntry } from '../../../src/diagnostics.js';
import { ErrorCode, OpenapiMcpError, OptionsError, SpecLoadError, UsageError } from '../../../src/errors.js';

const SPEC = fileURLToPath(new URL('../../fixtures/e2e/petstore.yaml', import.meta.url));

function capture(): Output & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (text) => stdout.push(text), err: (text) => stderr.push(text) };
}

/** Runs the CLI in-process and returns the exit code main.ts would set. */
async function run(args: string[], env: Record<string, string> = {}) {
  const output = capture();
  let code = 0;
  try {
    await buildCli({ env, cwd: process.cwd(), output }).parseAsync(args);
  } catch (error) {
    code = reportError(error, output);
  }
  return { code, stdout: output.stdout.join('\n'), stderr: output.stderr.join('\n') };
}

describe('buildCli usage errors → exit 2 naming the flag', () => {
  it.each([
    [['serve', SPEC, '--bogus-flag'], 'unknown option --bogus-flag'],
    [['serve', SPEC, '--bogus-flag', '--other'], '--other'],
    [['inspect', SPEC, '--nope'], '--nope'],
    [['serve', SPEC, '--timeout', 'abc'], '--timeout must be a positive number of seconds, got "abc"'],
    [['serve', SPEC, '--timeout', '0'], '--timeout'],
    [['serve', SPEC, '--timeout', ''], '--timeout'],
    [['serve', SPEC, '--port', '99999'], '--port'],
    [['serve', SPEC, '--port', '3.5'], '--port'],
    [['serve', SPEC, '--transport', 'carrier-pigeon'], '--transport must be "stdio" or "http"'],
    [['serve', SPEC, '--env-prefix', 'lower'], '--env-prefix must match ^[A-Z][A-Z0-9_]*$'],
    [['inspect', SPEC, '--env-prefix', '1ABC'], '--env-prefix'],
    [['serve', SPEC, '--base-url', 'ftp://example.com'], '--base-url must be an absolute http(s) URL'],
    [['serve', SPEC, '--base-url', '/relative'], '--base-url'],
    [['serve', SPEC, '--max-response-bytes', '1.5'], '--max-response-bytes'],
    [['serve'], 'spec'],
    [[], 'Name a command'],
    [['frobnicate'], 'frobnicate'],
  ])('%j', async (args, message) => {
    const result = await run(args);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toMatch(/^openapi-mcp: OMCP_(USAGE|OPTIONS_INVALID): /);
    expect(result.stdout).toBe('');
  });

  it.each([
    [['serve', SPEC, '--bogus-flag'], 'openapi-mcp: OMCP_USAGE: unknown option --bogus-flag'],
    [['serve'], 'openapi-mcp: OMCP_USAGE: missing argument <spec>'],
    [
      ['serve', SPEC, '--port', 'abc'],
      'openapi-mcp: OMCP_OPTIONS_INVALID: --port must be an integer from 0 to 65535, got "abc"',
    ],
  ])('%j prints its code first', async (args, first) => {
    const result = await run(args);
    expect(result.stderr.split('\n')[0]).toContain(first);
  });

  it('names the environment variable when the env holds the bad value', async () => {
    const result = await run(['serve', SPEC], { OPENAPI_MCP_BASE_URL: 'not a url' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('OPENAPI_MCP_BASE_URL must be an absolute http(s) URL');
  });

  it('never echoes a rejected http token', async () => {
    const result = await run(['serve', SPEC, '--transport', 'http', '--http-token', 'bad token secret']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--http-token');
    expect(result.stderr).not.toContain('secret');
  });
});

describe('inspect (in-process)', () => {
  it('prints tools, arguments with location and required-ness, credentials, variables, diagnostics', async () => {
    const result = await run(['inspect', SPEC]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('listPets  GET /pets');
    expect(result.stdout).toMatch(/limit\s+query\s+optional\s+integer/);
    expect(result.stdout).toMatch(/X-Request-Id\s+header\s+optional\s+string/);
    expect(result.stdout).toMatch(/petId\s+path\s+required\s+integer/);
    expect(result.stdout).toMatch(/name\s+body\s+required\s+string/);
    expect(result.stdout).toContain('credentials: api_key (OPENAPI_MCP_API_KEY)');
    expect(result.stdout).toContain('credentials: none');
    expect(result.stdout).toMatch(/OPENAPI_MCP_API_KEY\s+unset/);
    expect(result.stdout).toContain('Diagnostics: none');
  });

  it('marks set variables without printing their values', async () => {
    const result = await run(['inspect', SPEC], { OPENAPI_MCP_API_KEY: 'sk-test-CANARY123' });
    expect(result.stdout).toMatch(/OPENAPI_MCP_API_KEY\s+set/);
    expect(result.stdout).not.toContain('CANARY123');
  });

  it('--json tools carry exactly the tool definition fields plus method, path, credentials', async () => {
    const result = await run(['inspect', SPEC, '--json']);
    const report = JSON.parse(result.stdout) as { tools: Array<Record<string, unknown>> };
    const keys = new Set(report.tools.flatMap((tool) => Object.keys(tool)));
    for (const key of keys) {
      expect([
        'name',
        'title',
        'description',
        'inputSchema',
        'outputSchema',
        'annotations',
        'method',
        'path',
        'credentials',
      ]).toContain(key);
    }
  });
});

describe('reportError', () => {
  it.each([
    [new UsageError('unknown option --x'), 2, 'openapi-mcp: OMCP_USAGE: unknown option --x'],
    [
      new OptionsError('--port', '--port must be ...'),
      2,
      'openapi-mcp: OMCP_OPTIONS_INVALID: --port must be ...',
    ],
    [
      new OpenapiMcpError(ErrorCode.SERVER_START, 'cannot listen'),
      1,
      'openapi-mcp: OMCP_SERVER_START: cannot listen',
    ],
    [
      new SpecLoadError(ErrorCode.SPEC_READ, 'cannot read x.yaml'),
      1,
      'openapi-mcp: OMCP_SPEC_READ: cannot read x.yaml',
    ],
  ])('%s → exit %i', (error, code, first) => {
    const output = capture();
    expect(reportError(error, output)).toBe(code);
    expect(output.stderr[0]).toBe(first);
  });

  it('tells a usage error where the usage is', () => {
    const output = capture();
    reportError(new UsageError('unknown option --x'), output);
    expect(output.stderr).toEqual([
      'openapi-mcp: OMCP_USAGE: unknown option --x',
      "Run 'openapi-mcp --help' for usage.",
    ]);
  });

  it('adds the file and pointer of a SpecLoadError when the message lacks them, on one line', () => {
    const output = capture();
    const error = new SpecLoadError(ErrorCode.SPEC_REF, 'cannot resolve $ref\n"./x.yaml"', {
      file: '/tmp/spec.yaml',
      pointer: '/paths/~1a',
    });
    expect(reportError(error, output)).toBe(1);
    expect(output.stderr).toEqual([
      'openapi-mcp: OMCP_SPEC_REF: cannot resolve $ref "./x.yaml" (/tmp/spec.yaml at /paths/~1a)',
    ]);
  });

  it('prints the stack of an unknown error: it is a bug', () => {
    const output = capture();
    expect(reportError(new TypeError('boom'), output)).toBe(1);
    expect(output.stderr.join('\n')).toContain('this is a bug');
    expect(output.stderr.join('\n')).toContain('TypeError: boom');
  });
});

describe('formatDiagnosticsSummary', () => {
  const many = Array.from({ length: 7 }, (_, i) =>
    createDiagnostic(i < 5 ? DiagnosticCode.OPERATION_SKIPPED : DiagnosticCode.TOOL_RENAMED, `problem ${i}`, {
      pointer: `/paths/${i}`,
    }),
  );

  it('is empty without diagnostics', () => {
    expect(formatDiagnosticsSummary([], false)).toEqual([]);
  });

  it('groups by kind: count, meaning, every skipped operation, one example of the rest', () => {
    const lines = formatDiagnosticsSummary(many, false);
    const skipped = diagnosticEntry(DiagnosticCode.OPERATION_SKIPPED);
    const renamed = diagnosticEntry(DiagnosticCode.TOOL_RENAMED);
    expect(lines).toEqual([
      'openapi-mcp: 7 spec diagnostics (5 warnings, 2 info)',
      `  OMCP_OPERATION_SKIPPED ×5 (warning): ${skipped.summary}`,
      ...[0, 1, 2, 3, 4].map((i) => `    /paths/${i}: problem ${i}`),
      `    (${skipped.help})`,
      `  OMCP_TOOL_RENAMED ×2 (info): ${renamed.summary}`,
      `    e.g. /paths/5: problem 5 (${renamed.help})`,
      '  pass --verbose to see every diagnostic',
    ]);
  });

  it('puts warnings before info and the most frequent first, with the help of the example', () => {
    const lines = formatDiagnosticsSummary(
      [
        createDiagnostic(DiagnosticCode.ARGUMENT_RENAMED, 'renamed', { severity: 'info' }),
        createDiagnostic(DiagnosticCode.NO_SERVER, 'no server', {
          pointer: '/servers',
          severity: 'warning',
          help: 'Pass --base-url.',
        }),
        createDiagnostic(DiagnosticCode.SCHEMA_KEYWORD_DROPPED, 'a'),
        createDiagnostic(DiagnosticCode.SCHEMA_KEYWORD_DROPPED, 'b'),
      ],
      false,
    );
    expect(
      lines
        .slice(1)
        .filter((l) => l.startsWith('  OMCP'))
        .map((l) => l.split(' ')[2]),
    ).toEqual(['OMCP_SCHEMA_KEYWORD_DROPPED', 'OMCP_NO_SERVER', 'OMCP_ARGUMENT_RENAMED']);
    expect(lines).toContain('    /servers: no server (Pass --base-url.)');
  });

  it('shows all with verbose', () => {
    expect(formatDiagnosticsSummary(many, true)).toHaveLength(1 + 7);
    expect(formatDiagnosticsSummary(many, true)[1]).toBe(
      `  warning OMCP_OPERATION_SKIPPED at /paths/0: problem 0 (${diagnosticEntry(DiagnosticCode.OPERATION_SKIPPED).help})`,
    );
  });
});
