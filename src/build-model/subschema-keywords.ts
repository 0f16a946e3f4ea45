/**
 * Visits the subschemas of an OpenAPI/JSON Schema object, by the keyword lists
 * of `runtime/subschema-keywords.ts`: the walk of the cycle analysis.
 */
import {
  BOOLEAN_OR_SUBSCHEMA,
  LIST_SUBSCHEMA,
  MAP_SUBSCHEMA,
  SINGLE_SUBSCHEMA,
} from '../runtime/subschema-keywords.js';
import { getOwn, isRecord } from '../safe-record.js';

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
  for (const k of BOOLEAN_OR_SUBSCHEMA) {
    if (isRecord(node[k])) visit(node[k]);
  }
  if (Array.isArray(node.items)) for (const s of node.items) visit(s);
  else if (node.items !== undefined) visit(node.items);
}
