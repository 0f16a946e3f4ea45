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
import {
  hashContent,
  MANIFEST_FILE,
  resolveInside,
  writeProject,
} from '../../../src/generate/write-project.js';

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
    expect(manifest).toEqual({
      generator: 'openapi-mcp',
      version: '9.9.9',
      files: { 'b.txt': hashContent('B'), 'src/a.ts': hashContent('A') },
      userFiles: [],
    });
    // sha256 of the bytes, as `sha256sum` prints it.
    expect(hashContent('A')).toBe('559aead08264d5795d3909718cdd05abd49572e84fe55590eef31a88a08fdffd');
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

describe('writeProject: edits, the user file and old manifests', () => {
  const SEAM = { ...OPTIONS, userFiles: ['src/extend.ts'] };
  const project = (main: string, extend = 'export default {};'): Map<string, string> =>
    files({ 'src/main.ts': main, 'src/extend.ts': extend, 'README.md': 'readme' });

  it("creates the user file once, lists it as the user's, and never overwrites it, even with force", () => {
    const out = join(base, 'p');
    const first = writeProject(out, project('v1'), SEAM);
    expect(first.written).toContain('src/extend.ts');
    const manifest = JSON.parse(readFileSync(join(out, MANIFEST_FILE), 'utf8'));
    expect(manifest.userFiles).toEqual(['src/extend.ts']);
    expect(Object.keys(manifest.files)).toEqual(['README.md', 'src/main.ts']);

    writeFileSync(join(out, 'src/extend.ts'), 'my extension');
    const again = writeProject(out, project('v2', 'template changed'), SEAM);
    expect(again.kept).toEqual(['src/extend.ts']);
    expect(again.written).not.toContain('src/extend.ts');
    expect(readFileSync(join(out, 'src/extend.ts'), 'utf8')).toBe('my extension');
    expect(readFileSync(join(out, 'src/main.ts'), 'utf8')).toBe('v2');

    writeProject(out, project('v3', 'template changed'), { ...SEAM, force: true });
    expect(readFileSync(join(out, 'src/extend.ts'), 'utf8')).toBe('my extension');
  });

  it('never deletes the user file, even when a later generation no longer produces it', () => {
    const out = join(base, 'p');
    writeProject(out, project('v1'), SEAM);
    writeFileSync(join(out, 'src/extend.ts'), 'my extension');
    const later = writeProject(out, files({ 'src/main.ts': 'v2' }), { ...OPTIONS, force: true });
    expect(later.removed).toEqual(['README.md']);
    expect(readFileSync(join(out, 'src/extend.ts'), 'utf8')).toBe('my extension');
  });

  it("leaves a dangling symlink in the user file's place alone (no write through it)", () => {
    const out = join(base, 'p');
    mkdirSync(join(out, 'src'), { recursive: true });
    writeFileSync(
      join(out, MANIFEST_FILE),
      JSON.stringify({ generator: 'openapi-mcp', version: '0', files: {} }),
    );
    symlinkSync(join(base, 'outside.ts'), join(out, 'src/extend.ts'));
    expect(writeProject(out, project('v1'), SEAM).kept).toEqual(['src/extend.ts']);
    expect(existsSync(join(base, 'outside.ts'))).toBe(false);
  });

  it('refuses to overwrite an edited generated file, naming it and the seam, and writes nothing', () => {
    const out = join(base, 'p');
    writeProject(out, project('v1'), SEAM);
    writeFileSync(join(out, 'src/main.ts'), 'v1 + my fix');
    expect(() => writeProject(out, project('v2'), SEAM)).toThrow(GenerateError);
    expect(() => writeProject(out, project('v2'), SEAM)).toThrow(
      /refusing to overwrite 1 generated file\(s\) you edited in .*: src\/main\.ts; move the change into src\/extend\.ts .* or pass --force/,
    );
    expect(readFileSync(join(out, 'src/main.ts'), 'utf8')).toBe('v1 + my fix');
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toBe('readme');
  });

  it('overwrites the edited file with force, and says so', () => {
    const out = join(base, 'p');
    writeProject(out, project('v1'), SEAM);
    writeFileSync(join(out, 'src/main.ts'), 'v1 + my fix');
    const forced = writeProject(out, project('v2'), { ...SEAM, force: true });
    expect(forced.overwritten).toEqual(['src/main.ts']);
    expect(readFileSync(join(out, 'src/main.ts'), 'utf8')).toBe('v2');
    // The new hash is recorded: the next run finds nothing edited.
    expect(writeProject(out, project('v3'), SEAM).overwritten).toEqual([]);
  });

  it('does not count an edit that matches what would be written now, and rewrites a deleted file', () => {
    const out = join(base, 'p');
    writeProject(out, project('v1'), SEAM);
    writeFileSync(join(out, 'src/main.ts'), 'v2');
    rmSync(join(out, 'README.md'));
    const again = writeProject(out, project('v2'), SEAM);
    expect(again.written).toContain('README.md');
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toBe('readme');
  });

  it('refuses to delete an edited file that is no longer produced, and to overwrite a file it never wrote', () => {
    const out = join(base, 'p');
    writeProject(out, files({ 'a.txt': '1', 'old.txt': 'old' }), OPTIONS);
    writeFileSync(join(out, 'old.txt'), 'old, edited');
    writeFileSync(join(out, 'new.txt'), 'the user made this');
    expect(() => writeProject(out, files({ 'a.txt': '1', 'new.txt': 'generated' }), OPTIONS)).toThrow(
      /2 generated file\(s\) you edited .*: new\.txt, old\.txt/,
    );
    expect(readFileSync(join(out, 'old.txt'), 'utf8')).toBe('old, edited');
  });

  it('treats the files of a manifest without hashes as unedited, and says so', () => {
    const out = join(base, 'p');
    mkdirSync(join(out, 'src'), { recursive: true });
    writeFileSync(join(out, 'src/main.ts'), 'edited before hashes existed');
    writeFileSync(
      join(out, MANIFEST_FILE),
      JSON.stringify({ generator: 'openapi-mcp', version: '0.0.9', files: ['src/main.ts', 'README.md'] }),
    );
    const result = writeProject(out, project('v2'), SEAM);
    expect(readFileSync(join(out, 'src/main.ts'), 'utf8')).toBe('v2');
    expect(result.notes).toEqual([
      expect.stringContaining(
        '(openapi-mcp 0.0.9) has no file hashes, so edits to generated files could not be detected',
      ),
    ]);
    expect(result.written).toContain('src/extend.ts');
    const manifest = JSON.parse(readFileSync(join(out, MANIFEST_FILE), 'utf8'));
    expect(manifest.files['src/main.ts']).toBe(hashContent('v2'));
  });
});
