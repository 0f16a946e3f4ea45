/**
 * Internal JSON-pointer `$ref` resolution over the bundled document. The loader
 * leaves only `#/...` refs, so nothing here ever reads a file or a URL.
 * @see https://www.rfc-editor.org/rfc/rfc6901
 */
import { toPointer } from '../json-pointer.js';
import { isRecord } from '../safe-record.js';

/** Longest chain of refs-to-refs followed before giving up (a chain that loops never ends). */
const MAX_REF_HOPS = 32;

/**
 * Splits an internal ref (`#/components/schemas/A~1B`) into unescaped segments;
 * `undefined` for anything that is not an internal JSON-pointer fragment.
 */
export function parseRef(ref: string): string[] | undefined {
  if (!ref.startsWith('#')) return undefined;
  let fragment: string;
  try {
    // Fragments may be percent-encoded (`#/paths/~1pets~1%7Bid%7D`).
    fragment = decodeURIComponent(ref.slice(1));
  } catch {
    return undefined;
  }
  if (fragment === '') return [];
  if (!fragment.startsWith('/')) return undefined;
  return fragment
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Reads the value at `segments`, own properties only (so `constructor` never resolves to a function). */
export function getAtPointer(root: unknown, segments: readonly string[]): { found: boolean; value: unknown } {
  let current: unknown = root;
  for (const segment of segments) {
    if (Array.isArray(current)) {
      if (!/^(0|[1-9][0-9]*)$/.test(segment)) return { found: false, value: undefined };
      const index = Number(segment);
      if (index >= current.length) return { found: false, value: undefined };
      current = current[index];
    } else if (isRecord(current) && Object.hasOwn(current, segment)) {
      current = current[segment];
    } else {
      return { found: false, value: undefined };
    }
  }
  return { found: true, value: current };
}

/** A resolved ref: the final target and its canonical `#/...` ref (after refs to refs). */
export type ResolvedRef = { ok: true; value: unknown; ref: string } | { ok: false; reason: string };

/**
 * Follows `ref` (and refs to refs) to its target. The returned `ref` is the
 * canonical form of the last hop, so two spellings of one target share a key.
 */
export function resolveRef(document: unknown, ref: string): ResolvedRef {
  let current = ref;
  const seen = new Set<string>();
  for (let hop = 0; hop < MAX_REF_HOPS; hop++) {
    const segments = parseRef(current);
    if (segments === undefined)
      return { ok: false, reason: `"${ref}" is not an internal JSON-pointer reference` };
    const canonical = `#${toPointer(segments)}`;
    if (seen.has(canonical)) return { ok: false, reason: `"${ref}" is a loop of references to references` };
    seen.add(canonical);
    const { found, value } = getAtPointer(document, segments);
    if (!found) return { ok: false, reason: `"${ref}" points to nothing in the document` };
    if (isRecord(value) && typeof value.$ref === 'string') {
      current = value.$ref;
      continue;
    }
    return { ok: true, value, ref: canonical };
  }
  return { ok: false, reason: `"${ref}" is a chain of more than ${MAX_REF_HOPS} references` };
}
