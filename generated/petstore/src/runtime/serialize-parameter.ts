/**
 * OpenAPI parameter serialisation: one value in, the encoded text for its
 * location out. Pure; `build-request.ts` assembles the pieces.
 *
 * @see https://spec.openapis.org/oas/v3.1.0#style-values
 * @see https://spec.openapis.org/oas/v3.1.0#style-examples
 */
import type { ArgumentModel, ParameterStyle } from '../model/types.js';
import { RequestBuildError } from './request-build-error.js';

type Shape =
  | { kind: 'primitive'; value: string }
  | { kind: 'array'; items: string[] }
  | { kind: 'object'; entries: [string, string][] };

/**
 * A value as text: strings as they are, numbers and booleans via `String`, `null`
 * as the empty value, and anything nested (not defined by OpenAPI) as JSON.
 */
export function toScalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value === null || value === undefined) return '';
  return JSON.stringify(value);
}

/** Own enumerable entries with a defined value; safe for keys like `__proto__`. */
export function ownEntries(value: object): [string, unknown][] {
  return Object.keys(value)
    .map((key): [string, unknown] => [key, (value as Record<string, unknown>)[key]])
    .filter(([, v]) => v !== undefined);
}

function toShape(arg: ArgumentModel, value: unknown): Shape {
  if (arg.contentType !== undefined) {
    // `content` parameters are one opaque value in the given media type, not a style.
    const text =
      typeof value === 'string' && !isJsonMediaType(arg.contentType) ? value : JSON.stringify(value);
    return { kind: 'primitive', value: text ?? '' };
  }
  if (Array.isArray(value)) return { kind: 'array', items: value.map(toScalarText) };
  if (typeof value === 'object' && value !== null) {
    return { kind: 'object', entries: ownEntries(value).map(([k, v]) => [k, toScalarText(v)]) };
  }
  return { kind: 'primitive', value: toScalarText(value) };
}

/** True for `application/json` and every `+json` type. */
export function isJsonMediaType(mediaType: string): boolean {
  const essence = mediaType.split(';')[0]!.trim().toLowerCase();
  return essence === 'application/json' || essence.endsWith('+json');
}

/** `encodeURIComponent` that cannot throw: lone surrogates become U+FFFD first. */
function enc(text: string): string {
  return encodeURIComponent(
    text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'),
  );
}

/**
 * `allowReserved`: RFC 3986 reserved characters go unencoded, except those that
 * would change the query's structure (`&`, `=`, `#`, `+`) or a stray `%`.
 */
function encodeAllowReserved(text: string): string {
  return enc(text).replace(/%(3A|2F|3F|5B|5D|40|24|2C|3B)/gi, (m) => decodeURIComponent(m));
}

function flatten(entries: [string, string][], encode: (s: string) => string): string[] {
  return entries.flatMap(([k, v]) => [encode(k), encode(v)]);
}

/**
 * Serialises a path parameter (`simple`, `label`, `matrix`) to the text that
 * replaces `{name}` in the template. Every piece is percent-encoded whole, so
 * `/`, `?`, `#` and `%` cannot leave the segment. Refuses values that are empty
 * or dot segments (`.`, `..`), also when percent-decoding would make them so,
 * because a URL parser resolves those to another endpoint.
 */
export function serializePathParameter(arg: ArgumentModel, value: unknown): string {
  const shape = toShape(arg, value);
  const leaves =
    shape.kind === 'primitive' ? [shape.value] : shape.kind === 'array' ? shape.items : shape.entries.flat();
  for (const leaf of leaves) {
    if (isDotSegment(leaf)) {
      const why = leaf === '' ? 'an empty value is' : `"${leaf}" is a relative path segment and`;
      throw new RequestBuildError(
        `Invalid value for path argument "${arg.name}": ${why} not allowed in a URL path.`,
        arg.name,
      );
    }
  }
  const style: ParameterStyle = arg.style ?? 'simple';
  const explode = arg.explode ?? false;
  const name = enc(arg.wireName);
  let out: string;
  switch (shape.kind) {
    case 'primitive': {
      const v = enc(shape.value);
      out = style === 'label' ? `.${v}` : style === 'matrix' ? `;${name}${v === '' ? '' : `=${v}`}` : v;
      break;
    }
    case 'array': {
      const items = shape.items.map(enc);
      if (style === 'label') out = `.${items.join(explode ? '.' : ',')}`;
      else if (style === 'matrix')
        out = explode ? items.map((i) => `;${name}=${i}`).join('') : `;${name}=${items.join(',')}`;
      else out = items.join(',');
      break;
    }
    case 'object': {
      const pairs = shape.entries.map(([k, v]) => `${enc(k)}=${enc(v)}`);
      const flat = flatten(shape.entries, enc);
      if (style === 'label') out = explode ? `.${pairs.join('.')}` : `.${flat.join(',')}`;
      else if (style === 'matrix')
        out = explode ? pairs.map((p) => `;${p}`).join('') : `;${name}=${flat.join(',')}`;
      else out = explode ? pairs.join(',') : flat.join(',');
      break;
    }
  }
  if (out === '' || isDotSegment(out)) {
    throw new RequestBuildError(
      `Invalid value for path argument "${arg.name}": ${out === '' ? 'an empty value' : `"${out}"`} is not allowed in a URL path.`,
      arg.name,
    );
  }
  return out;
}

