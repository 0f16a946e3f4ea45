/**
 * What one OpenAPI schema node becomes in a tool schema: the dispatch between
 * booleans, unusable nodes (→ `{}` with a diagnostic), `$ref`s and schema
 * objects, and for a `$ref` whether its target is inlined or pointed to in the
 * root's `$defs`: a non-recursive target weighing at most `INLINE_MAX_WEIGHT`
 * is inlined; a recursive (cyclic) or anchored target, or a larger one,
 * becomes `{ $ref: '#/$defs/Name' }`.
 */
import { DiagnosticCode, type DiagnosticCodeValue, type DiagnosticSeverity } from '../diagnostics.js';
import type { JsonSchema } from '../model/types.js';
import { isRecord, setSafe } from '../safe-record.js';
import { acceptsNull } from './accepts-null.js';
import type { ConvertContext, Converted, Frame } from './convert-context.js';
import { convertShapeKeywords } from './convert-shape-keywords.js';
import { convertValueKeywords } from './convert-value-keywords.js';
import { type LazyPointer, pointerText } from './lazy-pointer.js';
import { anchorOf } from './schema-anchor.js';
import { SCHEMA_BUDGET } from './schema-budget.js';
import { unwrapSingleAllOf } from './unwrap-single-all-of.js';

/** Keywords that only describe; safe to merge beside a `$ref` or into a copy. */
const ANNOTATIONS = new Set(['title', 'description', 'default', 'examples', 'deprecated']);

/** Converts `node` found at `pointer`, recording its weight and `$defs` needs in `frame`. */
export function convertSchemaNode(
  ctx: ConvertContext,
  node: unknown,
  pointer: LazyPointer,
  frame: Frame,
  depth: number,
  propertyName: string | undefined,
): JsonSchema {
  if (typeof node === 'boolean') {
    frame.size++;
    return node;
  }
  // A schema we cannot use becomes `{}` (accept anything), with a diagnostic saying why.
  const repaired = (
    code: DiagnosticCodeValue,
    message: string,
    extra: { severity?: DiagnosticSeverity; help?: string } = {},
  ): JsonSchema => {
    ctx.sink.add(code, message, { pointer: pointerText(pointer), ...extra });
    frame.size++;
    return {};
  };
  if (!isRecord(node)) {
    return repaired(
      DiagnosticCode.SCHEMA_REPLACED,
      'A schema is not an object; it accepts any value instead.',
    );
  }
  if (depth > SCHEMA_BUDGET.MAX_DEPTH) {
    return repaired(
      DiagnosticCode.SCHEMA_TRUNCATED,
      `Schema nesting deeper than ${SCHEMA_BUDGET.MAX_DEPTH} levels was cut; the rest accepts any value.`,
      // Unlike the $defs budget, no real API nests this deep: worth a look, so a warning.
      { severity: 'warning', help: 'Nest less deeply, or move the inner levels to a named schema.' },
    );
  }
  // Only reachable when the caller passed a dereferenced (cyclic) object graph.
  if (ctx.inProgress.has(node)) {
    return repaired(
      DiagnosticCode.SCHEMA_CYCLE_CUT,
      'A schema contains itself; the inner copy accepts any value.',
      { help: 'Pass the document with its $refs (not dereferenced), so recursion can go through $defs.' },
    );
  }
  if (typeof node.$ref === 'string') return convertRef(ctx, node, pointer, frame, depth);
  ctx.inProgress.add(node);
  try {
    frame.size += 10;
    const out: Record<string, unknown> = {};
    const child = (value: unknown, segs: readonly string[], name?: string) =>
      convertSchemaNode(ctx, value, { up: pointer, segs }, frame, depth + 1, name);
    convertValueKeywords(ctx, node, out, pointer, frame, propertyName);
    return convertShapeKeywords(ctx, node, out, pointer, frame, child);
  } finally {
    ctx.inProgress.delete(node);
  }
}

/** The converted target of canonical ref `key`, converted once per context. */
export function convertRefTarget(ctx: ConvertContext, key: string): Converted {
  let done = ctx.targets.get(key);
  if (done === undefined) {
    const resolved = ctx.refs.byKey(key);
    const frame: Frame = { size: 0, deps: new Set() };
    const schema = convertSchemaNode(ctx, resolved?.target, resolved?.pointer ?? '', frame, 0, undefined);
    done = { schema, size: frame.size, deps: [...frame.deps] };
    ctx.targets.set(key, done);
  }
  return done;
}

function convertRef(
  ctx: ConvertContext,
  node: Record<string, unknown>,
  pointer: LazyPointer,
  frame: Frame,
  depth: number,
): JsonSchema {
  const resolved = ctx.refs.lookup(node.$ref as string);
  let result: JsonSchema;
  if (!resolved.ok) {
    ctx.sink.add(
      DiagnosticCode.SCHEMA_REF_UNRESOLVED,
      `${resolved.reason}; the schema accepts any value instead.`,
      { pointer: pointerText(pointer) },
    );
    frame.size++;
    result = {};
  } else if (ctx.isCyclic(resolved.key) || anchorOf(resolved.target) !== undefined) {
    // An anchored schema must appear once per tool schema: inlined twice, its
    // `$anchor` would be defined twice and the schema would not compile.
    result = defRef(ctx, resolved.key, frame);
  } else {
    const target = convertRefTarget(ctx, resolved.key);
    if (target.size <= SCHEMA_BUDGET.INLINE_MAX_WEIGHT) {
      frame.size += target.size;
      for (const dep of target.deps) frame.deps.add(dep);
      result = target.schema;
    } else {
      result = defRef(ctx, resolved.key, frame);
    }
  }
  // Siblings of `$ref`: ignored by 3.0 but used everywhere for descriptions
  // and `nullable`; 3.1 gives them full meaning.
  const rest: Record<string, unknown> = {};
  let hasRest = false;
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' || k === 'nullable' || k.startsWith('x-')) continue;
    setSafe(rest, k, v);
    hasRest = true;
  }
  if (hasRest) {
    const siblings = convertSchemaNode(ctx, rest, pointer, frame, depth, undefined);
    if (isRecord(siblings)) {
      const keys = Object.keys(siblings);
      if (keys.length > 0) {
        if (keys.every((k) => ANNOTATIONS.has(k))) {
          result = isRecord(result)
            ? { ...result, ...siblings }
            : unwrapSingleAllOf({ allOf: [result], ...siblings });
        } else {
          const allOf = Array.isArray(siblings.allOf) ? siblings.allOf : [];
          result = unwrapSingleAllOf({ ...siblings, allOf: [result, ...allOf] });
        }
      }
    }
  }
  if (node.nullable === true && !acceptsNull(result)) result = { anyOf: [result, { type: 'null' }] };
  return result;
}

function defRef(ctx: ConvertContext, key: string, frame: Frame): JsonSchema {
  frame.size += 20;
  frame.deps.add(key);
  return { $ref: `#/$defs/${ctx.defName(key)}` };
}
