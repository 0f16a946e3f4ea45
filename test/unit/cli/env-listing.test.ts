/**
 * One list of "the environment variables this server reads": `inspect` (text
 * and `--json`), `serve`'s start-up log, a generated server's start-up log, the
 * generated README and `.env.example` all show the same names and descriptions.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiModel } from '../../../src/build-model/build-api-model.js';
import { buildCli } from '../../../src/cli/build-cli.js';
import type { Output } from '../../../src/cli/report.js';
import { renderProject } from '../../../src/generate/generate-project.js';
import { toLineText, toMarkdownText } from '../../../src/generate/template-helpers.js';
import { loadSpec } from '../../../src/loader/load-spec.js';
import type { ApiModel } from '../../../src/model/types.js';
import { listServerEnv, type ServerEnvVar } from '../../../src/runtime/list-server-env.js';
import { runServerCli } from '../../../src/runtime/run-server-cli.js';
import { createFakeProgramIo } from '../../helpers/fake-program-io.js';

const SPEC = fileURLToPath(new URL('../../fixtures/e2e/petstore.yaml', import.meta.url));
const PREFIX = 'OPENAPI_MCP';
const dir = mkdtempSync(join(tmpdir(), 'env-listing-'));
let model: ApiModel;
/** The one list, for a server that may run over HTTP. */
let expected: ServerEnvVar[];

beforeAll(async () => {
  model = buildApiModel((await loadSpec(SPEC, { cwd: process.cwd() })).document).model;
  expected = listServerEnv(model, PREFIX);
  expect(expected.filter((v) => v.scheme !== undefined).length).toBeGreaterThan(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture(): Output & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (text) => stdout.push(text), err: (text) => stderr.push(text) };
}

/** `[name, description]` of each `  NAME  set|unset  description` line, in order. */
function listedIn(lines: readonly string[]): Array<[string, string]> {
  return lines.flatMap((line) => {
    const match = /^ {2}([A-Z][A-Z0-9_]*) +(?:set|unset) +(.+)$/.exec(line);
    return match ? [[match[1] ?? '', match[2] ?? ''] as [string, string]] : [];
  });
}

const pairs = (vars: readonly ServerEnvVar[]): Array<[string, string]> =>
  vars.map((v) => [v.name, v.description]);

describe('the environment variables a server reads', () => {
  it('inspect --json lists them with the same names, kinds and descriptions', async () => {
    const output = capture();
    await buildCli({ env: {}, cwd: process.cwd(), output }).parseAsync(['inspect', SPEC, '--json']);
    const report = JSON.parse(output.stdout.join('\n')) as { env: Array<ServerEnvVar & { set: boolean }> };
    expect(report.env.map(({ set: _, ...v }) => v)).toEqual(expected);
  });

  it('inspect prints them in the same order with the same descriptions', async () => {
    const output = capture();
    await buildCli({ env: {}, cwd: process.cwd(), output }).parseAsync(['inspect', SPEC]);
    expect(listedIn(output.stdout.join('\n').split('\n'))).toEqual(pairs(expected));
  });

  it("serve's start-up log lists them (over HTTP: all of them)", async () => {
    const output = capture();
    const io = createFakeProgramIo();
    await buildCli({ env: {}, cwd: process.cwd(), output, process: io }).parseAsync([
      'serve',
      SPEC,
      '--transport',
      'http',
      '--port',
      '0',
    ]);
    io.signal('SIGTERM');
    await expect.poll(() => io.exitCodes).toEqual([0]);
    expect(output.stderr).toContain('openapi-mcp: environment variables read (values are never printed):');
    expect(listedIn(output.stderr)).toEqual(pairs(expected));
  });

  it("a generated server's start-up log lists them", async () => {
    const modelFile = join(dir, 'api-model.json');
    writeFileSync(modelFile, JSON.stringify(model));
    const io = createFakeProgramIo({ argv: ['--transport', 'http', '--port', '0'] });
    await runServerCli(
      { name: 'petstore', defaults: { envPrefix: PREFIX }, model: pathToFileURL(modelFile) },
      io,
    );
    io.signal('SIGTERM');
    await expect.poll(() => io.exitCodes).toEqual([0]);
    expect(io.stderr).toContain('petstore: environment variables read (values are never printed):');
    expect(listedIn(io.stderr)).toEqual(pairs(expected));
  });

  it('the generated README and .env.example list them', () => {
    const files = renderProject(model, {
      name: 'petstore',
      envPrefix: PREFIX,
      defaults: { timeoutSeconds: 30, maxResponseBytes: 1024, tools: 'auto', detail: 'compact' },
    });
    const readmeRows = (files.get('README.md') ?? '').split('\n').flatMap((line) => {
      const row = /^\| `([A-Z][A-Z0-9_]*)` \| (.+) \|$/.exec(line);
      return row ? [[row[1], row[2]]] : [];
    });
    expect(readmeRows).toEqual(expected.map((v) => [v.name, toMarkdownText(v.description)]));
    const example = (files.get('.env.example') ?? '').split('\n');
    const listed = example.flatMap((line, i) =>
      /^[A-Z][A-Z0-9_]*=$/.test(line) ? [[line.slice(0, -1), (example[i - 1] ?? '').replace(/^# /, '')]] : [],
    );
    expect(listed).toEqual(expected.map((v) => [v.name, toLineText(v.description)]));
  });
});
