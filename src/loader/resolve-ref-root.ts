import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { OptionsError } from '../errors.js';
import { isInside } from './resolve-inside-root.js';

/**
 * Picks the folder that local file `$ref`s must stay inside, as a real path:
 * `refRoot` when given (relative to `cwd`); otherwise `cwd` when the spec lies
 * inside it, else the spec's own folder (so a spec in `/tmp` cannot reach `~`).
 *
 * @param specPath real path of the root spec file
 * @throws OptionsError when `refRoot` does not name an existing folder
 */
export async function resolveRefRoot(
  specPath: string,
  refRoot: string | undefined,
  cwd: string,
): Promise<string> {
  if (refRoot !== undefined) {
    const wanted = path.resolve(cwd, refRoot);
    try {
      return await realpath(wanted);
    } catch {
      throw new OptionsError('refRoot', `--ref-root ${wanted} does not exist; give an existing folder.`);
    }
  }
  const specFolder = path.dirname(specPath);
  let realCwd: string;
  try {
    realCwd = await realpath(cwd);
  } catch {
    return specFolder;
  }
  return isInside(realCwd, specPath) ? realCwd : specFolder;
}
