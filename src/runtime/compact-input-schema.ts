/**
 * The input schema a model reads in compact detail: the same arguments and
 * constraints, without what only costs tokens (examples, `$comment`, nested
 * titles that repeat a type name, vendor `x-` keys) and with every description
 * cut to {@link MAX_SCHEMA_DESCRIPTION} characters. Calls are still validated
 * against the model's own schema, never this one.
 */
import type { JsonSchema } from '../model/types.js';
import { cutText } from './cut-text.js';
import {
  BOOLEAN_OR_SUBSCHEMA,
  LIST_SUBSCHEMA,
  MAP_SUBSCHEMA,
  SINGLE_SUBSCHEMA,
} from './subschema-keywords.js';

/** SECURITY.md's recommended cap for a parameter description (section 4). */
export const MAX_SCHEMA_DESCRIPTION = 256;

const DROPPED = new Set(['examples', 'example', '$comment', 'title']);
const SINGLE = new Set<string>(SINGLE_SUBSCHEMA);
const LIST = new Set<string>(LIST_SUBSCHEMA);
/** `$defs` holds subschemas by name like `properties` does. */
const MAP = new Set<string>([...MAP_SUBSCHEMA, '$defs']);
const BOOLEAN_OR = new Set<string>(BOOLEAN_OR_SUBSCHEMA);

/** `schema` compacted as described above; a boolean schema is returned as it is. */
export function compactInputSchema(schema: JsonSchema): JsonSchema {
  if (!isRecord(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED.has(key) || key.startsWith('x-')) continue;
    if (key === 'description') {
      if (typeof value === 'string') out.description = cutText(value, MAX_SCHEMA_DESCRIPTION);
    } else if (SINGLE.has(key) || BOOLEAN_OR.has(key)) {
      out[key] = compactInputSchema(value as JsonSchema);
    } else if (key === 'items') {
      out.items = Array.isArray(value)
        ? value.map((item) => compactInputSchema(item as JsonSchema))
        : compactInputSchema(value as JsonSchema);
    } else if (LIST.has(key) && Array.isArray(value)) {
      out[key] = value.map((item) => compactInputSchema(item as JsonSchema));
    } else if (MAP.has(key) && isRecord(value)) {
      const map: Record<string, unknown> = {};
      // defineProperty: a property named `__proto__` stays a property.
      for (const [name, child] of Object.entries(value)) {
        Object.defineProperty(map, name, {
          value: compactInputSchema(child as JsonSchema),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      out[key] = map;
    } else {
      out[key] = value;
    }
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
