/**
 * Whether an object request body can be flattened into top-level tool
 * arguments, and which properties it then offers (through `$ref` and `allOf`).
 */
import { escapePointerSegment } from '../json-pointer.js';
import { isRecord } from '../safe-record.js';
import {
  type BodyConstraint,
  CONSTRAINT_KEYWORDS,
  constrainsOnly,
  isOnlyObject,
} from './body-constraints.js';
import type { SchemaConverter } from './schema-converter.js';

export interface BodyProperty {
  name: string;
  schema: unknown;
  pointer: string;
}

export interface FlattenedBody {
  list: BodyProperty[];
  required: Set<string>;
  constraints: BodyConstraint[];
  /** The body schema's own `$schema`, when it declares one. */
  dialect?: string;
}

/**
 * The top-level properties of an object body (through `$ref` and `allOf`), or
 * `undefined` when the body is not a plain object with named properties: an
 * array, a primitive, a union of different shapes, or a free-form map
 * (`additionalProperties`). Unions that only constrain the body's own
 * properties (`anyOf: [{required: [phone]}, {required: [email]}]`, `if`/`then`)
 * do not stop flattening: they are kept as constraints for the tool root.
 */
export function flattenBody(
  converter: SchemaConverter,
  schema: unknown,
  pointer: string,
): FlattenedBody | undefined {
  const list: BodyProperty[] = [];
  const required = new Set<string>();
  const constraints: BodyConstraint[] = [];
  const seen = new Set<unknown>();
  let dialect: string | undefined;
  const visit = (node: unknown, at: string, atRoot: boolean): boolean => {
    let target = node;
    let targetPointer = at;
    if (isRecord(node) && typeof node.$ref === 'string') {
      target = converter.deref(node);
      const segments = resolvedPointer(node.$ref);
      if (segments !== undefined) targetPointer = segments;
    }
    if (!isRecord(target) || seen.has(target)) return false;
    seen.add(target);
    if (target.nullable === true) return false;
    if (target.type !== undefined && target.type !== 'object' && !isOnlyObject(target.type)) return false;
    const extra = target.additionalProperties;
    if (extra === true || (isRecord(extra) && Object.keys(extra).length > 0)) return false;
    if (atRoot && typeof target.$schema === 'string') dialect = target.$schema;
    const constraint: Record<string, unknown> = {};
    for (const keyword of CONSTRAINT_KEYWORDS) {
      if (target[keyword] !== undefined) constraint[keyword] = target[keyword];
    }
    if (Object.keys(constraint).length > 0)
      constraints.push({ atRoot, schema: constraint, pointer: targetPointer });
    if (Array.isArray(target.allOf)) {
      for (let i = 0; i < target.allOf.length; i++) {
        if (!visit(target.allOf[i], `${targetPointer}/allOf/${i}`, false)) return false;
      }
    }
    if (isRecord(target.properties)) {
      for (const name of Object.keys(target.properties)) {
        const entry = {
          name,
          schema: target.properties[name],
          pointer: `${targetPointer}/properties/${escapePointerSegment(name)}`,
        };
        const existing = list.findIndex((p) => p.name === name);
        if (existing >= 0) list[existing] = entry;
        else list.push(entry);
      }
    }
    if (Array.isArray(target.required)) {
      for (const r of target.required) if (typeof r === 'string') required.add(r);
    }
    return true;
  };
  if (!visit(schema, pointer, true) || list.length === 0) return undefined;
  const names = new Set(list.map((p) => p.name));
  if (!constraints.every((c) => constrainsOnly(c.schema, names))) return undefined;
  return { list, required, constraints, ...(dialect !== undefined && { dialect }) };
}

function resolvedPointer(ref: string): string | undefined {
  return ref.startsWith('#') ? safeDecode(ref.slice(1)) : undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
