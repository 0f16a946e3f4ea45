import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { type CacheEntryHeader, ENTRY_EXTENSION } from './cache-entry.js';

/** A temp file older than this was left by a process that died mid-write. */
const STALE_TEMP_MS = 10 * 60 * 1000;

/**
 * Writes an entry atomically (a temp file renamed over the entry, so a
 * reader sees the old entry, the new one, or none, never half of one), with
 * mode 0600 in a folder of mode 0700, then keeps only the `maxEntries` most
 * recently used entries. Throws on a failed write; the caller reports it and
 * serves on.
 *
 * @param modelJson the model as one line of JSON (no newline inside, as `JSON.stringify` gives)
 */
export async function writeCacheEntry(
  dir: string,
  header: Omit<CacheEntryHeader, 'modelBytes'>,
  modelJson: string,
  maxEntries: number,
): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `${header.key}${ENTRY_EXTENSION}`);
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const model = Buffer.from(modelJson, 'utf8');
  const head = Buffer.from(`${JSON.stringify({ ...header, modelBytes: model.length })}\n`, 'utf8');
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(head);
    await handle.writeFile(model);
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await pruneCacheFolder(dir, maxEntries);
  return file;
}

/** Deletes all but the `keep` most recently used entries, and temp files left by dead writers. */
async function pruneCacheFolder(dir: string, keep: number): Promise<void> {
  const names = await readdir(dir);
  const now = Date.now();
  const entries: Array<{ file: string; mtimeMs: number }> = [];
  for (const name of names) {
    const file = path.join(dir, name);
    const stats = await stat(file).catch(() => undefined);
    if (stats === undefined || !stats.isFile()) continue;
    if (name.endsWith(ENTRY_EXTENSION)) entries.push({ file, mtimeMs: stats.mtimeMs });
    else if (name.endsWith('.tmp') && now - stats.mtimeMs > STALE_TEMP_MS) await rm(file, { force: true });
  }
  entries.sort((a, b) => b.mtimeMs - a.mtimeMs);
  for (const { file } of entries.slice(keep)) await rm(file, { force: true });
}
