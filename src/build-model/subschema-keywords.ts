/**
 * Which keywords of an OpenAPI/JSON Schema object hold subschemas, and in what
 * form: the one list both the cycle analysis and the conversion walk by.
 */
import { getOwn, isRecord } from '../safe-record.js';

/** Keywords whose value is one subschema. */
export const SINGLE_SUBSCHEMA = [
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedItems',
  'contentSchema',
] as const;
/** Keywords whose value is a list of subschemas. */
export const LIST_SUBSCHEMA = ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const;
/** Keywords whose value maps names to subschemas. */
export const MAP_SUBSCHEMA = ['properties', 'patternProperties', 'dependentSchemas'] as const;

/** Calls `visit` on every direct subschema of an OpenAPI/JSON Schema object. */
export function forEachSubschema(node: Record<string, unknown>, visit: (child: unknown) => void): void {
  for (const k of MAP_SUBSCHEMA) {
    const v = node[k];
    if (isRecord(v)) for (const key of Object.keys(v)) visit(getOwn(v, key));
  }
  for (const k of LIST_SUBSCHEMA) {
    const v = node[k];
    if (Array.isArray(v)) for (const s of v) visit(s);
  }
  for (const k of SINGLE_SUBSCHEMA) if (node[k] !== undefined) visit(node[k]);
  for (const k of ['additionalProperties', 'unevaluatedProperties'] as const) {
    if (isRecord(node[k])) visit(node[k]);
  }
  if (Array.isArray(node.items)) for (const s of node.items) visit(s);
  else if (node.items !== undefined) visit(node.items);
}
