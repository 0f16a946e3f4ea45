/**
 * Whether a request body's schema admits nothing but `{}`: a closed object with
 * no properties (Stripe's 216 GET and its DELETE operations declare one). Such a
 * body carries no information, so the tool offers no argument for it.
 */
import { isRecord } from '../safe-record.js';
import { isOnlyObject } from './body-constraints.js';
import type { SchemaConverter } from './schema-converter.js';

// Any of these could widen or reshape what the body admits; such a schema is left as it is.
const RESHAPING_KEYWORDS = [
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'if',
  'then',
  'else',
  'patternProperties',
  'dependentSchemas',
  'propertyNames',
  'unevaluatedProperties',
] as const;

/** `{type: object, additionalProperties: false}` (or `maxProperties: 0`) with no properties. */
export function admitsOnlyEmptyObject(converter: SchemaConverter, schema: unknown): boolean {
  const target = converter.deref(schema);
  if (!isRecord(target)) return false;
  if (target.nullable === true) return false;
  if (target.type !== 'object' && !isOnlyObject(target.type)) return false;
  if (target.additionalProperties !== false && target.maxProperties !== 0) return false;
  if (isRecord(target.properties) && Object.keys(target.properties).length > 0) return false;
  if (target.properties !== undefined && !isRecord(target.properties)) return false;
  // `required` without properties admits no value at all: the upstream should say so, not us.
  if (Array.isArray(target.required) && target.required.length > 0) return false;
  return RESHAPING_KEYWORDS.every((k) => target[k] === undefined);
}
