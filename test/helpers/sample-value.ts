/**
 * A small, deterministic JSON Schema → value generator for tests: honours type,
 * const, enum, format (date-time, date, uuid, email, uri, ...), min/max,
 * multipleOf, string lengths, simple patterns and `required`; follows internal
 * `$ref`s against `root` (bounded, so cycles end). Returns {@link GAVE_UP} when it
 * cannot find a value (an unmatched pattern, a cycle with required fields).
 */

export const GAVE_UP: unique symbol = Symbol('gave up');

type Schema = Record<string, unknown>;

const FORMATS: Record<string, string> = {
  'date-time': '2024-01-02T03:04:05Z',
  date: '2024-01-02',
  time: '03:04:05Z',
  uuid: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
  email: 'user@example.com',
  'idn-email': 'user@example.com',
  uri: 'https://example.com/a',
  url: 'https://example.com/a',
  'uri-reference': 'https://example.com/a',
  iri: 'https://example.com/a',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  byte: 'aGVsbG8=',
  binary: 'aGVsbG8=',
  duration: 'P1D',
  password: 'secret-pass',
};

/** Candidate strings tried against a pattern, in order. */
const PATTERN_CANDIDATES = [
  'abc',
  'a',
  'A',
  '1',
  '12',
  'abc123',
  'ABC',
  'a-b',
  'a_b',
  'en',
  'en-US',
  'US',
  '+15005550006',
  '2024-01-02',
  'AB12',
  'ab12',
];

export interface SampleOptions {
  /** Also fill optional properties (one level), to exercise more serialisation. */
  optional?: boolean;
}

/** A value for `schema` (JSON Schema 2020-12 or OpenAPI 3.x), resolving `#/...` refs in `root`. */
export function sampleValue(schema: unknown, root: unknown, options: SampleOptions = {}): unknown {
  return generate(schema, root, options, 0, new Map());
}

function resolve(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = typeof node === 'object' && node !== null ? (node as Schema)[part] : undefined;
  }
  return node;
}

function generate(
  input: unknown,
  root: unknown,
  options: SampleOptions,
  depth: number,
  seen: Map<string, number>,
): unknown {
  if (input === true || input === undefined) return 'sample';
  if (input === false || typeof input !== 'object' || input === null) return GAVE_UP;
  if (depth > 12) return GAVE_UP;
  const schema = input as Schema;
  if (typeof schema.$ref === 'string') {
    const count = seen.get(schema.$ref) ?? 0;
    if (count >= 2) return GAVE_UP;
    const target = resolve(root, schema.$ref);
    const next = new Map(seen).set(schema.$ref, count + 1);
    const { $ref: _ref, ...rest } = schema;
    // 2020-12 allows siblings beside $ref; merge them over the target.
    return generate({ ...(target as Schema), ...rest }, root, options, depth + 1, next);
  }
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    return schema.enum.find((v) => v !== null) ?? schema.enum[0];
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) {
    return generate(mergeAllOf(schema, root), root, options, depth + 1, seen);
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    const branches = schema[key];
    if (Array.isArray(branches) && branches.length > 0) {
      const { [key]: _branches, ...rest } = schema;
      for (const branch of branches) {
        const value = generate(
          { ...rest, ...(resolveShallow(branch, root) as Schema) },
          root,
          options,
          depth + 1,
          seen,
        );
        if (value !== GAVE_UP && value !== null) return value;
      }
      return GAVE_UP;
    }
  }
  if (schema.default !== undefined && schema.default !== null) return schema.default;
  switch (typeOf(schema)) {
    case 'null':
      return null;
    case 'boolean':
      return true;
    case 'integer':
    case 'number':
      return sampleNumber(schema, typeOf(schema) === 'integer');
    case 'string':
      return sampleString(schema);
    case 'array': {
      const declaredMin = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const min = Math.max(declaredMin, 1);
      const max = typeof schema.maxItems === 'number' ? schema.maxItems : 1;
      const count = Math.min(Math.max(min, 1), Math.max(max, 0), 3);
      const items: unknown[] = [];
      for (let i = 0; i < count; i += 1) {
        const item = generate(schema.items ?? {}, root, options, depth + 1, seen);
        if (item === GAVE_UP) return declaredMin === 0 ? [] : GAVE_UP;
        items.push(
          typeof item === 'string' && count > 1 && schema.uniqueItems === true ? `${item}${i}` : item,
        );
      }
      return items;
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      const properties = (schema.properties ?? {}) as Record<string, unknown>;
      const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
      for (const name of Object.keys(properties)) {
        const wanted = required.has(name) || (options.optional === true && depth === 0);
        if (!wanted) continue;
        const value = generate(properties[name], root, { optional: false }, depth + 1, seen);
        if (value === GAVE_UP) {
          if (required.has(name)) return GAVE_UP;
          continue;
        }
        out[name] = value;
      }
      for (const name of required) {
        if (!(name in out) && !(name in properties)) out[name] = 'sample';
      }
      return out;
    }
    default:
      return 'sample';
  }
}

function resolveShallow(schema: unknown, root: unknown): unknown {
  const ref = (schema as Schema | null)?.$ref;
  return typeof ref === 'string' ? resolveShallow(resolve(root, ref), root) : schema;
}

