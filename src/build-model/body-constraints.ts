/**
 * The constraints of a flattened object body that span its properties (`anyOf`
 * of `required` sets, `if`/`then`/`else`, `dependentRequired`, ...): which ones
 * only restrict the flattened properties (so the body may be flattened), and
 * how they are carried to the tool's root.
 */
import type { JsonSchema } from '../model/types.js';
import { isRecord } from '../safe-record.js';
import type { SchemaScope } from './schema-converter.js';

/** Keywords of an object schema that constrain several of its properties together. */
export const CONSTRAINT_KEYWORDS = [
  'anyOf',
  'oneOf',
  'not',
  'if',
  'then',
  'else',
  'dependentRequired',
  'dependentSchemas',
  'minProperties',
  'maxProperties',
] as const;

/** Cross-property keywords found on the body schema or one of its `allOf` members. */
export interface BodyConstraint {
  /** From the body schema itself (true) or from one of its `allOf` members. */
  atRoot: boolean;
  schema: Record<string, unknown>;
  pointer: string;
}

/**
 * True when `node` (a constraint or one of its subschemas) only restricts
 * which of `names` are present or what they hold: no other object shape, no
 * `$ref` (a union of referenced types is a real union), no property outside
 * the flattened set.
 */
export function constrainsOnly(node: unknown, names: ReadonlySet<string>): boolean {
  if (typeof node === 'boolean') return true;
  if (!isRecord(node) || node.$ref !== undefined) return false;
  if (node.type !== undefined && node.type !== 'object' && !isOnlyObject(node.type)) return false;
  if (node.additionalProperties !== undefined || node.patternProperties !== undefined) return false;
  if (Array.isArray(node.required) && !node.required.every((r) => typeof r === 'string' && names.has(r))) {
    return false;
  }
  for (const key of ['properties', 'dependentRequired', 'dependentSchemas'] as const) {
    const map = node[key];
    if (isRecord(map) && !Object.keys(map).every((k) => names.has(k))) return false;
  }
  if (isRecord(node.dependentRequired)) {
    for (const value of Object.values(node.dependentRequired)) {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && names.has(v))) return false;
    }
  }
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const branches = node[key];
    if (Array.isArray(branches) && !branches.every((b) => constrainsOnly(b, names))) return false;
  }
  for (const key of ['not', 'if', 'then', 'else'] as const) {
    if (node[key] !== undefined && !constrainsOnly(node[key], names)) return false;
  }
  if (isRecord(node.dependentSchemas)) {
    for (const value of Object.values(node.dependentSchemas)) if (!constrainsOnly(value, names)) return false;
  }
  return true;
}

/**
 * The body's cross-property constraints, converted, shaped for the tool root:
 * those of the body schema itself sit on the root, those of each `allOf` member
 * become one root `allOf` entry (only for a required body). `$schema` is kept
 * when the body declares it.
 */
export function toRootKeywords(
  scope: SchemaScope,
  constraints: readonly BodyConstraint[],
  dialect: string | undefined,
  bodyRequired: boolean,
): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  if (dialect !== undefined) out.$schema = dialect;
  const allOf: JsonSchema[] = [];
  // An optional body may be left out entirely, which its constraints would forbid.
  for (const constraint of bodyRequired ? constraints : []) {
    const converted = scope.convert(constraint.schema, constraint.pointer);
    if (!isRecord(converted) || Object.keys(converted).length === 0) continue;
    if (constraint.atRoot) Object.assign(out, converted);
    else allOf.push(converted);
  }
  if (allOf.length > 0) out.allOf = allOf;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** `type: ['object']`, the 3.1 spelling of `type: object`. */
export function isOnlyObject(type: unknown): boolean {
  return Array.isArray(type) && type.length === 1 && type[0] === 'object';
}
