/** Where `serve` keeps its model cache: `--cache-dir`, `--no-cache`, else the user's cache folder. */
import path from 'node:path';
import { OptionsError } from '../errors.js';
import type { Env } from '../runtime/types.js';

/** The cache flags as a user gives them. */
export interface ModelCacheUserOptions {
  /** `--cache-dir DIR`: the folder of the model cache (relative to `cwd`). */
  cacheDir?: string;
  /**
   * `--no-cache` gives false: build the model afresh and write nothing.
   * @default true
   */
  cache?: boolean;
}

/**
 * The cache folder, or undefined when there is none: `--no-cache`, or no
 * `--cache-dir` and neither `XDG_CACHE_HOME` nor a home folder in `env`
 * (read from `env` only, so a caller that passes a bare environment, as the
 * tests do, never writes into the user's home).
 *
 * @default `$XDG_CACHE_HOME/openapi-mcp/models`, else `~/.cache/openapi-mcp/models`
 * @throws OptionsError for an empty `--cache-dir`
 */
export function resolveModelCacheDir(user: ModelCacheUserOptions, env: Env, cwd: string): string | undefined {
  if (user.cache === false) return undefined;
  if (user.cacheDir !== undefined) {
    if (typeof user.cacheDir !== 'string' || user.cacheDir.trim() === '') {
      throw new OptionsError(
        '--cache-dir',
        `--cache-dir needs a folder, got ${JSON.stringify(user.cacheDir)}`,
      );
    }
    return path.resolve(cwd, user.cacheDir);
  }
  // The XDG rule: a relative value is invalid and ignored.
  const xdg = env.XDG_CACHE_HOME;
  if (xdg !== undefined && path.isAbsolute(xdg)) return path.join(xdg, 'openapi-mcp', 'models');
  const home = env.HOME || env.USERPROFILE;
  if (home !== undefined && path.isAbsolute(home)) return path.join(home, '.cache', 'openapi-mcp', 'models');
  return undefined;
}
