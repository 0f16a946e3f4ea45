/**
 * The output schema a tool lists in compact detail: the response's shape (its
 * fields and their types, {@link OUTPUT_DEPTH} levels deep), nothing else.
 *
 * Output schemas are for clients, not models: the SDK clients compile every one
 * with Ajv inside `listTools()`, and a full one is most of a big API's tool list
 * (Stripe: 7.6 of 9 MB). The shape keeps what structured results are worth to a
 * client, at a few percent of the bytes. It only ever loosens the full schema
 * (every keyword it keeps is a conjunct of the original), so whatever the
 * runtime's check against the full schema lets through as `structuredContent`
 * also satisfies this one.
 */
import type { JsonSchema } from '../model/types.js';

/** Levels of `properties` kept below the root. */
export const OUTPUT_DEPTH = 2;
/** Array levels (`items`) followed without using a property level, per property level. */
const ITEM_LEVELS = 2;
/** `$ref`s followed in a row before giving up (a reference cycle). */
const MAX_REF_HOPS = 16;
/** `allOf` members merged into one shape, at most (a cycle through `allOf` stops here). */
const MAX_PARTS = 32;

/** The shape of an object-rooted output schema (its `$defs` resolved). */
export function compactOutputSchema(
  schema: JsonSchema & { type: 'object' },
): JsonSchema & { type: 'object' } {
  const { $defs } = schema as Record<string, unknown>;
  const defs = isRecord($defs) ? $defs : {};
  return { ...shape(schema, defs, OUTPUT_DEPTH, ITEM_LEVELS), type: 'object' };
}

function shape(
  node: unknown,
  defs: Record<string, unknown>,
  depth: number,
  itemLevels: number,
): Record<string, unknown> {
  const parts = conjuncts(node, defs);
  const out: Record<string, unknown> = {};
  const type = parts.find((part) => part.type !== undefined)?.type;
  if (typeof type === 'string' || Array.isArray(type)) out.type = type;
  if (depth > 0) {
    const properties: Record<string, unknown> = {};
    let any = false;
    for (const part of parts) {
      if (!isRecord(part.target.properties)) continue;
      any = true;
      for (const [name, child] of Object.entries(part.target.properties)) {
        // A field two parts both describe must satisfy both: keeping the first only loosens it.
        if (Object.hasOwn(properties, name)) continue;
        Object.defineProperty(properties, name, {
          value: shape(child, defs, depth - 1, ITEM_LEVELS),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
    }
    if (any) out.properties = properties;
  }
  const items = parts.find((part) => isRecord(part.target.items))?.target.items;
  if (itemLevels > 0 && items !== undefined) out.items = shape(items, defs, depth, itemLevels - 1);
  return out;
}

/** A schema and the `allOf` members under it (`$ref`s followed): all must hold, so each part's fields are the value's. */
function conjuncts(
  node: unknown,
  defs: Record<string, unknown>,
): Array<{ target: Record<string, unknown>; type?: unknown }> {
  const parts: Array<{ target: Record<string, unknown>; type?: unknown }> = [];
  const queue: unknown[] = [node];
  while (queue.length > 0 && parts.length < MAX_PARTS) {
    const { target, type } = follow(queue.shift(), defs);
    if (!isRecord(target)) continue;
    parts.push({ target, type });
    if (Array.isArray(target.allOf)) queue.push(...target.allOf);
  }
  return parts;
}

/**
 * The schema `node` stands for, and its type: itself, or, when it gives no
 * fields or items of its own, what its `$ref` into `$defs` names, with the
 * first type met on the way. A `$ref` beside other keywords is a conjunction,
 * so keeping some of the conjuncts only ever loosens it.
 */
function follow(node: unknown, defs: Record<string, unknown>): { target: unknown; type?: unknown } {
  let current = node;
  let type: unknown;
  for (let hops = 0; hops < MAX_REF_HOPS; hops += 1) {
    if (!isRecord(current)) return { target: current, type };
    type ??= current.type;
    if (typeof current.$ref !== 'string' || current.properties !== undefined || current.items !== undefined) {
      return { target: current, type };
    }
    const match = /^#\/\$defs\/([^/]+)$/.exec(current.$ref);
    const name = match?.[1]?.replaceAll('~1', '/').replaceAll('~0', '~');
    if (name === undefined || !Object.hasOwn(defs, name)) return { target: {}, type };
    current = defs[name];
  }
  return { target: {}, type };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
