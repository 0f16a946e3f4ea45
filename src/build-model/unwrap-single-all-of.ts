/**
 * `{ description, allOf: [X] }` → `{ description, ...X }`: a one-member `allOf`
 * (what `$ref` with siblings and many specs' "description beside a ref" turn
 * into) says nothing a merge would not, and several clients' schema converters
 * refuse or drop `allOf` (the OpenAI Agents SDK's strict mode, Gemini's subset).
 * The merge is made only where it keeps the meaning exactly.
 */
import type { JsonSchema } from '../model/types.js';
import { isRecord, setSafe } from '../safe-record.js';

/** Keywords where the outer schema's value may stand for both (they only describe). */
const ANNOTATIONS: ReadonlySet<string> = new Set([
  'title',
  'description',
  'examples',
  'deprecated',
  '$comment',
]);

/**
 * `additionalProperties` sees only the `properties`/`patternProperties` of its
 * own schema object (and `items` the `prefixItems`): a merge may not bring one
 * beside the other.
 */
const SIBLING_DEPENDENT: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['additionalProperties', ['properties', 'patternProperties']],
  ['items', ['prefixItems']],
];

/**
 * `schema` with its one-member `allOf` merged in, or `schema` itself when there
 * is none or merging would change what it accepts. Never modifies its input.
 */
export function unwrapSingleAllOf(schema: JsonSchema): JsonSchema {
  if (!isRecord(schema) || !Array.isArray(schema.allOf) || schema.allOf.length !== 1) return schema;
  const member: unknown = schema.allOf[0];
  const { allOf: _, ...outer } = schema;
  if (member === true) return outer;
  if (!isRecord(member) || !canMerge(outer, member)) return schema;
  const merged: Record<string, unknown> = { ...outer };
  for (const [key, value] of Object.entries(member)) {
    if (!Object.hasOwn(merged, key)) setSafe(merged, key, value);
  }
  const type = intersectTypes(outer.type, member.type);
  if (type !== undefined) merged.type = type.length === 1 ? type[0] : type;
  return merged;
}

/** Both `type`s hold: what they share (`undefined` when either is absent or they share nothing). */
function intersectTypes(a: unknown, b: unknown): unknown[] | undefined {
  if (a === undefined || b === undefined) return undefined;
  const right = new Set([b].flat());
  const shared = [a].flat().filter((t) => right.has(t));
  return shared.length > 0 ? shared : undefined;
}

function canMerge(outer: Record<string, unknown>, member: Record<string, unknown>): boolean {
  for (const [key, value] of Object.entries(member)) {
    if (!Object.hasOwn(outer, key) || ANNOTATIONS.has(key)) continue;
    if (key === 'type' && intersectTypes(outer.type, value) !== undefined) continue;
    if (JSON.stringify(outer[key]) !== JSON.stringify(value)) return false;
  }
  for (const [dependent, on] of SIBLING_DEPENDENT) {
    const crosses = (a: Record<string, unknown>, b: Record<string, unknown>) =>
      !acceptsAll(a[dependent]) && on.some((k) => b[k] !== undefined && a[k] === undefined);
    if (crosses(outer, member) || crosses(member, outer)) return false;
  }
  return true;
}

/** Absent, `true` or `{}`: restricts nothing, so it may sit beside anything. */
function acceptsAll(schema: unknown): boolean {
  return schema === undefined || schema === true || (isRecord(schema) && Object.keys(schema).length === 0);
}
