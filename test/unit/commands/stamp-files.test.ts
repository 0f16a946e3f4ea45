/** The file list of a new model cache entry: stamps only for settled files, and no list when a file changed under the loader. */
import { createHash } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isSettled } from '../../../src/commands/model-cache/file-stamp.js';
import { stampFiles } from '../../../src/commands/model-cache/stamp-files.js';
import { makeTempDir } from '../../helpers/generated-project.js';

const temp = makeTempDir('stamp-files');
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('stampFiles', () => {
  it('refuses a file whose bytes are no longer what the loader read', async () => {
    const file = join(temp, 'changed.yaml');
    writeFileSync(file, 'type: string\n');
    expect(await stampFiles(new Map([[file, sha('type: integer\n')]]))).toEqual({ changed: file });
  });

  it('stamps files settled by the clock it is given, and keeps every sha256', async () => {
    const file = join(temp, 'settled.yaml');
    writeFileSync(file, 'a: 1\n');
    const read = new Map([[file, sha('a: 1\n')]]);
    const now = await stampFiles(read);
    expect('files' in now && now.files).toEqual([{ path: file, sha256: sha('a: 1\n') }]);
    const later = await stampFiles(read, () => Date.now() + 10_000);
    expect('files' in later && later.files[0]?.stamp?.size).toBe('5');
  });
});

describe('isSettled', () => {
  const stamp = (mtimeNs: bigint, ctimeNs: bigint) => ({
    size: '1',
    ino: '1',
    mtimeNs: String(mtimeNs),
    ctimeNs: String(ctimeNs),
  });
  const now = 10_000_000_000n;
  it.each([
    ['both times long past', stamp(1n, 1n), true],
    ['mtime within 2 s', stamp(now - 1_000_000_000n, 1n), false],
    ['ctime within 2 s', stamp(1n, now - 1_999_999_999n), false],
    ['exactly 2 s ago', stamp(now - 2_000_000_000n, now - 2_000_000_000n), true],
  ])('%s', (_case, value, settled) => {
    expect(isSettled(value, now)).toBe(settled);
  });
});
