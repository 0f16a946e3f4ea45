/**
 * The model cache of `serve`: same inputs hit and give what a fresh build
 * gives; anything that decides the model (a $ref'd file, an overlay, a symlink,
 * a selection flag, the version) misses; a broken entry is rebuilt, never an
 * error; the folder stays bounded and private.
 */
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { cachedLoadModel, type ModelCacheOptions } from '../../../src/commands/cached-load-model.js';
import { loadModel } from '../../../src/commands/load-model.js';
import type { SpecUserOptions } from '../../../src/options/spec-options.js';
import { makeTempDir } from '../../helpers/generated-project.js';

const temp = makeTempDir('model-cache');
afterAll(() => rmSync(temp, { recursive: true, force: true }));

let dir: string;
let cacheDir: string;
let n = 0;

/** A spec whose one response schema lives in a $ref'd file, and an overlay renaming its operation. */
function writeFixture(): void {
  dir = join(temp, `case-${++n}`);
  cacheDir = join(dir, 'cache');
  mkdirSync(join(dir, 'v1'), { recursive: true });
  mkdirSync(join(dir, 'v2'), { recursive: true });
  writeFileSync(
    join(dir, 'api.yaml'),
    [
      'openapi: 3.0.3',
      'info: { title: Cached, version: 1.0.0 }',
      'paths:',
      '  /things:',
      '    get:',
      '      operationId: listThings',
      '      tags: [things]',
      '      responses:',
      "        '200':",
      '          description: ok',
      '          content:',
      '            application/json:',
      "              schema: { $ref: './common/thing.yaml' }",
      '    post:',
      '      operationId: addThing',
      "      responses: { '201': { description: made } }",
      '',
    ].join('\n'),
  );
  writeThing(join(dir, 'v1'), 'id');
  writeThing(join(dir, 'v2'), 'name');
  // The $ref goes through a symlinked folder, as split specs vendored by version often do.
  symlinkSync(join(dir, 'v1'), join(dir, 'common'));
  writeOverlay('list_things');
}

function writeThing(folder: string, property: string): void {
  writeFileSync(join(folder, 'thing.yaml'), `type: object\nproperties:\n  ${property}: { type: string }\n`);
}

function writeOverlay(name: string): void {
  writeFileSync(
    join(dir, 'overlay.yaml'),
    [
      'overlay: 1.0.0',
      'info: { title: names, version: 1.0.0 }',
      'actions:',
      "  - target: $.paths['/things'].get",
      '    update:',
      `      x-mcp: { name: ${name} }`,
      '',
    ].join('\n'),
  );
}

const cache = (extra: Partial<ModelCacheOptions> = {}): ModelCacheOptions => ({
  dir: cacheDir,
  version: '1.2.3',
  ...extra,
});
const load = (options: SpecUserOptions = {}, extra: Partial<ModelCacheOptions> = {}) =>
  cachedLoadModel('api.yaml', { cwd: dir, overlay: 'overlay.yaml', ...options }, cache(extra));
const outputProperties = (loaded: Awaited<ReturnType<typeof load>>) =>
  JSON.stringify(loaded.model.operations.find((o) => o.method === 'get')?.outputSchema);

beforeEach(writeFixture);

