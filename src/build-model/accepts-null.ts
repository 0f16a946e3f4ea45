import type { JsonSchema } from '../model/types.js';

/** True when `schema` already lets `null` through (so `nullable` adds nothing). */
export function acceptsNull(schema: JsonSchema): boolean {
  if (typeof schema === 'boolean') return schema;
  if (Object.keys(schema).length === 0) return true;
  const t = schema.type;
  return t === 'null' || (Array.isArray(t) && t.includes('null'));
}
