import { readFile, realpath } from 'node:fs/promises';
import type { ApiModel } from '../../model/types.js';
import type { LoadedModel } from '../load-model.js';
import { type CacheEntryHeader, MODEL_CACHE_FORMAT } from './cache-entry.js';
import { FILE_CHECKS_AT_ONCE, isFileStamp, readFileStamp, sameStamp } from './file-stamp.js';
import { mapBounded } from './map-bounded.js';
import { sha256OfFile } from './sha256-hex.js';

/** What a lookup found: the model as it was built, or why not. */
export type CacheLookup = { kind: 'hit'; loaded: LoadedModel } | { kind: 'miss'; reason: string };

/**
 * Reads the entry at `file` and returns its model only when the entry is
 * whole, was written under `key`, and every file and symlink the loader
 * followed is still what it was: same stamp, else same sha256. Never throws: whatever goes wrong (no entry,
 * a truncated or corrupt one, an unreadable spec file) is a miss, and the
 * caller builds afresh.
 *
 * @param known sha256 of files the caller has just hashed (the root spec), not read again
 * @param onVerified told the header once every file checks out, before the model is parsed
 */
export async function readCacheEntry(
  file: string,
  key: string,
  known: ReadonlyMap<string, string> = new Map(),
  onVerified?: (header: CacheEntryHeader) => void,
): Promise<CacheLookup> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return miss(code === 'ENOENT' ? 'no entry' : `entry unreadable: ${code ?? String(error)}`);
  }
  const end = bytes.indexOf(0x0a);
  if (end < 0) return miss('entry corrupt');
  let header: CacheEntryHeader;
  try {
    header = JSON.parse(bytes.subarray(0, end).toString('utf8')) as CacheEntryHeader;
  } catch {
    return miss('entry corrupt');
  }
  if (!isHeader(header)) return miss('entry corrupt');
  if (header.format !== MODEL_CACHE_FORMAT || header.key !== key) return miss('entry of another key');
  const body = bytes.subarray(end + 1);
  if (body.length !== header.modelBytes) return miss('entry truncated');
  const changed = await mapBounded(header.files, FILE_CHECKS_AT_ONCE, async ({ path, sha256, stamp }) => {
    const knownSha = known.get(path);
    if (knownSha !== undefined) return knownSha !== sha256;
    if (stamp !== undefined) {
      const now = readFileStamp(path);
      if (now !== undefined && sameStamp(now, stamp)) return false;
    }
    return (await sha256OfFile(path)) !== sha256;
  });
  const first = changed.indexOf(true);
  if (first >= 0) return miss(`${header.files[first]?.path} changed`);
  for (const link of header.links) {
    const now = await realpath(link.path).catch(() => undefined);
    if (now !== link.realPath) return miss(`${link.path} now leads elsewhere`);
  }
  // Every input is as it was: what the header says of the model holds. A turn of the event loop
  // lets whoever was told answer with it (tools/list) before the parse below blocks for a while.
  if (onVerified !== undefined) {
    onVerified(header);
    await new Promise((resolve) => setImmediate(resolve));
  }
  let model: ApiModel;
  try {
    model = JSON.parse(body.toString('utf8')) as ApiModel;
  } catch {
    return miss('entry corrupt');
  }
  if (model === null || typeof model !== 'object' || !Array.isArray(model.operations)) {
    return miss('entry corrupt');
  }
  return {
    kind: 'hit',
    loaded: { model, source: header.source, diagnostics: header.diagnostics, deselected: header.deselected },
  };
}

function miss(reason: string): CacheLookup {
  return { kind: 'miss', reason };
}

function isHeader(value: unknown): value is CacheEntryHeader {
  if (value === null || typeof value !== 'object') return false;
  const h = value as Partial<CacheEntryHeader>;
  return (
    typeof h.format === 'number' &&
    typeof h.key === 'string' &&
    typeof h.source === 'string' &&
    Array.isArray(h.files) &&
    h.files.every(
      (f) =>
        typeof f?.path === 'string' &&
        typeof f.sha256 === 'string' &&
        (f.stamp === undefined || isFileStamp(f.stamp)),
    ) &&
    Array.isArray(h.links) &&
    h.links.every((l) => typeof l?.path === 'string' && typeof l.realPath === 'string') &&
    Array.isArray(h.diagnostics) &&
    typeof h.deselected === 'number' &&
    typeof h.operationCount === 'number' &&
    typeof h.modelBytes === 'number'
  );
}