describe('cachedLoadModel', () => {
  it('misses, writes, then hits with the model, diagnostics and count a fresh build gives', async () => {
    const first = await load({ method: 'get' });
    expect(first.cache).toEqual({ status: 'miss', reason: 'no entry' });
    const second = await load({ method: 'get' });
    expect(second.cache.status).toBe('hit');
    const fresh = await loadModel('api.yaml', { cwd: dir, overlay: 'overlay.yaml', method: 'get' });
    expect(second.model).toEqual(fresh.model);
    expect(second.diagnostics).toEqual(fresh.diagnostics);
    expect(second.deselected).toBe(1);
    expect(second.source).toBe(fresh.source);
    expect(second.model.operations.map((o) => o.toolName)).toEqual(['list_things']);
  });

  it('tells the operation count of a hit before the model, and of a miss nothing', async () => {
    const previews: number[] = [];
    const onPreview = (preview: { operationCount: number }) => previews.push(preview.operationCount);
    const options = { cwd: dir, overlay: 'overlay.yaml' };
    await cachedLoadModel('api.yaml', options, cache(), undefined, onPreview);
    expect(previews).toEqual([]);
    const hit = await cachedLoadModel('api.yaml', options, cache(), undefined, onPreview);
    expect(hit.cache.status).toBe('hit');
    expect(previews).toEqual([hit.model.operations.length]);
    expect(previews).toEqual([2]);
  });

  it('misses when a $ref’d file changes, and serves the new content', async () => {
    await load();
    writeThing(join(dir, 'v1'), 'serial');
    const again = await load();
    expect(again.cache).toEqual({ status: 'miss', reason: `${join(dir, 'v1', 'thing.yaml')} changed` });
    expect(outputProperties(again)).toContain('serial');
    expect((await load()).cache.status).toBe('hit');
  });

  it('misses when a symlink on the way to a $ref’d file is retargeted', async () => {
    await load();
    rmSync(join(dir, 'common'));
    symlinkSync(join(dir, 'v2'), join(dir, 'common'));
    const again = await load();
    expect(again.cache.status).toBe('miss');
    expect(outputProperties(again)).toContain('name');
  });

  it('checks a settled file by its stamp, and a rewrite under the same size and mtime still misses', async () => {
    // Written with a clock 10 s ahead, every file is settled (its last write is past the racy window).
    const later = { now: () => Date.now() + 10_000 };
    const thing = join(dir, 'v1', 'thing.yaml');
    // A whole second, which utimes can set again exactly.
    const second = Math.floor(Date.now() / 1000) - 60;
    utimesSync(thing, second, second);
    await load({}, later);
    const [name] = readdirSync(cacheDir);
    const header = JSON.parse(readFileSync(join(cacheDir, name ?? ''), 'utf8').split('\n')[0] ?? '') as {
      files: Array<{ path: string; stamp?: { mtimeNs: string; size: string } }>;
    };
    const entry = header.files.find((file) => file.path === thing);
    const before = statSync(thing, { bigint: true });
    expect(entry?.stamp).toMatchObject({ mtimeNs: String(before.mtimeNs), size: String(before.size) });
    expect((await load()).cache.status).toBe('hit');
    // Same size, the modification time put back: only the change time tells, and it does.
    const text = readFileSync(thing, 'utf8');
    writeFileSync(thing, text.replace('id:', 'ix:'));
    utimesSync(thing, second, second);
    expect(statSync(thing, { bigint: true }).mtimeNs).toBe(before.mtimeNs);
    const again = await load();
    expect(again.cache).toEqual({ status: 'miss', reason: `${thing} changed` });
    expect(outputProperties(again)).toContain('ix');
  });

  it('keeps no stamp for a file written just now (it is hashed on every hit instead)', async () => {
    await load();
    const [name] = readdirSync(cacheDir);
    const header = JSON.parse(readFileSync(join(cacheDir, name ?? ''), 'utf8').split('\n')[0] ?? '') as {
      files: Array<{ path: string; sha256: string; stamp?: unknown }>;
    };
    const entry = header.files.find((file) => file.path === join(dir, 'v1', 'thing.yaml'));
    expect(entry?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(entry?.stamp).toBeUndefined();
  });

  it('misses when an overlay changes', async () => {
    await load();
    writeOverlay('all_the_things');
    const again = await load();
    expect(again.cache.status).toBe('miss');
    expect(again.model.operations.map((o) => o.toolName)).toContain('all_the_things');
  });

  it('misses when the root spec changes', async () => {
    await load();
    writeFileSync(join(dir, 'api.yaml'), `${'# edited\n'}${readSpec()}`);
    expect((await load()).cache).toEqual({ status: 'miss', reason: 'no entry' });
  });

  it.each<[string, SpecUserOptions]>([
    ['--read-only', { readOnly: true }],
    ['--tag', { tag: 'things' }],
    ['--exclude-operation', { excludeOperation: 'add*' }],
    ['--max-spec-size', { maxSpecBytes: '10MB' }],
  ])('keys on %s: another value misses, the first still hits', async (_flag, options) => {
    await load();
    expect((await load(options)).cache).toEqual({ status: 'miss', reason: 'no entry' });
    expect((await load()).cache.status).toBe('hit');
    expect((await load(options)).cache.status).toBe('hit');
  });

  it('keys on the package version', async () => {
    await load();
    expect((await load({}, { version: '1.2.4' })).cache).toEqual({ status: 'miss', reason: 'no entry' });
  });

  it.each<[string, (file: string) => void]>([
    ['truncated', (file) => truncateSync(file, statSync(file).size - 10)],
    ['garbage', (file) => writeFileSync(file, 'not an entry at all')],
    ['a bad header', (file) => writeFileSync(file, '{"format":1}\n{}')],
    ['empty', (file) => writeFileSync(file, '')],
  ])('rebuilds over an entry that is %s, never failing', async (_kind, spoil) => {
    const first = await load();
    const [name] = readdirSync(cacheDir);
    spoil(join(cacheDir, name ?? ''));
    const again = await load();
    expect(again.cache.status).toBe('miss');
    expect(again.model).toEqual(first.model);
    expect((await load()).cache.status).toBe('hit');
  });

  it('writes entries 0600 in a 0700 folder, and keeps only the most recent ones', async () => {
    const names = ['a', 'b', 'c', 'd'];
    for (const tag of names) await load({ excludeTag: tag }, { maxEntries: 2 });
    const entries = readdirSync(cacheDir);
    expect(entries).toHaveLength(2);
    expect(statSync(cacheDir).mode & 0o777).toBe(0o700);
    for (const entry of entries) expect(statSync(join(cacheDir, entry)).mode & 0o777).toBe(0o600);
    // The two latest are the ones kept.
    expect((await load({ excludeTag: 'd' })).cache.status).toBe('hit');
    expect((await load({ excludeTag: 'a' })).cache.status).toBe('miss');
  });

  it('a folder it cannot write to is a warning, and the model is served', async () => {
    const blocked = join(dir, 'blocked');
    writeFileSync(blocked, 'a file where the folder should be');
    const warnings: string[] = [];
    const loaded = await load({}, { dir: join(blocked, 'models'), warn: (line) => warnings.push(line) });
    expect(loaded.model.operations).toHaveLength(2);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^model cache: could not write an entry in .*blocked/);
  });

  it('an entry it cannot read is a miss', async () => {
    await load();
    const [name] = readdirSync(cacheDir);
    const file = join(cacheDir, name ?? '');
    // A folder where the entry should be: unreadable as a file, even for root.
    rmSync(file);
    mkdirSync(file);
    const again = await load();
    expect(again.cache).toEqual({ status: 'miss', reason: 'entry unreadable: EISDIR' });
    expect(again.model.operations).toHaveLength(2);
  });
});

