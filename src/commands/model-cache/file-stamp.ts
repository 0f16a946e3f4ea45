/**
 * A file's stamp: what `stat` says about it (size, inode, modification and
 * change times in nanoseconds). A cache hit checks the stamps of the files a
 * model was built from instead of hashing their bytes, as git's index does:
 * DigitalOcean's spec is 2,829 files, and opening, reading and hashing each
 * was most of a cache hit's time.
 *
 * The change time cannot be set by a program (`touch` and `utimes` set only
 * the modification and access times), so a file written since its stamp was
 * taken never shows the same stamp.
 */
import { statSync } from 'node:fs';

/** Files a cache write or lookup reads or hashes at once (thousands at once would open thousands of handles). */
export const FILE_CHECKS_AT_ONCE = 32;

/** What `stat` says of a file, as strings (nanoseconds and inodes pass 2^53). */
export interface FileStamp {
  size: string;
  ino: string;
  mtimeNs: string;
  ctimeNs: string;
}

/**
 * A stamp closer to its file's last write than this is not kept: a write
 * later within the clock's granularity could leave the same times ("racy
 * git"), so such a file is checked by its hash instead.
 */
const RACY_WINDOW_NS = 2_000_000_000n;

/**
 * The stamp of `path`, or undefined when it cannot be read. Synchronous on
 * purpose: a stat is microseconds, and through the thread pool thousands of
 * them took 175 ms of a cache hit against about 15 ms in a loop.
 */
export function readFileStamp(path: string): FileStamp | undefined {
  try {
    const s = statSync(path, { bigint: true });
    return {
      size: String(s.size),
      ino: String(s.ino),
      mtimeNs: String(s.mtimeNs),
      ctimeNs: String(s.ctimeNs),
    };
  } catch {
    return undefined;
  }
}

/** Whether `stamp`, taken at `takenNs` (epoch nanoseconds), is far enough from the file's last write to be trusted later. */
export function isSettled(stamp: FileStamp, takenNs: bigint): boolean {
  const lastWrite =
    BigInt(stamp.mtimeNs) > BigInt(stamp.ctimeNs) ? BigInt(stamp.mtimeNs) : BigInt(stamp.ctimeNs);
  return takenNs - lastWrite >= RACY_WINDOW_NS;
}

/** Whether two stamps describe the same file in the same state. */
export function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.ino === b.ino && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;
}

/** Whether `value` (read from an entry on disk) is a {@link FileStamp}. */
export function isFileStamp(value: unknown): value is FileStamp {
  if (value === null || typeof value !== 'object') return false;
  const stamp = value as Record<string, unknown>;
  return ['size', 'ino', 'mtimeNs', 'ctimeNs'].every((key) => typeof stamp[key] === 'string');
}
