/** The sha256 the model cache keys and checks by, as hex. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/** sha256 (hex) of `data`; a string is hashed as UTF-8. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** sha256 (hex) of a file's bytes, or undefined when it cannot be read (then it has changed). */
export async function sha256OfFile(path: string): Promise<string | undefined> {
  try {
    return sha256Hex(await readFile(path));
  } catch {
    return undefined;
  }
}
