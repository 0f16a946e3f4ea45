/**
 * Parameters + request body → one flat argument map (DESIGN.md "Arguments").
 * Parameter names are kept as written (`filter[status]`, `X-Request-Id` are
 * valid JSON property names and MCP puts no rule on them); only clashes are
 * renamed, with a location prefix the model records for both back ends.
 * @see https://spec.openapis.org/oas/v3.1.0#parameter-object
 */
import { DiagnosticCode } from '../diagnostics.js';
import { escapePointerSegment } from '../json-pointer.js';
import type {
  ArgumentLocation,
  ArgumentModel,
  JsonSchema,
  ParameterStyle,
  RequestBodyModel,
} from '../model/types.js';
import { isRecord, setSafe } from '../safe-record.js';
import type { DiagnosticSink } from './diagnostic-sink.js';
import { chooseMediaType } from './media-type.js';
import { resolveRef } from './resolve-ref.js';
import { sanitizeText } from './sanitize-text.js';
import type { SchemaConverter, SchemaScope } from './schema-converter.js';

type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';

const DEFAULT_STYLE: Record<ParameterLocation, ParameterStyle> = {
  path: 'simple',
  query: 'form',
  header: 'simple',
  cookie: 'form',
};

const ALLOWED_STYLES: Record<ParameterLocation, readonly ParameterStyle[]> = {
  path: ['simple', 'label', 'matrix'],
  query: ['form', 'spaceDelimited', 'pipeDelimited', 'deepObject'],
  header: ['simple'],
  cookie: ['form'],
};

/**
 * Headers the runtime owns (framing, routing, credentials, content negotiation)
 * or that are hop-by-hop; a tool must never set them (SECURITY.md T7).
 */
const RESERVED_HEADER =
  /^(host|authorization|cookie|content-length|content-type|transfer-encoding|connection|keep-alive|upgrade|te|trailer|expect|accept|proxy-.*|x-forwarded-.*)$/i;

/** Everything arguments.ts needs about one operation. */
export interface ArgumentsInput {
  document: unknown;
  sink: DiagnosticSink;
  converter: SchemaConverter;
  scope: SchemaScope;
  pathTemplate: string;
  pathItem: Record<string, unknown>;
  operation: Record<string, unknown>;
  /** JSON pointers of the path item and the operation. */
  pathItemPointer: string;
  pointer: string;
}

/** The argument map with the inputSchema property of each argument (same order). */
export interface ArgumentsResult {
  arguments: ArgumentModel[];
  schemas: JsonSchema[];
  requestBody?: RequestBodyModel;
  /**
   * Constraints of a flattened object body that span its properties (`anyOf`
   * of `required` sets, `if`/`then`/`else`, `dependentRequired`, ...), converted,
   * for the tool's root; plus the body's declared `$schema`. Absent when a body
   * property was renamed (the constraints name wire names).
   */
  rootKeywords?: Record<string, unknown>;
}

interface Candidate {
  argument: Omit<ArgumentModel, 'name'>;
  name: string;
  prefix: string;
  schema: JsonSchema;
}

