/**
 * The structural keywords of one schema object (properties, items,
 * composition, conditions), shared by both modes: subschemas are converted
 * through `child`, `readOnly`/`writeOnly` properties are left out per mode, and
 * output schemas are loosened so real responses still validate.
 */
import { DiagnosticCode } from '../diagnostics.js';
import type { JsonSchema } from '../model/types.js';
import { LIST_SUBSCHEMA, SINGLE_SUBSCHEMA } from '../runtime/subschema-keywords.js';
import { isRecord, setSafe } from '../safe-record.js';
import { acceptsNull } from './accepts-null.js';
import { isBacktrackingPattern } from './backtracking-pattern.js';
import type { ConvertContext, Frame } from './convert-context.js';
import { isHiddenProperty } from './hidden-property.js';
import { type LazyPointer, pointerText } from './lazy-pointer.js';
import { isValidPattern } from './unicode-pattern.js';
import { unwrapSingleAllOf } from './unwrap-single-all-of.js';

/** Converts one subschema found `segs` below the current node (`name`: the property it defines). */
export type ConvertChild = (value: unknown, segs: readonly string[], name?: string) => JsonSchema;

/** Conditions that discriminate by value; meaningless in shape-only output schemas. */
const OUTPUT_VALUE_CONDITIONS: ReadonlySet<string> = new Set(['not', 'if', 'then', 'else']);

