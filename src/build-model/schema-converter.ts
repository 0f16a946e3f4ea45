/**
 * OpenAPI 3.0/3.1 Schema Object → JSON Schema 2020-12, as MCP tool schemas need
 * it (MCP-SDK.md §1.9): `nullable` → type unions, `example` → `examples`,
 * draft-04 boolean exclusive bounds → numbers, vendor/OpenAPI-only keywords
 * dropped, `readOnly` properties removed from inputs and `writeOnly` from
 * outputs, and no `#/components/...` ref left behind.
 *
 * Refs: a non-recursive target whose converted weight is at most
 * `INLINE_MAX_WEIGHT` is inlined; a recursive (cyclic) target, or a larger one,
 * becomes `{ $ref: '#/$defs/Name' }` and its body goes into the ROOT tool
 * schema's `$defs`. Converted targets are cached per document and mode, so a
 * spec with heavily shared schemas is converted once, and the emitted JSON grows
 * with the spec, never exponentially (SECURITY.md T14, A7, A8). A tool whose
 * `$defs` would pass its budget gets `{}` (accept anything) for the rest.
 */
import { DiagnosticCode } from '../diagnostics.js';
import { escapePointerSegment } from '../json-pointer.js';
import type { JsonSchema } from '../model/types.js';
import { getOwn, isRecord, setSafe } from '../safe-record.js';
import type { DiagnosticSink } from './diagnostic-sink.js';
import { parseRef, resolveRef } from './resolve-ref.js';
import { MAX_DESCRIPTION_LENGTH, sanitizeText } from './sanitize-text.js';

/** `input`: arguments the tool receives. `output`: the response it returns. */
export type SchemaMode = 'input' | 'output';

/**
 * Size limits. Sizes are "weights": an estimate of the emitted JSON length in
 * characters (cheap to keep while converting, close enough to decide with).
 */
export const SCHEMA_BUDGET = {
  /** A ref target weighing up to this is inlined at each use; heavier ones go to `$defs`. */
  INLINE_MAX_WEIGHT: 3000,
  /** Weight of `$defs` one input schema may carry; further defs become `{}` stubs. */
  INPUT_DEFS_MAX_WEIGHT: 60_000,
  /**
   * Same for output schemas: they are for validation and rarely read by the
   * model, and recursive API graphs (Stripe) would otherwise pull in half the spec.
   */
  OUTPUT_DEFS_MAX_WEIGHT: 20_000,
  /** Descriptions in output schemas are cut shorter than in input schemas. */
  OUTPUT_DESCRIPTION_MAX_LENGTH: 300,
  /** Nesting deeper than this (without refs) is cut to `{}`. */
  MAX_DEPTH: 64,
  /** `examples` whose JSON is longer than this are dropped (token budget). */
  MAX_EXAMPLE_CHARS: 1000,
} as const;

const JSON_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'array', 'object', 'null']);

/** Keywords whose value is one subschema. */
const SINGLE_SUBSCHEMA = [
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedItems',
  'contentSchema',
] as const;
/** Conditions that discriminate by value; meaningless in shape-only output schemas. */
const OUTPUT_VALUE_CONDITIONS: ReadonlySet<string> = new Set(['not', 'if', 'then', 'else']);
/** Keywords whose value is a list of subschemas. */
const LIST_SUBSCHEMA = ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const;
/** Keywords whose value maps names to subschemas. */
const MAP_SUBSCHEMA = ['properties', 'patternProperties', 'dependentSchemas'] as const;
const NON_NEGATIVE_INTEGER = [
  'maxLength',
  'minLength',
  'maxItems',
  'minItems',
  'maxProperties',
  'minProperties',
] as const;

interface Converted {
  schema: JsonSchema;
  /** Schema objects in `schema`, counting inlined targets fully and `$ref`s as one. */
  size: number;
  /** Canonical refs of the `$defs` entries `schema` points to (directly or through inlined targets). */
  deps: string[];
}

/** Accumulates what a conversion in progress emitted. */
interface Frame {
  size: number;
  deps: Set<string>;
}

/** Conversion for one tool schema: shares one `$defs` across all its parts. */
export interface SchemaScope {
  /**
   * Converts one OpenAPI schema found at `pointer` (for diagnostics). The result
   * may be shared with other tools: copy before changing it.
   */
  convert(schema: unknown, pointer: string, propertyName?: string): JsonSchema;
  /** Adds `$defs` for every def the converted parts reference to `root` (mutated and returned). */
  finish(root: Record<string, unknown>): Record<string, unknown>;
}