/** Builds the argument map of one operation. */
export function buildArguments(input: ArgumentsInput): ArgumentsResult {
  const { sink, pointer } = input;
  const candidates: Candidate[] = [];
  const placeholders = pathPlaceholders(input.pathTemplate);
  const declaredPath = new Set<string>();

  for (const { parameter, pointer: paramPointer } of mergeParameters(input)) {
    const name = parameter.name as string;
    const location = parameter.in as string;
    if (location !== 'path' && location !== 'query' && location !== 'header' && location !== 'cookie') {
      sink.add(
        DiagnosticCode.PARAMETER_DROPPED,
        `Parameter "${name}" has unknown location "${location}"; it was dropped.`,
        { pointer: paramPointer },
      );
      continue;
    }
    if (location === 'header' && RESERVED_HEADER.test(name)) {
      sink.add(
        DiagnosticCode.PARAMETER_DROPPED,
        `Header parameter "${name}" is set by the runtime, not by the tool; it was dropped.`,
        { pointer: paramPointer, severity: 'info' },
      );
      continue;
    }
    if (location === 'path' && !placeholders.includes(name)) {
      sink.add(
        DiagnosticCode.PARAMETER_DROPPED,
        `Path parameter "${name}" does not appear in the path template; it was dropped.`,
        { pointer: paramPointer },
      );
      continue;
    }
    if (location === 'path') declaredPath.add(name);
    candidates.push(toParameterCandidate(input, parameter, name, location, paramPointer));
  }

  for (const placeholder of placeholders) {
    if (declaredPath.has(placeholder)) continue;
    sink.add(
      DiagnosticCode.PARAMETER_ADDED,
      `Path template placeholder "{${placeholder}}" has no declared parameter; a required string argument was added.`,
      { pointer },
    );
    candidates.push({
      name: placeholder,
      prefix: 'path',
      argument: { in: 'path', wireName: placeholder, required: true, style: 'simple', explode: false },
      schema: { type: 'string' },
    });
  }

  const body = buildBody(input);
  candidates.push(...body.candidates);

  const names = assignNames(candidates, sink, pointer);
  let rootKeywords = body.rootKeywords;
  if (
    rootKeywords !== undefined &&
    candidates.some((c, i) => c.argument.in === 'body-property' && names[i] !== c.name)
  ) {
    sink.add(
      DiagnosticCode.SCHEMA_REPAIRED,
      'The request body has constraints across its properties (anyOf/oneOf/if/dependentRequired); they were dropped from the tool schema because a body property was renamed. The upstream still checks them.',
      { pointer, severity: 'info' },
    );
    rootKeywords = undefined;
  }
  return {
    arguments: candidates.map((c, i) => ({ name: names[i]!, ...c.argument })),
    schemas: candidates.map((c) => c.schema),
    ...(body.requestBody !== undefined && { requestBody: body.requestBody }),
    ...(rootKeywords !== undefined && { rootKeywords }),
  };
}

