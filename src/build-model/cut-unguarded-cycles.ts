/**
 * Recursion a validator can never finish: a `$defs` entry that reaches itself
 * again through in-place applicators only (`allOf`, `anyOf`, `oneOf`, `not`,
 * `if`/`then`/`else`, `$ref`), never stepping into a property or an item. Ajv
 * compiles such a schema, then overflows the stack on every value, so each call
 * of the tool would fail.
 */
import type { JsonSchema } from '../model/types.js';
import { isRecord } from '../safe-record.js';

const IN_PLACE_LISTS = ['allOf', 'anyOf', 'oneOf'] as const;
const IN_PLACE_SINGLES = ['not', 'if', 'then', 'else'] as const;
const DEFS_PREFIX = '#/$defs/';
/** Node visits per schema; in-place graphs are small, this only bounds a pathological one. */
const MAX_STEPS = 100_000;

/**
 * Returns `schema` with each `$ref` that closes an unguarded cycle removed, and
 * how many were cut. Such a branch never bottoms out, so it adds no value: under
 * `anyOf`/`oneOf` it becomes `{ not: {} }` (matches nothing, so
 * `oneOf: [string, <self>]` means string), elsewhere `{}` (matches anything, so
 * `allOf: [<self>, {type: object}]` means object). The input is never
 * modified (its `$defs` may be shared with other tools); a copy is made only
 * when something is cut.
 */
export function cutUnguardedCycles(schema: JsonSchema): { schema: JsonSchema; cuts: number } {
  if (!isRecord(schema) || !isRecord(schema.$defs)) return { schema, cuts: 0 };
  if (findClosingRefs(schema.$defs as Record<string, unknown>).size === 0) return { schema, cuts: 0 };
  const copy = { ...schema, $defs: structuredClone(schema.$defs) } as Record<string, unknown>;
  const closing = findClosingRefs(copy.$defs as Record<string, unknown>);
  for (const [node, inUnion] of closing) {
    delete node.$ref;
    if (inUnion) node.not = {};
  }
  return { schema: copy, cuts: closing.size };
}

/** Each closing `$ref` node, and whether it is a branch of an `anyOf`/`oneOf`. */
function findClosingRefs(defs: Record<string, unknown>): Map<Record<string, unknown>, boolean> {
  const closing = new Map<Record<string, unknown>, boolean>();
  let steps = 0;
  const visit = (node: unknown, stack: string[], inUnion: boolean): void => {
    steps += 1;
    if (steps > MAX_STEPS || !isRecord(node) || closing.has(node)) return;
    const ref = node.$ref;
    if (typeof ref === 'string' && ref.startsWith(DEFS_PREFIX)) {
      const name = decodePointerToken(ref.slice(DEFS_PREFIX.length));
      if (stack.includes(name)) {
        closing.set(node, inUnion);
        return;
      }
      if (Object.hasOwn(defs, name)) visit(defs[name], [...stack, name], false);
    }
    for (const key of IN_PLACE_LISTS) {
      const list = node[key];
      if (Array.isArray(list)) for (const member of list) visit(member, stack, key !== 'allOf');
    }
    for (const key of IN_PLACE_SINGLES) visit(node[key], stack, false);
  };
  for (const name of Object.keys(defs)) visit(defs[name], [name], false);
  return closing;
}

function decodePointerToken(token: string): string {
  let text = token;
  try {
    text = decodeURIComponent(token);
  } catch {
    // Not percent-encoded: use as is.
  }
  return text.replace(/~1/g, '/').replace(/~0/g, '~');
}
