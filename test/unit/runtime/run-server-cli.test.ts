/** The standalone server's command line (every generated entry calls it), with a recording process. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runServerCli } from '../../../src/runtime/run-server-cli.js';
import { SERVER_FLAGS } from '../../../src/runtime/server-flags.js';
import { createFakeProgramIo } from '../../helpers/fake-program-io.js';
import { apiModel, operation } from '../../helpers/model-factory.js';

const dir = mkdtempSync(join(tmpdir(), 'run-server-cli-'));
const modelFile = join(dir, 'api-model.json');
writeFileSync(modelFile, JSON.stringify(apiModel([operation({ toolName: 'ping' })])));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = {
  name: 'pets',
  defaults: {
    envPrefix: 'PETS',
    timeoutSeconds: 5,
    maxResponseBytes: 2048,
    baseUrl: 'https://api.example.com/v1',
  },
  model: pathToFileURL(modelFile),
};

describe('runServerCli', () => {
  it('--help prints the usage with the baked defaults on stdout and nothing else', async () => {
    const io = createFakeProgramIo({ argv: ['--help'] });
    expect(await runServerCli(cli, io)).toBeUndefined();
    const usage = io.stdout.join('');
    expect(usage).toMatch(/^Usage: pets \[options\]/);
    expect(usage).toContain('(default: $PETS_BASE_URL, https://api.example.com/v1)');
    expect(usage).toContain('upstream deadline per call in seconds (default: 5)');
    expect(usage).toContain('(default: 2048)');
    for (const flag of SERVER_FLAGS) expect(usage).toContain(`  --${flag.name} ${flag.value} `);
    expect(io.stderr).toEqual([]);
    expect(io.exitCodes).toEqual([0]);
    expect(io.listeners()).toBe(0);
  });

  it.each([
    [['--bogus'], "pets: OMCP_USAGE: Unknown option '--bogus'", 2],
    [['extra'], 'pets: OMCP_USAGE: ', 2],
    [
      ['--port', 'abc'],
      'pets: OMCP_OPTIONS_INVALID: --port must be an integer from 0 to 65535, got "abc"',
      2,
    ],
    [
      ['--transport', 'sse'],
      'pets: OMCP_OPTIONS_INVALID: --transport must be "stdio" or "http", got "sse"',
      2,
    ],
  ])('%j → one line with the code, exit 2', async (argv, first, code) => {
    const io = createFakeProgramIo({ argv });
    expect(await runServerCli(cli, io)).toBeUndefined();
    expect(io.stderr[0]?.startsWith(first), io.stderr[0]).toBe(true);
    expect(io.exitCodes).toEqual([code]);
    expect(io.stdout).toEqual([]);
  });

  it('points a usage error at --help', async () => {
    const io = createFakeProgramIo({ argv: ['--bogus'] });
    await runServerCli(cli, io);
    expect(io.stderr.at(-1)).toBe("Run 'pets --help' for usage.");
  });

  it('names the environment variable that holds a bad value', async () => {
    const io = createFakeProgramIo({ argv: [], env: { PETS_BASE_URL: 'not a url' } });
    await runServerCli(cli, io);
    expect(io.stderr).toEqual([
      'pets: OMCP_OPTIONS_INVALID: PETS_BASE_URL must be an absolute http(s) URL, got "not a url"',
    ]);
    expect(io.exitCodes).toEqual([2]);
  });

  it('serves the model file with the flags over the defaults, and closes on SIGINT', async () => {
    const io = createFakeProgramIo({
      argv: ['--transport', 'http', '--port', '0', '--env-prefix', 'PETSTORE'],
    });
    const running = await runServerCli(cli, io);
    expect(running?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    expect(io.stderr).toContain(`pets listening on ${running?.url}`);
    expect(io.stderr).toContain('pets: serving 1 tool from "Test API" 1.0.0 over http');
    expect(io.stderr.join('\n')).toContain('PETSTORE_BASE_URL');
    io.signal('SIGINT');
    await expect.poll(() => io.exitCodes).toEqual([0]);
    expect(io.exits).toEqual([]);
  });
});