/** Unique placeholder names of a path template, in order. */
export function pathPlaceholders(pathTemplate: string): string[] {
  const out: string[] = [];
  for (const match of pathTemplate.matchAll(/\{([^{}]+)\}/g)) {
    const name = match[1]!;
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

/** Path-level then operation-level parameters; the operation's replaces the path's (same name + in) in place. */
function mergeParameters(
  input: ArgumentsInput,
): Array<{ parameter: Record<string, unknown>; pointer: string }> {
  const merged = new Map<string, { parameter: Record<string, unknown>; pointer: string }>();
  const lists: Array<[unknown, string]> = [
    [input.pathItem.parameters, `${input.pathItemPointer}/parameters`],
    [input.operation.parameters, `${input.pointer}/parameters`],
  ];
  for (const [list, base] of lists) {
    if (!Array.isArray(list)) continue;
    list.forEach((raw, index) => {
      const pointer = `${base}/${index}`;
      let parameter: unknown = raw;
      if (isRecord(raw) && typeof raw.$ref === 'string') {
        const resolved = resolveRef(input.document, raw.$ref);
        if (!resolved.ok) {
          input.sink.add(DiagnosticCode.PARAMETER_DROPPED, `Parameter ${resolved.reason}; it was dropped.`, {
            pointer,
          });
          return;
        }
        parameter = resolved.value;
      }
      if (!isRecord(parameter) || typeof parameter.name !== 'string' || typeof parameter.in !== 'string') {
        input.sink.add(
          DiagnosticCode.PARAMETER_DROPPED,
          'A parameter without a `name` and `in` was dropped.',
          {
            pointer,
          },
        );
        return;
      }
      // Header names are case-insensitive on the wire.
      const name = parameter.in === 'header' ? parameter.name.toLowerCase() : parameter.name;
      merged.set(`${parameter.in}\u0000${name}`, { parameter, pointer });
    });
  }
  return [...merged.values()];
}

function toParameterCandidate(
  input: ArgumentsInput,
  parameter: Record<string, unknown>,
  name: string,
  location: ParameterLocation,
  pointer: string,
): Candidate {
  let rawSchema: unknown = parameter.schema;
  let schemaPointer = `${pointer}/schema`;
  let contentType: string | undefined;
  if (rawSchema === undefined && isRecord(parameter.content)) {
    const [first] = Object.keys(parameter.content);
    if (first !== undefined) {
      contentType = first;
      const media = parameter.content[first];
      rawSchema = isRecord(media) ? media.schema : undefined;
      schemaPointer = `${pointer}/content/${escapePointerSegment(first)}/schema`;
    }
  }
  let schema = rawSchema === undefined ? {} : input.scope.convert(rawSchema, schemaPointer, name);
  schema = annotate(schema, {
    description: parameter.description,
    deprecated: parameter.deprecated === true,
    example: parameter.example,
    hasExample: Object.hasOwn(parameter, 'example'),
  });

  const argument: Omit<ArgumentModel, 'name'> = {
    in: location,
    wireName: name,
    required: location === 'path' || parameter.required === true,
  };
  if (contentType !== undefined) {
    argument.contentType = contentType;
  } else {
    let style = DEFAULT_STYLE[location];
    if (typeof parameter.style === 'string') {
      if ((ALLOWED_STYLES[location] as readonly string[]).includes(parameter.style)) {
        style = parameter.style as ParameterStyle;
      } else {
        input.sink.add(
          DiagnosticCode.SCHEMA_REPAIRED,
          `Style "${parameter.style}" is not allowed for ${location} parameter "${name}"; "${style}" is used.`,
          { pointer: `${pointer}/style` },
        );
      }
    }
    argument.style = style;
    // OpenAPI: explode defaults to true for form, false for every other style.
    argument.explode = typeof parameter.explode === 'boolean' ? parameter.explode : style === 'form';
    if (location === 'query') argument.allowReserved = parameter.allowReserved === true;
  }
  return { name, prefix: location, argument, schema };
}

interface BodyResult {
  candidates: Candidate[];
  requestBody?: RequestBodyModel;
  rootKeywords?: Record<string, unknown>;
}

function buildBody(input: ArgumentsInput): BodyResult {
  const { sink, converter, scope } = input;
  let body: unknown = input.operation.requestBody;
  let bodyPointer = `${input.pointer}/requestBody`;
  if (body === undefined) return { candidates: [] };
  if (isRecord(body) && typeof body.$ref === 'string') {
    const resolved = resolveRef(input.document, body.$ref);
    if (!resolved.ok) {
      sink.add(
        DiagnosticCode.SCHEMA_REF_UNRESOLVED,
        `Request body ${resolved.reason}; the body was dropped.`,
        {
          pointer: bodyPointer,
        },
      );
      return { candidates: [] };
    }
    body = resolved.value;
    bodyPointer = resolved.ref.slice(1);
  }
  if (!isRecord(body)) return { candidates: [] };
  const chosen = chooseMediaType(body.content);
  if (chosen === undefined) return { candidates: [] };
  let kind = chosen.kind;
  let mediaType = chosen.key.includes('*') ? 'application/octet-stream' : chosen.key;
  if (
    chosen.key.includes('*') &&
    chosen.media.schema !== undefined &&
    !isBinary(converter.deref(chosen.media.schema))
  ) {
    // `*/*` with a structured schema (Swagger 2.0 `consumes: ['*/*']`, e.g. Kubernetes) means "send the JSON".
    kind = 'json';
    mediaType = 'application/json';
  }
  const required = body.required === true;
  const mediaPointer = `${bodyPointer}/content/${escapePointerSegment(chosen.key)}`;
  const rawSchema = chosen.media.schema;
  const bodyDescription = typeof body.description === 'string' ? body.description : undefined;
  const requestBody: RequestBodyModel = {
    mediaType,
    required,
  };
  const whole = (schema: JsonSchema, extra: Partial<ArgumentModel> = {}): BodyResult => ({
    requestBody,
    candidates: [
      {
        name: 'body',
        prefix: 'body',
        argument: { in: 'body', wireName: '', required, ...extra },
        schema: annotate(schema, { description: bodyDescription, keepExisting: true }),
      },
    ],
  });

  switch (kind) {
    case 'binary':
      return whole(base64Schema(undefined), { encoding: 'base64' });
    case 'text': {
      const converted = rawSchema === undefined ? {} : scope.convert(rawSchema, `${mediaPointer}/schema`);
      const isString = isRecord(converted) && converted.type === 'string';
      return whole(isString ? converted : { type: 'string' });
    }
    case 'other':
      sink.add(
        DiagnosticCode.MEDIA_TYPE_UNSUPPORTED,
        `Request body media type "${chosen.key}" is not JSON, form, multipart, text or binary; the tool takes the body as a string and sends it as is.`,
        { pointer: mediaPointer },
      );
      return whole({ type: 'string' });
    default:
      break;
  }

  const properties =
    rawSchema === undefined
      ? undefined
      : flattenableProperties(converter, rawSchema, `${mediaPointer}/schema`);
  if (properties === undefined) {
    const converted = rawSchema === undefined ? {} : scope.convert(rawSchema, `${mediaPointer}/schema`);
    return whole(converted);
  }
  const multipart = kind === 'multipart';
  const encoding = isRecord(chosen.media.encoding) ? chosen.media.encoding : undefined;
  const partContentTypes: Record<string, string> = {};
  const candidates: Candidate[] = [];
  for (const property of properties.list) {
    if (converter.isHidden(property.schema, 'input')) continue;
    const argument: Omit<ArgumentModel, 'name'> = {
      in: 'body-property',
      wireName: property.name,
      required: required && properties.required.has(property.name),
    };
    let schema: JsonSchema;
    const binary = multipart ? binaryShape(converter, property.schema) : undefined;
    if (binary !== undefined) {
      argument.encoding = 'base64';
      const description = binary.description;
      schema = binary.array
        ? { type: 'array', items: base64Schema(undefined), ...(description && { description }) }
        : base64Schema(description);
    } else {
      schema = scope.convert(property.schema, property.pointer, property.name);
    }
    if (multipart && encoding !== undefined && Object.hasOwn(encoding, property.name)) {
      const part = encoding[property.name];
      if (isRecord(part) && typeof part.contentType === 'string') {
        setSafe(partContentTypes, property.name, part.contentType);
      }
    }
    candidates.push({ name: property.name, prefix: 'body', argument, schema });
  }
  if (Object.keys(partContentTypes).length > 0) requestBody.partContentTypes = partContentTypes;
  const rootKeywords = toRootKeywords(scope, properties, required);
  return { requestBody, candidates, ...(rootKeywords !== undefined && { rootKeywords }) };
}

/**
 * The body's cross-property constraints, converted, shaped for the tool root:
 * those of the body schema itself sit on the root, those of each `allOf` member
 * become one root `allOf` entry (only for a required body). `$schema` is kept
 * when the body declares it.
 */
function toRootKeywords(
  scope: SchemaScope,
  properties: FlattenedBody,
  bodyRequired: boolean,
): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  if (properties.dialect !== undefined) out.$schema = properties.dialect;
  const allOf: JsonSchema[] = [];
  // An optional body may be left out entirely, which its constraints would forbid.
  for (const constraint of bodyRequired ? properties.constraints : []) {
    const converted = scope.convert(constraint.schema, constraint.pointer);
    if (!isRecord(converted) || Object.keys(converted).length === 0) continue;
    if (constraint.atRoot) Object.assign(out, converted);
    else allOf.push(converted);
  }
  if (allOf.length > 0) out.allOf = allOf;
  return Object.keys(out).length > 0 ? out : undefined;
}

interface PropertyEntry {
  name: string;
  schema: unknown;
  pointer: string;
}

/** Keywords of an object schema that constrain several of its properties together. */
const CONSTRAINT_KEYWORDS = [
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

interface Constraint {
  /** From the body schema itself (true) or from one of its `allOf` members. */
  atRoot: boolean;
  schema: Record<string, unknown>;
  pointer: string;
}

interface FlattenedBody {
  list: PropertyEntry[];
  required: Set<string>;
  constraints: Constraint[];
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
function flattenableProperties(
  converter: SchemaConverter,
  schema: unknown,
  pointer: string,
): FlattenedBody | undefined {
  const list: PropertyEntry[] = [];
  const required = new Set<string>();
  const constraints: Constraint[] = [];
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

/**
 * True when `node` (a constraint or one of its subschemas) only restricts
 * which of `names` are present or what they hold: no other object shape, no
 * `$ref` (a union of referenced types is a real union), no property outside
 * the flattened set.
 */
function constrainsOnly(node: unknown, names: ReadonlySet<string>): boolean {
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

function isOnlyObject(type: unknown): boolean {
  return Array.isArray(type) && type.length === 1 && type[0] === 'object';
}

/** A multipart part carrying bytes: `format: binary` (or Swagger's `type: file`), or a list of them. */
function binaryShape(
  converter: SchemaConverter,
  schema: unknown,
): { array: boolean; description: string | undefined } | undefined {
  const target = converter.deref(schema);
  if (!isRecord(target)) return undefined;
  const description =
    typeof target.description === 'string' && target.description.trim() !== ''
      ? sanitizeText(target.description)
      : undefined;
  if (isBinary(target)) return { array: false, description };
  if (target.type === 'array' && isBinary(converter.deref(target.items))) return { array: true, description };
  return undefined;
}

function isBinary(schema: unknown): boolean {
  if (!isRecord(schema)) return false;
  return schema.type === 'file' || (schema.type === 'string' && schema.format === 'binary');
}

function base64Schema(description: string | undefined): JsonSchema {
  return {
    type: 'string',
    contentEncoding: 'base64',
    description: description ? `${description} (base64-encoded bytes)` : 'Base64-encoded bytes.',
  };
}

/** Copies `schema` with parameter-level annotations; never mutates (converted schemas are shared). */
function annotate(
  schema: JsonSchema,
  extra: {
    description?: unknown;
    deprecated?: boolean;
    example?: unknown;
    hasExample?: boolean;
    keepExisting?: boolean;
  },
): JsonSchema {
  const base: Record<string, unknown> = schema === true ? {} : schema === false ? { not: {} } : { ...schema };
  if (typeof extra.description === 'string' && !(extra.keepExisting && base.description !== undefined)) {
    const text = sanitizeText(extra.description);
    if (text !== '') base.description = text;
  }
  if (extra.deprecated) base.deprecated = true;
  const example = extra.example;
  const isExampleRef = isRecord(example) && typeof example.$ref === 'string';
  if (extra.hasExample && example !== undefined && !isExampleRef && base.examples === undefined) {
    base.examples = [example];
  }
  return base;
}

/**
 * Keeps every name that is unique; prefixes clashing ones with their location
 * (`path_id`, `query_id`, `body_id`), and numbers a prefixed name that is taken too.
 */
function assignNames(candidates: readonly Candidate[], sink: DiagnosticSink, pointer: string): string[] {
  const counts = new Map<string, number>();
  for (const c of candidates) counts.set(c.name, (counts.get(c.name) ?? 0) + 1);
  const taken = new Set(candidates.filter((c) => counts.get(c.name) === 1).map((c) => c.name));
  return candidates.map((c) => {
    if (counts.get(c.name) === 1) return c.name;
    const base = `${c.prefix}_${c.name}`;
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
    taken.add(name);
    sink.add(
      DiagnosticCode.ARGUMENT_RENAMED,
      `Argument "${c.name}" (${describe(c.argument.in)}) is named "${name}" because another input has the same name.`,
      { pointer, severity: 'info' },
    );
    return name;
  });
}

function describe(location: ArgumentLocation): string {
  return location === 'body-property'
    ? 'body property'
    : location === 'body'
      ? 'request body'
      : `${location} parameter`;
}