/** Adds the structural keywords of `node` to `out` (its value keywords) and returns the schema. */
export function convertShapeKeywords(
  ctx: ConvertContext,
  node: Record<string, unknown>,
  out: Record<string, unknown>,
  pointer: LazyPointer,
  frame: Frame,
  child: ConvertChild,
): JsonSchema {
  const { mode, sink } = ctx;
  const nullable = node.nullable === true;
  const types = out.type === undefined ? undefined : [out.type].flat();
  let excluded: Set<string> | undefined;
  if (isRecord(node.properties)) {
    const props: Record<string, JsonSchema> = {};
    for (const [name, value] of Object.entries(node.properties)) {
      if (isHiddenProperty(value, mode, ctx.refs.deref)) {
        excluded ??= new Set();
        excluded.add(name);
        continue;
      }
      if (isRecord(value) && value.required === true) {
        sink.add(
          DiagnosticCode.SCHEMA_KEYWORD_DROPPED,
          `Property "${name}" has \`required: true\` (Swagger 2.0 style); it was dropped, list it in the parent's \`required\` instead.`,
          { pointer: pointerText(pointer, 'properties', name, 'required') },
        );
      }
      frame.size += name.length + 4;
      const converted = child(value, ['properties', name], name);
      if (typeof converted === 'boolean') {
        // SDK 1.32's client refuses a whole tool list over one boolean property schema.
        sink.add(
          DiagnosticCode.SCHEMA_BOOLEAN_PROPERTY,
          converted
            ? `Property "${name}" has the schema \`true\`; it is offered as {} (any value).`
            : `Property "${name}" has the schema \`false\` (it may never be given); it was left out.`,
          { pointer: pointerText(pointer, 'properties', name) },
        );
        if (converted) setSafe(props, name, {});
        continue;
      }
      setSafe(props, name, converted);
    }
    out.properties = props;
  }
  if (Array.isArray(node.required)) {
    if (mode === 'input') {
      const names = [...new Set(node.required.filter((r): r is string => typeof r === 'string'))].filter(
        (r) => !excluded?.has(r),
      );
      if (names.length > 0) out.required = names;
    }
  } else if (node.required !== undefined && typeof node.required !== 'boolean') {
    sink.add(DiagnosticCode.SCHEMA_KEYWORD_DROPPED, '`required` that is not a list was dropped.', {
      pointer: pointerText(pointer, 'required'),
    });
  }
  if (isRecord(node.patternProperties)) {
    const props: Record<string, JsonSchema> = {};
    for (const [pattern, value] of Object.entries(node.patternProperties)) {
      if (!isValidPattern(pattern)) {
        sink.add(
          DiagnosticCode.SCHEMA_KEYWORD_DROPPED,
          `patternProperties key ${JSON.stringify(pattern)} is not a valid regular expression; it was dropped.`,
          { pointer: pointerText(pointer, 'patternProperties') },
        );
        continue;
      }
      if (isBacktrackingPattern(pattern)) {
        // Property names come from the (untrusted) arguments: matching them must not stall the server.
        sink.add(
          DiagnosticCode.SCHEMA_KEYWORD_DROPPED,
          `patternProperties key ${JSON.stringify(pattern)} can take exponential time to match (ReDoS); it was dropped.`,
          { pointer: pointerText(pointer, 'patternProperties') },
        );
        continue;
      }
      setSafe(props, pattern, child(value, ['patternProperties', pattern]));
    }
    out.patternProperties = props;
  }
  for (const k of ['additionalProperties', 'unevaluatedProperties'] as const) {
    const v = node[k];
    if (v === undefined) continue;
    // APIs add response fields over time; a closed output schema would reject them.
    if (mode === 'output' && v === false) continue;
    // `additionalProperties: true` beside declared properties is the default spelled out; the OpenAI
    // Agents SDK's strict mode refuses the whole tool over it, and without it keeps every declared one.
    if (mode === 'input' && k === 'additionalProperties' && isRedundantOpenness(v, out, node)) continue;
    if (typeof v === 'boolean' || isRecord(v)) out[k] = child(v, [k]);
  }
  if (Array.isArray(node.items)) {
    // draft-04 tuple form
    out.prefixItems = node.items.map((v, i) => child(v, ['items', String(i)]));
  } else if (node.items !== undefined) {
    out.items = child(node.items, ['items']);
  }
  for (const k of LIST_SUBSCHEMA) {
    const v = node[k];
    if (!Array.isArray(v) || v.length === 0) continue;
    const branches = v.map((s, i) => child(s, [k, String(i)]));
    if (k === 'oneOf' && mode === 'output') {
      // Shape-only branches overlap once their const/enum are gone (Discord's
      // `oneOf: [{const: 1}, {const: 2}]` becomes two `{type: integer}`), so
      // "exactly one" would refuse every real response: any one suffices.
      if (out.anyOf === undefined) out.anyOf = branches;
      else out.allOf = [...((out.allOf as JsonSchema[] | undefined) ?? []), { anyOf: branches }];
    } else out[k] = branches;
  }
  for (const k of SINGLE_SUBSCHEMA) {
    // Without values, `not`/`if` can no longer tell responses apart (`not: {const: x}`
    // would refuse every string): outputs keep only what describes shape.
    if (mode === 'output' && OUTPUT_VALUE_CONDITIONS.has(k)) continue;
    if (node[k] !== undefined) out[k] = child(node[k], [k]);
  }
  if (isRecord(node.dependentSchemas)) {
    const deps: Record<string, JsonSchema> = {};
    for (const [name, value] of Object.entries(node.dependentSchemas)) {
      setSafe(deps, name, child(value, ['dependentSchemas', name]));
    }
    out.dependentSchemas = deps;
  }
  if (isRecord(node.dependentRequired)) {
    const deps: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(node.dependentRequired)) {
      if (Array.isArray(value) && value.every((v) => typeof v === 'string')) setSafe(deps, name, value);
    }
    out.dependentRequired = deps;
  }

  const shaped = unwrapSingleAllOf(out);
  if (
    nullable &&
    !types &&
    !Array.isArray(node.enum) &&
    isRecord(shaped) &&
    Object.keys(shaped).length > 0 &&
    !acceptsNull(shaped)
  ) {
    // `nullable` beside allOf/oneOf/...: no `type` to extend, so offer null as an alternative.
    const { description, ...rest } = shaped;
    return description === undefined
      ? { anyOf: [rest, { type: 'null' }] }
      : { description, anyOf: [rest, { type: 'null' }] };
  }
  return shaped;
}

/**
 * `additionalProperties: true` (or `{}`, before conversion) beside declared
 * properties, with no `unevaluatedProperties` that would read its annotation:
 * says nothing.
 */
function isRedundantOpenness(
  extra: unknown,
  out: Record<string, unknown>,
  node: Record<string, unknown>,
): boolean {
  const open = extra === true || (isRecord(extra) && Object.keys(extra).length === 0);
  return (
    open &&
    isRecord(out.properties) &&
    Object.keys(out.properties).length > 0 &&
    node.unevaluatedProperties === undefined
  );
}