/** Shallow merge of allOf members (properties, required, type), enough to generate a value. */
function mergeAllOf(schema: Schema, root: unknown): Schema {
  const { allOf, ...rest } = schema;
  const merged: Schema = { ...rest };
  const properties: Record<string, unknown> = { ...((rest.properties as Schema | undefined) ?? {}) };
  const required = new Set<string>(Array.isArray(rest.required) ? (rest.required as string[]) : []);
  for (const member of allOf as unknown[]) {
    let part = resolveShallow(member, root) as Schema | undefined;
    if (typeof part !== 'object' || part === null) continue;
    if (Array.isArray(part.allOf)) part = mergeAllOf(part, root);
    Object.assign(properties, (part.properties as Schema | undefined) ?? {});
    for (const name of Array.isArray(part.required) ? (part.required as string[]) : []) required.add(name);
    for (const [key, value] of Object.entries(part)) {
      if (key !== 'properties' && key !== 'required' && !(key in merged)) merged[key] = value;
    }
  }
  if (Object.keys(properties).length > 0) merged.properties = properties;
  if (required.size > 0) merged.required = [...required];
  return merged;
}

function typeOf(schema: Schema): string | undefined {
  const type = schema.type;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return (type.find((t) => t !== 'null') ?? type[0]) as string | undefined;
  if (schema.properties !== undefined || schema.additionalProperties !== undefined) return 'object';
  if (schema.items !== undefined) return 'array';
  return undefined;
}

function sampleNumber(schema: Schema, integer: boolean): number {
  const min =
    typeof schema.exclusiveMinimum === 'number'
      ? schema.exclusiveMinimum + (integer ? 1 : 0.5)
      : typeof schema.minimum === 'number'
        ? schema.minimum
        : undefined;
  const max =
    typeof schema.exclusiveMaximum === 'number'
      ? schema.exclusiveMaximum - (integer ? 1 : 0.5)
      : typeof schema.maximum === 'number'
        ? schema.maximum
        : undefined;
  let value = min ?? (max !== undefined ? Math.min(1, max) : 1);
  if (min === undefined && max !== undefined && value > max) value = max;
  if (integer) value = Math.ceil(value);
  const step = schema.multipleOf;
  if (typeof step === 'number' && step > 0) value = Math.ceil(value / step) * step;
  return value;
}

function sampleString(schema: Schema): string | typeof GAVE_UP {
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Number.POSITIVE_INFINITY;
  const fitLength = (text: string): string => {
    let out = text;
    while (out.length < min) out += 'a';
    return out.length > max ? out.slice(0, max) : out;
  };
  const format = typeof schema.format === 'string' ? FORMATS[schema.format] : undefined;
  const base = format ?? fitLength('sample');
  if (typeof schema.pattern !== 'string') return base;
  let regex: RegExp;
  try {
    regex = new RegExp(schema.pattern, 'u');
  } catch {
    return base;
  }
  const fromPattern = stringFromPattern(schema.pattern);
  for (const candidate of [
    base,
    ...(fromPattern === undefined ? [] : [fromPattern]),
    ...PATTERN_CANDIDATES,
  ]) {
    const text = fitLength(candidate);
    if (regex.test(text)) return text;
  }
  return GAVE_UP;
}

/**
 * A string matching a simple regular expression (literals, escapes, classes,
 * groups with `|`, quantifiers), each part repeated its minimum (at least once
 * for `+`); undefined for anything fancier (lookarounds, backreferences).
 */
export function stringFromPattern(pattern: string): string | undefined {
  let i = 0;
  const CLASS_ESCAPES: Record<string, string> = { d: '1', w: 'a', s: ' ', D: 'a', W: '-', S: 'a' };
  function atom(): string | undefined {
    const c = pattern[i];
    if (c === undefined) return undefined;
    if (c === '\\') {
      const e = pattern[i + 1];
      i += 2;
      if (e === undefined) return undefined;
      return CLASS_ESCAPES[e] ?? (/[A-Za-z0-9]/.test(e) ? undefined : e);
    }
    if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end === -1) return undefined;
      const body = pattern.slice(i + 1, end);
      i = end + 1;
      if (body.startsWith('^')) return /[a]/.test(body) ? 'z' : 'a';
      const first = body[0] === '\\' ? (CLASS_ESCAPES[body[1] ?? ''] ?? body[1]) : body[0];
      return first;
    }
    if (c === '(') {
      i += 1;
      if (pattern.startsWith('?:', i)) i += 2;
      else if (pattern[i] === '?') return undefined;
      const alternatives = sequence();
      if (pattern[i] !== ')') return undefined;
      i += 1;
      return alternatives;
    }
    if (c === '.') {
      i += 1;
      return 'a';
    }
    if ('^$'.includes(c)) {
      i += 1;
      return '';
    }
    if (')|*+?{'.includes(c)) return undefined;
    i += 1;
    return c;
  }
  function sequence(): string | undefined {
    let out = '';
    let first: string | undefined;
    while (i < pattern.length && pattern[i] !== ')') {
      if (pattern[i] === '|') {
        // Keep the first alternative; skip the rest at this depth.
        first ??= out;
        i += 1;
        let depth = 0;
        while (i < pattern.length && !(depth === 0 && pattern[i] === ')')) {
          if (pattern[i] === '\\') i += 1;
          else if (pattern[i] === '(') depth += 1;
          else if (pattern[i] === ')') depth -= 1;
          i += 1;
        }
        break;
      }
      const part = atom();
      if (part === undefined) return undefined;
      let times = 1;
      const q = pattern[i];
      if (q === '*' || q === '?') {
        times = 0;
        i += 1;
      } else if (q === '+') i += 1;
      else if (q === '{') {
        const m = /^\{(\d+)(,\d*)?\}/.exec(pattern.slice(i));
        if (!m) return undefined;
        times = Number(m[1]);
        i += m[0].length;
      }
      if (pattern[i] === '?') i += 1;
      out += part.repeat(times);
    }
    return first ?? out;
  }
  const result = sequence();
  return i >= pattern.length ? result : undefined;
}
