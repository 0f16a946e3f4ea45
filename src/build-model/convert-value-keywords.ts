/**
 * The keywords of one schema object that describe its value rather than its
 * structure (type, annotations, enum, bounds, pattern, ...), translated to JSON
 * Schema 2020-12: `nullable` → a `null` type, `example` → `examples`, draft-04
 * boolean exclusive bounds → numbers, unusable values dropped with a diagnostic.
 */
import { DiagnosticCode } from '../diagnostics.js';
import { isRecord } from '../safe-record.js';
import { isBacktrackingPattern } from './backtracking-pattern.js';
import type { ConvertContext, Frame } from './convert-context.js';
import { toDescriptionText } from './description-text.js';
import { type LazyPointer, pointerText } from './lazy-pointer.js';
import { MAX_DESCRIPTION_LENGTH, sanitizeText } from './sanitize-text.js';
import { SCHEMA_BUDGET } from './schema-budget.js';
import { isValidPattern, toUnicodePattern } from './unicode-pattern.js';

const JSON_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'array', 'object', 'null']);

const NON_NEGATIVE_INTEGER = [
  'maxLength',
  'minLength',
  'maxItems',
  'minItems',
  'maxProperties',
  'minProperties',
] as const;

/**
 * Writes the value keywords of `node` into `out` (in emitted order). Output
 * schemas keep only type, title and description: they describe the response's
 * shape, not its values, because APIs add enum values and send formats loosely,
 * and a client that validates a result against a stricter schema rejects the
 * whole call.
 */
export function convertValueKeywords(
  ctx: ConvertContext,
  node: Record<string, unknown>,
  out: Record<string, unknown>,
  pointer: LazyPointer,
  frame: Frame,
  propertyName: string | undefined,
): void {
  const { sink } = ctx;
  const nullable = node.nullable === true;

  let types: string[] | undefined;
  if (typeof node.type === 'string' || Array.isArray(node.type)) {
    const raw = Array.isArray(node.type) ? node.type : [node.type];
    types = [];
    for (const t of raw) {
      const name = t === 'file' ? 'string' : t;
      if (typeof name === 'string' && JSON_TYPES.has(name)) {
        if (!types.includes(name)) types.push(name);
      } else {
        sink.add(
          DiagnosticCode.SCHEMA_KEYWORD_DROPPED,
          `Unknown schema type ${JSON.stringify(t)} was dropped.`,
          {
            pointer: pointerText(pointer, 'type'),
          },
        );
      }
    }
    if (node.type === 'file' && node.format === undefined) out.format = 'binary';
    if (types.length === 0) types = undefined;
  } else if (node.type !== undefined) {
    sink.add(
      DiagnosticCode.SCHEMA_KEYWORD_DROPPED,
      'A schema `type` that is not a string or list was dropped.',
      {
        pointer: pointerText(pointer, 'type'),
      },
    );
  }
  if (types && nullable && !types.includes('null')) types.push('null');
  if (types) out.type = types.length === 1 ? types[0] : types;

  if (typeof node.title === 'string' && node.title.trim() !== '' && node.title !== propertyName) {
    out.title = sanitizeText(node.title, 200);
  }
  if (typeof node.description === 'string') {
    const text = toDescriptionText(
      node.description,
      ctx.mode === 'output' ? SCHEMA_BUDGET.OUTPUT_DESCRIPTION_MAX_LENGTH : MAX_DESCRIPTION_LENGTH,
    );
    if (text !== '') {
      out.description = text;
      frame.size += text.length + 16;
    }
  }
  if (ctx.mode === 'output') return;

  if (typeof node.format === 'string') out.format = node.format;
  if (Array.isArray(node.enum) && node.enum.length === 0) {
    // JSON Schema requires a non-empty enum (Ajv refuses to compile `enum: []`).
    sink.add(DiagnosticCode.SCHEMA_KEYWORD_DROPPED, 'An empty `enum` was dropped.', {
      pointer: pointerText(pointer, 'enum'),
    });
  } else if (Array.isArray(node.enum)) {
    const values = [...node.enum];
    if (nullable && !values.includes(null)) values.push(null);
    out.enum = values;
    frame.size += 8 + values.length * 12;
  } else if (node.enum !== undefined) {
    sink.add(DiagnosticCode.SCHEMA_KEYWORD_DROPPED, '`enum` that is not a list was dropped.', {
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
      sink.add(
        DiagnosticCode.SCHEMA_KEYWORD_DROPPED,
        `\`${k}\` must be a non-negative integer; it was dropped.`,
        {
          pointer: pointerText(pointer, k),
        },
      );
    }
  }
  if (typeof node.uniqueItems === 'boolean' && node.uniqueItems) out.uniqueItems = true;
  if (typeof node.pattern === 'string') convertPattern(ctx, node.pattern, out, pointer);
  for (const k of ['contentMediaType', 'contentEncoding'] as const) {
    if (typeof node[k] === 'string') out[k] = node[k];
  }
}

function convertPattern(
  ctx: ConvertContext,
  pattern: string,
  out: Record<string, unknown>,
  pointer: LazyPointer,
): void {
  if (isBacktrackingPattern(pattern)) {
    // Validation runs on the event loop: one such pattern and a short argument would stall every call.
    ctx.sink.add(
      DiagnosticCode.SCHEMA_KEYWORD_DROPPED,
      `Pattern ${JSON.stringify(pattern)} repeats a group that holds a repetition or an alternation, which can take exponential time to match (ReDoS); it was dropped, so the upstream alone checks it.`,
      { pointer: pointerText(pointer, 'pattern') },
    );
    return;
  }
  if (isValidPattern(pattern)) {
    out.pattern = pattern;
    return;
  }
  const repaired = toUnicodePattern(pattern);
  if (repaired !== undefined) {
    out.pattern = repaired;
    ctx.sink.add(
      DiagnosticCode.SCHEMA_PATTERN_REWRITTEN,
      `Pattern ${JSON.stringify(pattern)} escapes characters that need no escape, which ECMAScript (u) refuses; it is used as ${JSON.stringify(repaired)}.`,
      { pointer: pointerText(pointer, 'pattern') },
    );
  } else {
    ctx.sink.add(
      DiagnosticCode.SCHEMA_KEYWORD_DROPPED,
      `Pattern ${JSON.stringify(pattern)} is not a valid ECMAScript (u) regular expression; it was dropped.`,
      { pointer: pointerText(pointer, 'pattern') },
    );
  }
}
