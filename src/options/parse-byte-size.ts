/** `--max-spec-size` and friends: `268435456`, `256MiB`, `100MB`, `1.5GB` → bytes. */
import { OptionsError } from '../errors.js';

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
};

/**
 * Bytes in `value`, a positive number or a number with a unit (`kB`/`MB`/`GB`
 * are powers of 1000, `KiB`/`MiB`/`GiB` of 1024, case-insensitive).
 *
 * @param flag named in the error, e.g. `--max-spec-size`
 * @throws OptionsError for anything else
 */
export function parseByteSize(value: number | string, flag: string): number {
  const match = typeof value === 'number' ? null : /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const bytes =
    typeof value === 'number'
      ? value
      : match
        ? Number(match[1]) * (UNITS[match[2]?.toLowerCase() ?? ''] ?? Number.NaN)
        : Number.NaN;
  if (!Number.isFinite(bytes) || bytes < 1) {
    throw new OptionsError(
      flag,
      `${flag} must be a positive size such as 268435456, 256MiB or 100MB, got "${String(value)}"`,
    );
  }
  return Math.floor(bytes);
}