/**
 * True for the empty string and for any value holding a `.` or `..` segment
 * between slashes or backslashes, raw or percent-encoded any number of times
 * (`..`, `../admin`, `a/../b`, `%2e%2e`, `.%2E`, `%252e%252e%252f`). The value is
 * encoded as one segment anyway, but many upstream servers and proxies decode
 * `%2F` and then resolve the dots, so such a value would reach an endpoint the
 * spec never declared, with our credentials.
 */
export function isDotSegment(text: string): boolean {
  if (text === '') return true;
  let current = text;
  for (let i = 0; i < 5; i += 1) {
    if (current.split(/[\\/]/).some((part) => part === '.' || part === '..')) return true;
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return false;
    }
    if (decoded === current) return false;
    current = decoded;
  }
  return true;
}

/**
 * Serialises a query parameter (`form`, `spaceDelimited`, `pipeDelimited`,
 * `deepObject`) to encoded `name=value` pairs, ready to join with `&`.
 */
export function serializeQueryParameter(arg: ArgumentModel, value: unknown): string[] {
  const shape = toShape(arg, value);
  const style: ParameterStyle = arg.style ?? 'form';
  const explode = arg.explode ?? style === 'form';
  const encodeValue = arg.allowReserved === true ? encodeAllowReserved : enc;
  const name = enc(arg.wireName);
  switch (shape.kind) {
    case 'primitive':
      return [`${name}=${encodeValue(shape.value)}`];
    case 'array': {
      const items = shape.items.map(encodeValue);
      if (explode) return items.map((i) => `${name}=${i}`);
      return [`${name}=${items.join(delimiter(style))}`];
    }
    case 'object': {
      if (style === 'deepObject')
        return shape.entries.map(([k, v]) => `${name}[${enc(k)}]=${encodeValue(v)}`);
      if (explode) return shape.entries.map(([k, v]) => `${enc(k)}=${encodeValue(v)}`);
      return [`${name}=${flatten(shape.entries, encodeValue).join(delimiter(style))}`];
    }
  }
}

function delimiter(style: ParameterStyle): string {
  return style === 'spaceDelimited' ? '%20' : style === 'pipeDelimited' ? '|' : ',';
}

/**
 * Serialises a header parameter (`simple`) to its raw value. Refuses control
 * characters (CR, LF, NUL, ...), characters outside Latin-1 and values over 8 KiB,
 * which would split, corrupt or overflow the request.
 */
export function serializeHeaderParameter(arg: ArgumentModel, value: unknown): string {
  const shape = toShape(arg, value);
  const explode = arg.explode ?? false;
  let out: string;
  switch (shape.kind) {
    case 'primitive':
      out = shape.value;
      break;
    case 'array':
      out = shape.items.join(',');
      break;
    case 'object':
      out = explode ? shape.entries.map(([k, v]) => `${k}=${v}`).join(',') : shape.entries.flat().join(',');
      break;
  }
  assertHeaderValue(out, `header argument "${arg.name}"`, arg.name);
  return out;
}

/** Throws a {@link RequestBuildError} naming `what` when `value` cannot be an HTTP header value. */
export function assertHeaderValue(value: string, what: string, argument?: string): void {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  if (/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/.test(value)) {
    throw new RequestBuildError(
      `Invalid value for ${what}: control characters (CR, LF, NUL, ...) are not allowed in a header.`,
      argument,
    );
  }
  if (/[^\t\x20-\xff]/.test(value)) {
    throw new RequestBuildError(
      `Invalid value for ${what}: only Latin-1 characters can be sent in a header.`,
      argument,
    );
  }
  if (value.length > 8192) {
    throw new RequestBuildError(`Invalid value for ${what}: longer than 8192 characters.`, argument);
  }
}

/**
 * Serialises a cookie parameter (`form`) to `[name, value]` pairs, names and
 * values percent-encoded so `;`, `,` and spaces cannot start another cookie.
 */
export function serializeCookieParameter(arg: ArgumentModel, value: unknown): [string, string][] {
  const shape = toShape(arg, value);
  const explode = arg.explode ?? true;
  const name = enc(arg.wireName);
  switch (shape.kind) {
    case 'primitive':
      return [[name, enc(shape.value)]];
    case 'array':
      return explode ? shape.items.map((i) => [name, enc(i)]) : [[name, shape.items.map(enc).join(',')]];
    case 'object':
      return explode
        ? shape.entries.map(([k, v]) => [enc(k), enc(v)])
        : [[name, flatten(shape.entries, enc).join(',')]];
  }
}
