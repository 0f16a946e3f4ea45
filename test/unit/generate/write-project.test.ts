import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GenerateError } from '../../../src/errors.js';
import { MANIFEST_FILE, resolveInside, writeProject } from '../../../src/generate/write-project.js';

let base: string;
beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'omcp-write-'));
});
afterEach(() => {
  rmSync(base, { recursive: true, force: true });
});

const OPTIONS = { force: false, generatorVersion: '9.9.9' };
const files = (entries: Record<string, string>): Map<string, string> => new Map(Object.entries(entries));

describe('resolveInside (path containment)', () => {
  it.each(['a.txt', 'src/runtime/x.ts', './b', 'a/../c'])('accepts %j', (file) => {
    expect(resolveInside('/out/p', file).startsWith('/out/p/')).toBe(true);
  });

  it.each(['../evil', '../../etc/passwd', 'a/../../evil', '/abs/path', '', '.', 'a/..', 'x\0y', '..'])(
    'refuses %j',
    (file) => {
      expect(() => resolveInside('/out/p', file)).toThrow(GenerateError);
    },
  );

  it('refuses a sibling folder sharing the prefix', () => {
    expect(() => resolveInside('/out/p', '../p-evil/x')).toThrow(/not inside/);
  });
});

describe('writeProject', () => {
  it('writes the files and a manifest listing them, sorted', () => {
    const out = join(base, 'proj');
    const result = writeProject(out, files({ 'b.txt': 'B', 'src/a.ts': 'A' }), OPTIONS);
    expect(result.written).toEqual([MANIFEST_FILE, 'b.txt', 'src/a.ts']);
    expect(readFileSync(join(out, 'src/a.ts'), 'utf8')).toBe('A');
    const manifest = JSON.parse(readFileSync(join(out, MANIFEST_FILE), 'utf8'));
    expect(manifest).toEqual({ generator: 'openapi-mcp', version: '9.9.9', files: ['b.txt', 'src/a.ts'] });
  });

  it('refuses a non-empty folder it did not generate, and writes nothing', () => {
    const out = join(base, 'mine');
    mkdirSync(out);
    writeFileSync(join(out, 'notes.md'), 'my work');
    expect(() => writeProject(out, files({ 'README.md': 'x' }), OPTIONS)).toThrow(/--force/);
    expect(existsSync(join(out, 'README.md'))).toBe(false);
    expect(readFileSync(join(out, 'notes.md'), 'utf8')).toBe('my work');
  });

  it('writes into such a folder with force, leaving its other files', () => {
    const out = join(base, 'mine');
    mkdirSync(out);
    writeFileSync(join(out, 'notes.md'), 'my work');
    writeProject(out, files({ 'README.md': 'x' }), { ...OPTIONS, force: true });
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toBe('x');
    expect(readFileSync(join(out, 'notes.md'), 'utf8')).toBe('my work');
  });

  it('accepts an empty folder and regenerates its own folder, removing files no longer produced', () => {
    const out = join(base, 'empty');
    mkdirSync(out);
    writeProject(out, files({ 'a.txt': '1', 'old/gone.ts': '2', 'keep/x.ts': '3' }), OPTIONS);
    writeFileSync(join(out, 'user-file.txt'), 'not ours');
    const result = writeProject(out, files({ 'a.txt': '1b', 'keep/x.ts': '3' }), OPTIONS);
    expect(result.removed).toEqual(['old/gone.ts']);
    expect(existsSync(join(out, 'old'))).toBe(false);
    expect(readFileSync(join(out, 'a.txt'), 'utf8')).toBe('1b');
    expect(readFileSync(join(out, 'user-file.txt'), 'utf8')).toBe('not ours');
  });

  it('never deletes outside the folder on the word of a tampered manifest', () => {
    const out = join(base, 'proj');
    const victim = join(base, 'victim.txt');
    writeFileSync(victim, 'precious');
    mkdirSync(out);
    writeFileSync(
      join(out, MANIFEST_FILE),
      JSON.stringify({ generator: 'openapi-mcp', version: '0', files: ['../victim.txt', victim] }),
    );
    writeProject(out, files({ 'a.txt': '1' }), OPTIONS);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
  });

  it('refuses a path outside the folder before writing anything', () => {
    const out = join(base, 'proj');
    expect(() => writeProject(out, files({ 'a.txt': '1', '../escape.txt': 'x' }), OPTIONS)).toThrow(
      GenerateError,
    );
    expect(existsSync(join(base, 'escape.txt'))).toBe(false);
    expect(existsSync(join(out, 'a.txt'))).toBe(false);
  });

  it('refuses to write through a symlinked folder that leads outside', () => {
    const out = join(base, 'proj');
    const elsewhere = join(base, 'elsewhere');
    mkdirSync(elsewhere);
    writeProject(out, files({ 'a.txt': '1' }), OPTIONS);
    symlinkSync(elsewhere, join(out, 'src'));
    expect(() => writeProject(out, files({ 'src/x.ts': 'x' }), OPTIONS)).toThrow(/outside/);
    expect(existsSync(join(elsewhere, 'x.ts'))).toBe(false);
  });

  it('refuses to overwrite the manifest as a project file', () => {
    expect(() => writeProject(join(base, 'p'), files({ [MANIFEST_FILE]: '{}' }), OPTIONS)).toThrow(
      /reserved/,
    );
  });
});
