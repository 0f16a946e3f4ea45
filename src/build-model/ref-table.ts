/**
 * Where a schema `$ref` points: each spelling resolved once (decode, split,
 * walk), and every spelling of the same target shares one canonical key.
 */
import { isRecord } from '../safe-record.js';
import { resolveRef } from './resolve-ref.js';

/** A `$ref` as resolved: `key` is the canonical ref (`#/components/schemas/A`), or the ref as written when it failed. */
export interface ResolvedSchemaRef {
  ok: boolean;
  key: string;
  target: unknown;
  /** JSON pointer (without `#`) of the target, for diagnostics. */
  pointer: string;
  /** Why it did not resolve (empty when `ok`). */
  reason: string;
}

export interface RefTable {
  /** Resolves a ref as written. */
  lookup(ref: string): ResolvedSchemaRef;
  /** The resolved ref of a canonical key `lookup` returned (never resolved again: keys are not refs as written). */
  byKey(key: string): ResolvedSchemaRef | undefined;
  /** Follows `$ref`s (refs to refs too); `undefined` when unresolvable. */
  deref(schema: unknown): unknown;
}

/** Creates the ref table of one document. */
export function createRefTable(document: unknown): RefTable {
  const byKey = new Map<string, ResolvedSchemaRef>();
  const byRawRef = new Map<string, ResolvedSchemaRef>();

  function lookup(ref: string): ResolvedSchemaRef {
    const known = byRawRef.get(ref);
    if (known !== undefined) return known;
    const resolved = resolveRef(document, ref);
    let result: ResolvedSchemaRef;
    if (!resolved.ok) {
      result = { ok: false, key: ref, target: undefined, pointer: '', reason: resolved.reason };
    } else {
      result = byKey.get(resolved.ref) ?? {
        ok: true,
        key: resolved.ref,
        target: resolved.value,
        pointer: resolved.ref.slice(1),
        reason: '',
      };
      byKey.set(resolved.ref, result);
    }
    byRawRef.set(ref, result);
    return result;
  }

  return {
    lookup,
    byKey: (key) => byKey.get(key),
    deref(schema) {
      if (isRecord(schema) && typeof schema.$ref === 'string') {
        const resolved = lookup(schema.$ref);
        return resolved.ok ? resolved.target : undefined;
      }
      return schema;
    },
  };
}
