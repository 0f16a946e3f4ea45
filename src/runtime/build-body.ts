/**
 * The request body of one call, per the operation's media type. Pure.
 */
import type { ArgumentModel, OperationModel } from '../model/types.js';
import { encodeMultipart, type MultipartPart } from './encode-multipart.js';
import { RequestBuildError } from './request-build-error.js';
import { isJsonMediaType, ownEntries, toScalarText } from './serialize-parameter.js';

/** A body ready to send, with the content type to declare. */
export interface BuiltBody {
  body: string | Uint8Array;
  contentType?: string;
}

/**
 * Builds the body from the `body` argument (whole body) or from the
 * `body-property` arguments collected into one object. Returns `undefined` when
 * the operation has no body or the caller gave none and none is required.
 *
 * - JSON (`application/json`, `*+json`): `JSON.stringify`.
 * - `application/x-www-form-urlencoded`: form/explode (`k=a&k=b`) for arrays; a
 *   nested object goes deepObject style (`k[sub]=v`), anything deeper as JSON.
 * - `multipart/*`: form-data parts (see `encodeMultipart`); strings as they are, numbers and booleans
 *   stringified, objects as JSON parts, arrays as repeated parts, `base64`
 *   arguments as binary parts with a file name.
 * - anything else: a `base64` argument is decoded to bytes; a string is sent as
 *   is; other values as JSON.
 */
export function buildBody(
  operation: OperationModel,
  args: Readonly<Record<string, unknown>>,
): BuiltBody | undefined {
  const requestBody = operation.requestBody;
  if (requestBody === undefined) return undefined;
  const mediaType = requestBody.mediaType;
  const essence = mediaType.split(';')[0]!.trim().toLowerCase();

  const whole = operation.arguments.find((a) => a.in === 'body');
  let value: unknown;
  let encodingOf: (wireName: string) => ArgumentModel | undefined = () => undefined;
  if (whole !== undefined && Object.hasOwn(args, whole.name) && args[whole.name] !== undefined) {
    value = args[whole.name];
  } else {
    const properties = operation.arguments.filter((a) => a.in === 'body-property');
    // A null-prototype object: a `__proto__` property stays a property, never a prototype.
    const collected: Record<string, unknown> = Object.create(null);
    let any = false;
    for (const property of properties) {
      if (!Object.hasOwn(args, property.name) || args[property.name] === undefined) continue;
      collected[property.wireName] = args[property.name];
      any = true;
    }
    if (!any && !requestBody.required) return undefined;
    if (!any && whole !== undefined) return undefined;
    value = collected;
    const byWire = new Map(properties.map((p) => [p.wireName, p]));
    encodingOf = (wireName) => byWire.get(wireName);
  }

  if (isJsonMediaType(essence) || essence.includes('*')) {
    return {
      body: JSON.stringify(value) ?? 'null',
      contentType: essence.includes('*') ? 'application/json' : mediaType,
    };
  }
  if (essence === 'application/x-www-form-urlencoded') {
    return { body: buildUrlEncoded(value, whole?.name ?? 'body'), contentType: mediaType };
  }
  if (essence.startsWith('multipart/')) {
    const argument = whole?.name ?? 'body';
    const parts = multipartParts(value, operation, encodingOf, argument);
    let encoded: ReturnType<typeof encodeMultipart>;
    try {
      encoded = encodeMultipart(parts);
    } catch (error) {
      throw new RequestBuildError(`Invalid multipart body: ${(error as Error).message}.`, argument);
    }
    return { body: encoded.body, contentType: `${essence}; boundary=${encoded.boundary}` };
  }
  if (whole?.encoding === 'base64' && typeof value === 'string') {
    return { body: decodeBase64(value, whole.name), contentType: mediaType };
  }
  return { body: typeof value === 'string' ? value : (JSON.stringify(value) ?? ''), contentType: mediaType };
}

function asObject(value: unknown, argument: string, mediaType: string): object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RequestBuildError(
      `Invalid value for "${argument}": a ${mediaType} body must be an object.`,
      argument,
    );
  }
  return value;
}

function buildUrlEncoded(value: unknown, argument: string): string {
  const params = new URLSearchParams();
  for (const [key, v] of ownEntries(asObject(value, argument, 'form-urlencoded'))) {
    if (Array.isArray(v)) {
      for (const item of v) params.append(key, toScalarText(item));
    } else if (typeof v === 'object' && v !== null) {
      for (const [sub, subValue] of ownEntries(v)) params.append(`${key}[${sub}]`, toScalarText(subValue));
    } else {
      params.append(key, toScalarText(v));
    }
  }
  return params.toString();
}

function multipartParts(
  value: unknown,
  operation: OperationModel,
  argumentOf: (wireName: string) => ArgumentModel | undefined,
  argument: string,
): MultipartPart[] {
  const parts: MultipartPart[] = [];
  const partTypes = operation.requestBody?.partContentTypes;
  for (const [key, v] of ownEntries(asObject(value, argument, 'multipart'))) {
    const arg = argumentOf(key);
    const partType = partTypes !== undefined && Object.hasOwn(partTypes, key) ? partTypes[key] : undefined;
    const items = Array.isArray(v) && partType === undefined ? v : [v];
    for (const item of items) {
      if (arg?.encoding === 'base64' && typeof item === 'string') {
        const bytes = decodeBase64(item, arg.name);
        parts.push({
          name: key,
          value: bytes,
          contentType: partType ?? 'application/octet-stream',
          fileName: key,
        });
      } else if (typeof item === 'object' && item !== null) {
        parts.push({
          name: key,
          value: JSON.stringify(item),
          contentType: partType ?? 'application/json',
          fileName: `${key}.json`,
        });
      } else if (partType !== undefined && !partType.toLowerCase().startsWith('text/plain')) {
        parts.push({ name: key, value: toScalarText(item), contentType: partType, fileName: key });
      } else {
        parts.push({ name: key, value: toScalarText(item) });
      }
    }
  }
  return parts;
}

/**
 * Decodes standard or URL-safe base64 (a `data:...;base64,` prefix and whitespace
 * allowed) strictly: anything else is a clear error naming the argument, never
 * silently garbled bytes.
 */
export function decodeBase64(text: string, argument: string): Uint8Array {
  const clean = text.replace(/^data:[^,]*;base64,/i, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(clean) || clean.replace(/=+$/, '').length % 4 === 1) {
    throw new RequestBuildError(`Invalid value for "${argument}": expected base64-encoded bytes.`, argument);
  }
  return new Uint8Array(Buffer.from(clean, 'base64'));
}