describe('cachedLoadModel never caches what it cannot check', () => {
  let server: Server;
  let url: string;
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('a spec given as a URL is loaded and not written', async () => {
    const text = readSpec().replace("{ $ref: './common/thing.yaml' }", '{ type: object }');
    server = createServer((_req, res) => res.end(text));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api.yaml`;
    const loaded = await cachedLoadModel(url, { cwd: dir }, cache());
    expect(loaded.cache).toEqual({ status: 'off', reason: 'the spec is a URL' });
    expect(loaded.model.operations).toHaveLength(2);
    expect(() => readdirSync(cacheDir)).toThrow();
  });

  it('a spec whose refs were fetched is not written', async () => {
    writeFileSync(
      join(dir, 'api.yaml'),
      readSpec().replace('./common/thing.yaml', `${url.replace('api.yaml', 'thing.yaml')}`),
    );
    server.removeAllListeners('request');
    server.on('request', (_req, res) => res.end('type: object\n'));
    const loaded = await cachedLoadModel('api.yaml', { cwd: dir, allowRemoteRefs: true }, cache());
    expect(loaded.cache).toEqual({ status: 'off', reason: 'a remote $ref was fetched' });
    expect(() => readdirSync(cacheDir)).toThrow();
  });
});

function readSpec(): string {
  return readFileSync(join(dir, 'api.yaml'), 'utf8');
}