/** Per-document converter; caches converted ref targets across tools. */
export interface SchemaConverter {
  createScope(mode: SchemaMode): SchemaScope;
  /** Follows `$ref`s (refs to refs too); `undefined` when unresolvable. */
  deref(schema: unknown): unknown;
  /** How many tool schemas, per mode, had `$defs` replaced by `{}` to stay within budget. */
  readonly truncated: Record<SchemaMode, number>;
  /** True when a property schema is `readOnly` (input) / `writeOnly` (output) and so left out. */
  isHidden(schema: unknown, mode: SchemaMode): boolean;
}

interface RefInfo {
  ok: boolean;
  target: unknown;
  /** JSON pointer (without `#`) of the target, for diagnostics. */
  pointer: string;
  reason: string;
}

/** Creates the converter for one document; report problems into `sink`. */
export function createSchemaConverter(document: unknown, sink: DiagnosticSink): SchemaConverter {
  const refInfos = new Map<string, RefInfo>();
  const cache = new Map<string, Converted>();
  const defNames = new Map<string, string>();
  const usedDefNames = new Set<string>();
  // Tarjan SCC state for cycle detection over the ref graph, computed lazily.
  const cyclic = new Map<string, boolean>();
  const edgesCache = new Map<string, string[]>();
  const inProgress = new WeakSet<object>();

  // By the ref as written: resolving (decode, split, walk) once per spelling.
  const byRawRef = new Map<string, RefInfo & { key: string }>();

  function refInfo(ref: string): RefInfo & { key: string } {
    const known = byRawRef.get(ref);
    if (known !== undefined) return known;
    const resolved = resolveRef(document, ref);
    let result: RefInfo & { key: string };
    if (!resolved.ok) {
      result = { ok: false, target: undefined, pointer: '', reason: resolved.reason, key: ref };
    } else {
      let info = refInfos.get(resolved.ref);
      if (info === undefined) {
        info = { ok: true, target: resolved.value, pointer: resolved.ref.slice(1), reason: '' };
        refInfos.set(resolved.ref, info);
      }
      result = { ...info, key: resolved.ref };
    }
    byRawRef.set(ref, result);
    return result;
  }

  function deref(schema: unknown): unknown {
    if (isRecord(schema) && typeof schema.$ref === 'string') {
      const info = refInfo(schema.$ref);
      return info.ok ? info.target : undefined;
    }
    return schema;
  }

  function defName(key: string): string {
    let name = defNames.get(key);
    if (name !== undefined) return name;
    const segments = parseRef(key) ?? [];
    const isComponentSchema =
      segments.length === 3 && segments[0] === 'components' && segments[1] === 'schemas';
    const raw = isComponentSchema ? (segments[2] ?? '') : segments.slice(-3).join('_');
    const base = raw.replace(/[^A-Za-z0-9_.-]+/g, '_') || 'schema';
    name = base;
    for (let n = 2; usedDefNames.has(name); n++) name = `${base}_${n}`;
    usedDefNames.add(name);
    defNames.set(key, name);
    return name;
  }

  // ---- cycle detection -------------------------------------------------

  function collectRefs(node: unknown, out: Set<string>, depth: number): void {
    if (depth > SCHEMA_BUDGET.MAX_DEPTH || !isRecord(node)) return;
    if (typeof node.$ref === 'string') {
      const resolved = refInfo(node.$ref);
      if (resolved.ok) out.add(resolved.key);
    }
    forEachSubschema(node, (child) => collectRefs(child, out, depth + 1));
  }

  function edges(key: string): string[] {
    let list = edgesCache.get(key);
    if (list === undefined) {
      const out = new Set<string>();
      collectRefs(refInfos.get(key)?.target, out, 0);
      list = [...out];
      edgesCache.set(key, list);
    }
    return list;
  }

  /** Iterative Tarjan from `start`; marks every node reached with whether it sits on a cycle. */
  function analyse(start: string): void {
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    let counter = 0;
    const work: Array<{ node: string; next: number }> = [];
    const visit = (node: string) => {
      index.set(node, counter);
      low.set(node, counter);
      counter++;
      stack.push(node);
      onStack.add(node);
      work.push({ node, next: 0 });
    };
    visit(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const out = edges(frame.node);
      if (frame.next < out.length) {
        const child = out[frame.next++]!;
        if (cyclic.has(child)) continue;
        if (!refInfos.has(child)) refInfo(child);
        if (!index.has(child)) visit(child);
        else if (onStack.has(child)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(child)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        const onCycle = component.length > 1 || edges(frame.node).includes(frame.node);
        for (const m of component) cyclic.set(m, onCycle);
      }
    }
  }

  function isCyclic(key: string): boolean {
    if (!cyclic.has(key)) analyse(key);
    return cyclic.get(key) === true;
  }

  // ---- conversion ------------------------------------------------------

  function convertTarget(key: string, mode: SchemaMode): Converted {
    const cacheKey = `${mode} ${key}`;
    let done = cache.get(cacheKey);
    if (done === undefined) {
      const info = refInfos.get(key)!;
      const frame: Frame = { size: 0, deps: new Set() };
      const schema = convertNode(info.target, info.pointer, mode, frame, 0, undefined);
      done = { schema, size: frame.size, deps: [...frame.deps] };
      cache.set(cacheKey, done);
    }
    return done;
  }

  function convertRef(
    node: Record<string, unknown>,
    pointer: Ptr,
    mode: SchemaMode,
    frame: Frame,
    depth: number,
  ): JsonSchema {
    const ref = node.$ref as string;
    const info = refInfo(ref);
    let result: JsonSchema;
    if (!info.ok) {
      sink.add(
        DiagnosticCode.SCHEMA_REF_UNRESOLVED,
        `${info.reason}; the schema accepts any value instead.`,
        {
          pointer: pointerText(pointer),
        },
      );
      frame.size++;
      result = {};
    } else if (isCyclic(info.key) || anchorOf(info.target) !== undefined) {
      // An anchored schema must appear once per tool schema: inlined twice, its
      // `$anchor` would be defined twice and the schema would not compile.
      result = defRef(info.key, frame);
    } else {
      const target = convertTarget(info.key, mode);
      if (target.size <= SCHEMA_BUDGET.INLINE_MAX_WEIGHT) {
        frame.size += target.size;
        for (const dep of target.deps) frame.deps.add(dep);
        result = target.schema;
      } else {
        result = defRef(info.key, frame);
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
      const siblings = convertNode(rest, pointer, mode, frame, depth, undefined);
      if (isRecord(siblings)) {
        const keys = Object.keys(siblings);
        if (keys.length > 0) {
          if (keys.every((k) => ANNOTATIONS.has(k))) {
            result = isRecord(result) ? { ...result, ...siblings } : { allOf: [result], ...siblings };
          } else {
            const allOf = Array.isArray(siblings.allOf) ? siblings.allOf : [];
            result = { ...siblings, allOf: [result, ...allOf] };
          }
        }
      }
    }
    if (node.nullable === true && !acceptsNull(result)) result = { anyOf: [result, { type: 'null' }] };
    return result;
  }

  function defRef(key: string, frame: Frame): JsonSchema {
    frame.size += 20;
    frame.deps.add(key);
    return { $ref: `#/$defs/${defName(key)}` };
  }

  function convertNode(
    node: unknown,
    pointer: Ptr,
    mode: SchemaMode,
    frame: Frame,
    depth: number,
    propertyName: string | undefined,
  ): JsonSchema {
    if (typeof node === 'boolean') {
      frame.size++;
      return node;
    }
    // A schema we cannot use becomes `{}` (accept anything), with a diagnostic saying why.
    const repaired = (message: string): JsonSchema => {
      sink.add(DiagnosticCode.SCHEMA_REPAIRED, message, { pointer: pointerText(pointer) });
      frame.size++;
      return {};
    };
    if (!isRecord(node)) return repaired('A schema is not an object; it accepts any value instead.');
    if (depth > SCHEMA_BUDGET.MAX_DEPTH) {
      return repaired(
        `Schema nesting deeper than ${SCHEMA_BUDGET.MAX_DEPTH} levels was cut; the rest accepts any value.`,
      );
    }
    // Only reachable when the caller passed a dereferenced (cyclic) object graph.
    if (inProgress.has(node)) return repaired('A schema contains itself; the inner copy accepts any value.');
    if (typeof node.$ref === 'string') return convertRef(node, pointer, mode, frame, depth);
    inProgress.add(node);
    try {
      return convertObject(node, pointer, mode, frame, depth, propertyName);
    } finally {
      inProgress.delete(node);
    }
  }

  function convertObject(
    node: Record<string, unknown>,
    pointer: Ptr,
    mode: SchemaMode,
    frame: Frame,
    depth: number,
    propertyName: string | undefined,
  ): JsonSchema {
    frame.size += 10;
    const out: Record<string, unknown> = {};
    const nullable = node.nullable === true;
    const child = (value: unknown, segs: readonly string[], name?: string) =>
      convertNode(value, { up: pointer, segs }, mode, frame, depth + 1, name);

    // type
    let types: string[] | undefined;
    if (typeof node.type === 'string' || Array.isArray(node.type)) {
      const raw = Array.isArray(node.type) ? node.type : [node.type];
      types = [];
      for (const t of raw) {
        const name = t === 'file' ? 'string' : t;
        if (typeof name === 'string' && JSON_TYPES.has(name)) {
          if (!types.includes(name)) types.push(name);
        } else {
          sink.add(DiagnosticCode.SCHEMA_REPAIRED, `Unknown schema type ${JSON.stringify(t)} was dropped.`, {
            pointer: pointerText(pointer, 'type'),
          });
        }
      }
      if (node.type === 'file' && node.format === undefined) out.format = 'binary';
      if (types.length === 0) types = undefined;
    } else if (node.type !== undefined) {
      sink.add(DiagnosticCode.SCHEMA_REPAIRED, 'A schema `type` that is not a string or list was dropped.', {
        pointer: pointerText(pointer, 'type'),
      });
    }
    if (types && nullable && !types.includes('null')) types.push('null');
    if (types) out.type = types.length === 1 ? types[0] : types;

    if (typeof node.title === 'string' && node.title.trim() !== '' && node.title !== propertyName) {
      out.title = sanitizeText(node.title, 200);
    }
    if (typeof node.description === 'string') {
      const text = sanitizeText(
        node.description,
        mode === 'output' ? SCHEMA_BUDGET.OUTPUT_DESCRIPTION_MAX_LENGTH : MAX_DESCRIPTION_LENGTH,
      );
      if (text !== '') {
        out.description = text;
        frame.size += text.length + 16;
      }
    }
    // Output schemas describe the response's shape, not its values: APIs add enum
    // values and send formats loosely, and a client that validates a result
    // against a stricter schema rejects the whole call.
    if (mode === 'output') return convertShape(node, out, pointer, mode, frame, child);
    if (typeof node.format === 'string') out.format = node.format;
    if (Array.isArray(node.enum) && node.enum.length === 0) {
      // JSON Schema requires a non-empty enum (Ajv refuses to compile `enum: []`).
      sink.add(DiagnosticCode.SCHEMA_REPAIRED, 'An empty `enum` was dropped.', {
        pointer: pointerText(pointer, 'enum'),
      });
    } else if (Array.isArray(node.enum)) {
      const values = [...node.enum];
      if (nullable && !values.includes(null)) values.push(null);
      out.enum = values;
      frame.size += 8 + values.length * 12;
    } else if (node.enum !== undefined) {
      sink.add(DiagnosticCode.SCHEMA_REPAIRED, '`enum` that is not a list was dropped.', {
        pointer: pointerText(pointer, 'enum'),
      });
    }
    if (Object.hasOwn(node, 'const')) out.const = node.const;
    if (Object.hasOwn(node, 'default')) out.default = node.default;
    const examples = Array.isArray(node.examples)
      ? node.examples
      : Object.hasOwn(node, 'example') && node.example !== undefined
        ? [node.example]
        : undefined;
    // `example: { $ref: '#/components/examples/...' }` is a misplaced Example Object ref, not data.
    if (examples && examples.length > 0 && !examples.some((e) => isRecord(e) && typeof e.$ref === 'string')) {
      const length = JSON.stringify(examples)?.length ?? 0;
      if (length <= SCHEMA_BUDGET.MAX_EXAMPLE_CHARS) {
        out.examples = examples;
        frame.size += length + 12;
      }
    }
    if (node.deprecated === true) out.deprecated = true;

    // numeric bounds
    for (const k of ['multipleOf', 'maximum', 'minimum'] as const) {
      if (typeof node[k] === 'number') out[k] = node[k];
    }
    for (const [k, bound] of [
      ['exclusiveMaximum', 'maximum'],
      ['exclusiveMinimum', 'minimum'],
    ] as const) {
      const v = node[k];
      if (typeof v === 'number') out[k] = v;
      else if (v === true && typeof node[bound] === 'number') {
        // draft-04 style (OpenAPI 3.0): the bound itself is exclusive.
        out[k] = node[bound];
        delete out[bound];
      }
    }
    for (const k of NON_NEGATIVE_INTEGER) {
      const v = node[k];
      if (typeof v === 'number' && Number.isInteger(v) && v >= 0) out[k] = v;
      else if (v !== undefined) {
        sink.add(DiagnosticCode.SCHEMA_REPAIRED, `\`${k}\` must be a non-negative integer; it was dropped.`, {
          pointer: pointerText(pointer, k),
        });
      }
    }
    if (typeof node.uniqueItems === 'boolean' && node.uniqueItems) out.uniqueItems = true;
    if (typeof node.pattern === 'string') {
      const repaired = isValidPattern(node.pattern) ? undefined : toUnicodePattern(node.pattern);
      if (isValidPattern(node.pattern)) out.pattern = node.pattern;
      else if (repaired !== undefined) {
        out.pattern = repaired;
        sink.add(
          DiagnosticCode.SCHEMA_REPAIRED,
          `Pattern ${JSON.stringify(node.pattern)} escapes characters that need no escape, which ECMAScript (u) refuses; it is used as ${JSON.stringify(repaired)}.`,
          { pointer: pointerText(pointer, 'pattern'), severity: 'info' },
        );
      } else {
        sink.add(
          DiagnosticCode.SCHEMA_REPAIRED,
          `Pattern ${JSON.stringify(node.pattern)} is not a valid ECMAScript (u) regular expression; it was dropped.`,
          { pointer: pointerText(pointer, 'pattern') },
        );
      }
    }
    for (const k of ['contentMediaType', 'contentEncoding'] as const) {
      if (typeof node[k] === 'string') out[k] = node[k];
    }

    return convertShape(node, out, pointer, mode, frame, child);
  }

  /** The structural part of a schema (properties, items, composition), shared by both modes. */
  function convertShape(
    node: Record<string, unknown>,
    out: Record<string, unknown>,
    pointer: Ptr,
    mode: SchemaMode,
    frame: Frame,
    child: (value: unknown, segs: readonly string[], name?: string) => JsonSchema,
  ): JsonSchema {
    const nullable = node.nullable === true;
    const types = out.type === undefined ? undefined : [out.type].flat();
    // subschemas
    let excluded: Set<string> | undefined;
    if (isRecord(node.properties)) {
      const props: Record<string, JsonSchema> = {};
      for (const [name, value] of Object.entries(node.properties)) {
        if (isHiddenProperty(value, mode)) {
          excluded ??= new Set();
          excluded.add(name);
          continue;
        }
        if (isRecord(value) && value.required === true) {
          sink.add(
            DiagnosticCode.SCHEMA_REPAIRED,
            `Property "${name}" has \`required: true\` (Swagger 2.0 style); it was dropped, list it in the parent's \`required\` instead.`,
            { pointer: pointerText(pointer, 'properties', name, 'required') },
          );
        }
        frame.size += name.length + 4;
        setSafe(props, name, child(value, ['properties', name], name));
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
      sink.add(DiagnosticCode.SCHEMA_REPAIRED, '`required` that is not a list was dropped.', {
        pointer: pointerText(pointer, 'required'),
      });
    }
    if (isRecord(node.patternProperties)) {
      const props: Record<string, JsonSchema> = {};
      for (const [pattern, value] of Object.entries(node.patternProperties)) {
        if (!isValidPattern(pattern)) {
          sink.add(
            DiagnosticCode.SCHEMA_REPAIRED,
            `patternProperties key ${JSON.stringify(pattern)} is not a valid regular expression; it was dropped.`,
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

    if (nullable && !types && !Array.isArray(node.enum) && Object.keys(out).length > 0 && !acceptsNull(out)) {
      // `nullable` beside allOf/oneOf/...: no `type` to extend, so offer null as an alternative.
      const { description, ...rest } = out;
      return description === undefined
        ? { anyOf: [rest, { type: 'null' }] }
        : { description, anyOf: [rest, { type: 'null' }] };
    }
    return out;
  }

  function isHiddenProperty(value: unknown, mode: SchemaMode): boolean {
    const flag = mode === 'input' ? 'readOnly' : 'writeOnly';
    if (!isRecord(value)) return false;
    if (value[flag] === true) return true;
    const target = deref(value);
    if (isRecord(target) && target[flag] === true) return true;
    if (Array.isArray(value.allOf)) {
      return value.allOf.some((part) => {
        const resolved = deref(part);
        return isRecord(resolved) && resolved[flag] === true;
      });
    }
    return false;
  }

  const truncatedCount: Record<SchemaMode, number> = { input: 0, output: 0 };

  return {
    deref,
    truncated: truncatedCount,
    isHidden: isHiddenProperty,
    createScope(mode) {
      const deps = new Set<string>();
      return {
        convert(schema, pointer, propertyName) {
          const frame: Frame = { size: 0, deps };
          return convertNode(schema, pointer, mode, frame, 0, propertyName);
        },
        finish(root) {
          const defs: Record<string, JsonSchema> = {};
          let size = 0;
          let truncated = 0;
          const budget =
            mode === 'input' ? SCHEMA_BUDGET.INPUT_DEFS_MAX_WEIGHT : SCHEMA_BUDGET.OUTPUT_DEFS_MAX_WEIGHT;
          // `deps` grows while we walk it: Set iteration visits late additions.
          for (const key of deps) {
            const name = defName(key);
            const target = convertTarget(key, mode);
            if (size + target.size > budget) {
              truncated++;
              setSafe(defs, name, {});
              continue;
            }
            size += target.size;
            const anchor = anchorOf(refInfos.get(key)?.target);
            setSafe(
              defs,
              name,
              anchor !== undefined && isRecord(target.schema)
                ? { $anchor: anchor, ...target.schema }
                : target.schema,
            );
            for (const dep of target.deps) deps.add(dep);
          }
          // One summary diagnostic per build (build-api-model.ts), not one per tool.
          if (truncated > 0) truncatedCount[mode]++;
          if (Object.keys(defs).length > 0) root.$defs = defs;
          return root;
        },
      };
    },
  };
}

/** A schema's own valid `$anchor` (JSON Schema 2020-12 §8.2.2), kept only on `$defs` entries. */
function anchorOf(schema: unknown): string | undefined {
  return isRecord(schema) &&
    typeof schema.$anchor === 'string' &&
    /^[A-Za-z_][-A-Za-z0-9._]*$/.test(schema.$anchor)
    ? schema.$anchor
    : undefined;
}

/** Keywords that only describe; safe to merge beside a `$ref` or into a copy. */
const ANNOTATIONS = new Set(['title', 'description', 'default', 'examples', 'deprecated']);

function acceptsNull(schema: JsonSchema): boolean {
  if (typeof schema === 'boolean') return schema;
  if (Object.keys(schema).length === 0) return true;
  const t = schema.type;
  return t === 'null' || (Array.isArray(t) && t.includes('null'));
}

/**
 * Outside unicode mode `\:` simply means `:`; unicode mode (which JSON Schema
 * validators use) refuses such identity escapes. Dropping the needless
 * backslashes keeps the pattern's meaning (DigitalOcean: `^[a-zA-Z0-9_\-\:]+$`).
 * Undefined when the pattern is still invalid.
 */
function toUnicodePattern(pattern: string): string | undefined {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i += 1) {
    const c = pattern[i] as string;
    if (c === '\\' && i + 1 < pattern.length) {
      const next = pattern[i + 1] as string;
      const keep = /[A-Za-z0-9^$\\.*+?()[\]{}|/]/.test(next) || (inClass && next === '-');
      out += keep ? c + next : next;
      i += 1;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    out += c;
  }
  return out !== pattern && isValidPattern(out) ? out : undefined;
}

function isValidPattern(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

/**
 * A JSON pointer built lazily: most nodes never need theirs (only diagnostics
 * do), and escaping every property name up front was a measurable cost.
 */
type Ptr = string | { up: Ptr; segs: readonly string[] };

function pointerText(pointer: Ptr, ...more: string[]): string {
  const parts: string[] = [];
  let current: Ptr = pointer;
  while (typeof current !== 'string') {
    for (let i = current.segs.length - 1; i >= 0; i--) parts.push(escapePointerSegment(current.segs[i]!));
    current = current.up;
  }
  parts.reverse();
  for (const seg of more) parts.push(escapePointerSegment(seg));
  return parts.length === 0 ? current : `${current}/${parts.join('/')}`;
}

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
