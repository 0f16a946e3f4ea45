/**
 * The arguments an operation's parameters become: path-level and
 * operation-level parameters merged, unusable ones dropped with a reason,
 * `style`/`explode`/`allowReserved` resolved to their OpenAPI defaults, and a
 * required string argument for each path placeholder nobody declared.
 * Parameter names are kept as written (`filter[status]`, `X-Request-Id` are
 * valid JSON property names and MCP puts no rule on them).
 * @see https://spec.openapis.org/oas/v3.1.0#parameter-object
 */
import { DiagnosticCode } from '../diagnostics.js';
import { escapePointerSegment } from '../json-pointer.js';
import type { ArgumentModel, ParameterStyle } from '../model/types.js';
import { isRecord } from '../safe-record.js';
import { annotateSchema } from './annotate-schema.js';
import type { ArgumentCandidate, ArgumentsInput } from './arguments-input.js';
import { resolveRef } from './resolve-ref.js';

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

/** The candidates of the operation's parameters and undeclared path placeholders, in that order. */
export function buildParameterArguments(input: ArgumentsInput): ArgumentCandidate[] {
  const { sink, pointer } = input;
  const candidates: ArgumentCandidate[] = [];
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
  return candidates;
}

/** Unique placeholder names of a path template, in order. */
function pathPlaceholders(pathTemplate: string): string[] {
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
): ArgumentCandidate {
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
  schema = annotateSchema(schema, {
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
          DiagnosticCode.PARAMETER_STYLE_REPLACED,
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
