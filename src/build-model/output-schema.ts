/**
 * The tool's outputSchema from the success response. Its root must be
 * `type: "object"` (MCP 2025-06-18/2025-11-25), so other roots are wrapped as
 * `{ result: ... }` and the runtime wraps the response body the same way.
 * Output schemas are open (no `additionalProperties: false`) and carry no
 * `required` lists: APIs add fields and omit declared ones, and a client
 * validating structuredContent would otherwise reject real responses.
 */

import { escapePointerSegment } from '../json-pointer.js';
import type { JsonSchema } from '../model/types.js';
import { isRecord } from '../safe-record.js';
import { classifyMediaType } from './media-type.js';
import { resolveRef } from './resolve-ref.js';
import type { SchemaConverter } from './schema-converter.js';

/** The output schema (if any) and whether it wraps a non-object root. */
export interface OutputSchemaResult {
  outputSchema?: JsonSchema;
  outputWrapped: boolean;
}

/**
 * Uses the first success response with a JSON schema, trying 200, 201, the
 * other 2xx codes in numeric order, then `2XX`. `default` is never used: it is
 * usually the error shape.
 */
export function buildOutputSchema(
  document: unknown,
  converter: SchemaConverter,
  responses: unknown,
  pointer: string,
): OutputSchemaResult {
  if (!isRecord(responses)) return { outputWrapped: false };
  for (const code of successCodes(Object.keys(responses))) {
    let response: unknown = responses[code];
    if (isRecord(response) && typeof response.$ref === 'string') {
      const resolved = resolveRef(document, response.$ref);
      response = resolved.ok ? resolved.value : undefined;
    }
    if (!isRecord(response) || !isRecord(response.content)) continue;
    const content = response.content;
    const keys = Object.keys(content).filter((k) => classifyMediaType(k) === 'json');
    const key = keys.find((k) => k.toLowerCase() === 'application/json') ?? keys[0];
    if (key === undefined) continue;
    const media = content[key];
    if (!isRecord(media) || media.schema === undefined) continue;
    const schemaPointer = `${pointer}/responses/${escapePointerSegment(code)}/content/${escapePointerSegment(key)}/schema`;
    const scope = converter.createScope('output');
    const converted = scope.convert(media.schema, schemaPointer);
    if (isObjectRoot(converter, media.schema, new Set())) {
      const rest: Record<string, unknown> = isRecord(converted) ? { ...converted } : { allOf: [converted] };
      delete rest.type;
      return { outputSchema: scope.finish({ type: 'object', ...rest }), outputWrapped: false };
    }
    const root = { type: 'object', properties: { result: converted }, required: ['result'] };
    return { outputSchema: scope.finish(root), outputWrapped: true };
  }
  return { outputWrapped: false };
}

function successCodes(codes: readonly string[]): string[] {
  const exact = codes
    .filter((c) => /^2[0-9][0-9]$/.test(c))
    .sort((a, b) => rank(a) - rank(b) || Number(a) - Number(b));
  const range = codes.filter((c) => c.toUpperCase() === '2XX');
  return [...exact, ...range];
}

function rank(code: string): number {
  return code === '200' ? 0 : code === '201' ? 1 : 2;
}

/** An object schema for sure: `type: object`, or untyped with properties, or allOf of objects. Nullable is not. */
function isObjectRoot(converter: SchemaConverter, schema: unknown, seen: Set<unknown>): boolean {
  const target = converter.deref(schema);
  if (!isRecord(target) || seen.has(target)) return false;
  // `seen` holds the current allOf path only, so a cycle stops but a shared part does not.
  seen.add(target);
  try {
    if (target.nullable === true) return false;
    const type = target.type;
    if (type === 'object' || (Array.isArray(type) && type.length === 1 && type[0] === 'object')) return true;
    if (type !== undefined) return false;
    if (target.oneOf !== undefined || target.anyOf !== undefined) return false;
    if (isRecord(target.properties) || target.additionalProperties !== undefined) return true;
    return (
      Array.isArray(target.allOf) &&
      target.allOf.length > 0 &&
      target.allOf.every((part) => isObjectRoot(converter, part, seen))
    );
  } finally {
    seen.delete(target);
  }
}
