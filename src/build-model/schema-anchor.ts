import { isRecord } from '../safe-record.js';

/** A schema's own valid `$anchor` (JSON Schema 2020-12 §8.2.2), kept only on `$defs` entries. */
export function anchorOf(schema: unknown): string | undefined {
  return isRecord(schema) &&
    typeof schema.$anchor === 'string' &&
    /^[A-Za-z_][-A-Za-z0-9._]*$/.test(schema.$anchor)
    ? schema.$anchor
    : undefined;
}
