/**
 * The file list of a new cache entry: each file the loader read with the
 * sha256 of what it read and, when settled, its stamp (see `file-stamp.ts`).
 */

import type { CacheEntryHeader } from './cache-entry.js';
import { FILE_CHECKS_AT_ONCE, isSettled, readFileStamp } from './file-stamp.js';
import { mapBounded } from './map-bounded.js';
import { sha256OfFile } from './sha256-hex.js';

/**
 * Stamps each file, then hashes it again: a file whose bytes now differ from
 * what the loader read changed during the load, and the entry must not be
 * written (its stamp would vouch for bytes the model was not built from).
 * Returns the list, or the first such file.
 *
 * @param nowMs the clock stamps are judged settled by
 */
export async function stampFiles(
  read: ReadonlyMap<string, string>,
  nowMs: () => number = Date.now,
): Promise<{ files: CacheEntryHeader['files'] } | { changed: string }> {
  const entries = [...read];
  const stamped = await mapBounded(entries, FILE_CHECKS_AT_ONCE, async ([path, sha256]) => {
    const stamp = readFileStamp(path);
    const takenNs = BigInt(Math.floor(nowMs())) * 1_000_000n;
    const now = await sha256OfFile(path);
    return { path, sha256, now, ...(stamp !== undefined && isSettled(stamp, takenNs) && { stamp }) };
  });
  const changed = stamped.find((file) => file.now !== file.sha256);
  if (changed !== undefined) return { changed: changed.path };
  return { files: stamped.map(({ now: _now, ...file }) => file) };
}
