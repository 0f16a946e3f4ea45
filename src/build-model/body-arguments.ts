/**
 * The arguments an operation's request body becomes: the media type sent, a
 * JSON/form/multipart object body flattened into one argument per property
 * (binary multipart parts as base64), a body that admits only `{}` as no
 * argument at all, anything else as one `body` argument.
 * @see https://spec.openapis.org/oas/v3.1.0#request-body-object
 */
import { DiagnosticCode } from '../diagnostics.js';
import { escapePointerSegment } from '../json-pointer.js';
import type { ArgumentModel, JsonSchema, RequestBodyModel } from '../model/types.js';
import { isRecord, setSafe } from '../safe-record.js';
import { admitsOnlyEmptyObject } from './admits-only-empty-object.js';
import { annotateSchema } from './annotate-schema.js';
import type { ArgumentCandidate, ArgumentsInput } from './arguments-input.js';
import { toRootKeywords } from './body-constraints.js';
import { toDescriptionText } from './description-text.js';
import { flattenBody } from './flatten-body.js';
import { chooseMediaType } from './media-type.js';
import { resolveRef } from './resolve-ref.js';
import type { SchemaConverter } from './schema-converter.js';

export interface BodyArguments {
  candidates: ArgumentCandidate[];
  requestBody?: RequestBodyModel;
  /** The flattened body's cross-property constraints for the tool root (see `ArgumentsResult`). */
  rootKeywords?: Record<string, unknown>;
}

/** The request body's candidates (none without a usable body) and its model. */
export function buildBodyArguments(input: ArgumentsInput): BodyArguments {
  const { sink, converter, scope } = input;
  let body: unknown = input.operation.requestBody;
  let bodyPointer = `${input.pointer}/requestBody`;
  if (body === undefined) return { candidates: [] };
  if (isRecord(body) && typeof body.$ref === 'string') {
    const resolved = resolveRef(input.document, body.$ref);
    if (!resolved.ok) {
      sink.add(
        DiagnosticCode.REQUEST_BODY_DROPPED,
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
  const whole = (schema: JsonSchema, extra: Partial<ArgumentModel> = {}): BodyArguments => ({
    requestBody,
    candidates: [
      {
        name: 'body',
        prefix: 'body',
        argument: { in: 'body', wireName: '', required, ...extra },
        schema: annotateSchema(schema, { description: bodyDescription, keepExisting: true }),
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

  // Nothing to say in such a body: no argument; a required one is sent as its media type's empty object.
  if (admitsOnlyEmptyObject(converter, rawSchema)) return { requestBody, candidates: [] };
  const properties =
    rawSchema === undefined ? undefined : flattenBody(converter, rawSchema, `${mediaPointer}/schema`);
  if (properties === undefined) {
    const converted = rawSchema === undefined ? {} : scope.convert(rawSchema, `${mediaPointer}/schema`);
    return whole(converted);
  }
  const multipart = kind === 'multipart';
  const encoding = isRecord(chosen.media.encoding) ? chosen.media.encoding : undefined;
  const partContentTypes: Record<string, string> = {};
  const candidates: ArgumentCandidate[] = [];
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
  const rootKeywords = toRootKeywords(scope, properties.constraints, properties.dialect, required);
  return { requestBody, candidates, ...(rootKeywords !== undefined && { rootKeywords }) };
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
      ? toDescriptionText(target.description)
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
