import { lstat, readlink } from 'node:fs/promises';
import path from 'node:path';

/** Symlink hops before giving up, like the kernel's ELOOP limit. */
const MAX_SYMLINK_HOPS = 40;

/** True when `target` (absolute, normalised) is `root` or lies below it. */
export function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** Result of {@link resolveInsideRoot}. */
export type InsideRootResult =
  | { kind: 'ok'; realPath: string }
  | { kind: 'outside'; via: string }
  | { kind: 'missing' };

/**
 * Resolves `target` like `realpath`, but one component at a time from `root`, so
 * that nothing outside `root` is ever touched: each symlink's text is read and
 * checked before it is followed. `root` must itself be a real path.
 *
 * @returns `ok` with the real path, `outside` (naming the path that escaped) or
 *   `missing` when a component does not exist
 */
export async function resolveInsideRoot(root: string, target: string): Promise<InsideRootResult> {
  const absolute = path.resolve(target);
  if (!isInside(root, absolute)) return { kind: 'outside', via: absolute };
  let pending = path.relative(root, absolute).split(path.sep).filter(Boolean);
  let current = root;
  let hops = 0;
  while (pending.length > 0) {
    const part = pending.shift() as string;
    const next = path.join(current, part);
    let stats: Awaited<ReturnType<typeof lstat>>;
    try {
      stats = await lstat(next);
    } catch (error) {
      if (isErrno(error, 'ENOENT') || isErrno(error, 'ENOTDIR')) return { kind: 'missing' };
      throw error;
    }
    if (!stats.isSymbolicLink()) {
      current = next;
      continue;
    }
    if (++hops > MAX_SYMLINK_HOPS) return { kind: 'missing' };
    const linked = path.resolve(current, await readlink(next));
    if (!isInside(root, linked)) return { kind: 'outside', via: `${next} -> ${linked}` };
    // Restart from the root: the link target's own components may be links too.
    pending = [...path.relative(root, linked).split(path.sep).filter(Boolean), ...pending];
    current = root;
  }
  return { kind: 'ok', realPath: current };
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
