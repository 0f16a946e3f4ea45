/**
 * Tests must never write `serve`'s model cache into the user's home (the
 * helpers give every server a temporary cache folder, or none): the entries of
 * the home cache folder are noted at setup, and any new one at teardown fails
 * the run, naming the spec it holds.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The user's model cache folder, as `serve` would pick it from this process's environment. */
function homeCacheDir(): string {
  const xdg = process.env.XDG_CACHE_HOME;
  const base = xdg?.startsWith('/') ? xdg : join(process.env.HOME || homedir(), '.cache');
  return join(base, 'openapi-mcp', 'models');
}

function entries(dir: string): Set<string> {
  return new Set(existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.entry')) : []);
}

/** Starts watching; the function returned gives a failure message, or undefined when nothing new was written. */
export function watchHomeCache(): () => string | undefined {
  const dir = homeCacheDir();
  const before = entries(dir);
  return () => {
    const added = [...entries(dir)].filter((name) => !before.has(name));
    if (added.length === 0) return undefined;
    const sources = added.map((name) => {
      const header = readFileSync(join(dir, name), 'utf8').split('\n', 1)[0] ?? '';
      return /"source":"([^"]*)"/.exec(header)?.[1] ?? name;
    });
    return `a test wrote serve's model cache into ${dir}: ${sources.join(', ')} (give the server a temporary XDG_CACHE_HOME, or --no-cache)`;
  };
}
