/**
 * One OpenAPI operation → OperationModel (without its final tool name, which
 * depends on every other operation; see build-api-model.ts).
 * @see https://spec.openapis.org/oas/v3.1.0#operation-object
 */
import { DiagnosticCode } from '../diagnostics.js';
import type { HttpMethod, OperationModel, SecuritySchemeModel } from '../model/types.js';
import { isRecord } from '../safe-record.js';
import { type AnnotationOverrides, buildAnnotations } from './annotations.js';
import { buildArguments } from './arguments.js';
import { cutUnguardedCycles } from './cut-unguarded-cycles.js';
import { describeInputRules } from './describe-input-rules.js';
import { buildToolDescription } from './description.js';
import type { DiagnosticSink } from './diagnostic-sink.js';
import { buildInputSchema } from './input-schema.js';
import { buildOutputSchema } from './output-schema.js';
import { toPublishedInputSchema } from './published-input-schema.js';
import { sanitizeLine } from './sanitize-text.js';
import type { SchemaConverter } from './schema-converter.js';
import { buildSecurityRequirements } from './security.js';
import { buildServers } from './servers.js';

/** Per-operation overrides from the `x-mcp` extension object. */
export interface McpExtension {
  name?: string;
  description?: string;
  annotations?: AnnotationOverrides;
  exclude?: boolean;
}

/** Shared, per-document state the operation builder reads. */
export interface OperationContext {
  document: Record<string, unknown>;
  sink: DiagnosticSink;
  converter: SchemaConverter;
  securitySchemes: Record<string, SecuritySchemeModel>;
}

/** Where the operation sits in the document. */
export interface OperationLocation {
  method: HttpMethod;
  pathTemplate: string;
  pathItem: Record<string, unknown>;
  operation: Record<string, unknown>;
  pathItemPointer: string;
  pointer: string;
}

/** Reads `x-mcp`, ignoring fields of the wrong type. */
export function readMcpExtension(operation: Record<string, unknown>): McpExtension {
  const raw = operation['x-mcp'];
  if (!isRecord(raw)) return {};
  const out: McpExtension = {};
  if (typeof raw.name === 'string') out.name = raw.name;
  if (typeof raw.description === 'string') out.description = raw.description;
  if (typeof raw.exclude === 'boolean') out.exclude = raw.exclude;
  if (isRecord(raw.annotations)) {
    const a = raw.annotations;
    const overrides: AnnotationOverrides = {};
    for (const k of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const) {
      if (typeof a[k] === 'boolean') overrides[k] = a[k];
    }
    if (typeof a.title === 'string') overrides.title = sanitizeLine(a.title);
    out.annotations = overrides;
  }
  return out;
}

/** Builds the operation; `toolName` is left empty for the caller to fill. */
export function buildOperation(
  context: OperationContext,
  location: OperationLocation,
  extension: McpExtension,
): OperationModel {
  const { document, sink, converter } = context;
  const { method, pathTemplate, operation, pathItem, pointer } = location;
  const operationId =
    typeof operation.operationId === 'string' && operation.operationId.trim() !== ''
      ? operation.operationId
      : undefined;
  const deprecated = operation.deprecated === true;
  const summary = typeof operation.summary === 'string' ? sanitizeLine(operation.summary) : '';
  const title = summary !== '' ? summary : undefined;

  const scope = converter.createScope('input');
  const args = buildArguments({
    document,
    sink,
    converter,
    scope,
    pathTemplate,
    pathItem,
    operation,
    pathItemPointer: location.pathItemPointer,
    pointer,
  });
  const input = cutUnguardedCycles(buildInputSchema(args.arguments, args.schemas, scope, args.rootKeywords));
  const output = buildOutputSchema(document, converter, operation.responses, pointer);
  const cutOutput = output.outputSchema === undefined ? undefined : cutUnguardedCycles(output.outputSchema);
  const cuts = input.cuts + (cutOutput?.cuts ?? 0);
  if (cuts > 0) {
    sink.add(
      DiagnosticCode.SCHEMA_CYCLE_CUT,
      `${cuts} schema $ref(s) led back to themselves through allOf/anyOf/oneOf/not only (no property or item in between), which no validator can finish; each now accepts any value.`,
      { pointer },
    );
  }
  const published = toPublishedInputSchema(input.schema);

  const servers = buildServers(Array.isArray(operation.servers) ? operation.servers : pathItem.servers);
  const tags = Array.isArray(operation.tags)
    ? operation.tags.filter((t): t is string => typeof t === 'string')
    : [];

  return {
    id: operationId ?? `${method.toUpperCase()} ${pathTemplate}`,
    toolName: '',
    ...(title !== undefined && { title }),
    description: withRules(
      buildToolDescription({
        summary: operation.summary,
        description: extension.description ?? operation.description,
        deprecated,
        method,
        pathTemplate,
      }),
      published.rules,
    ),
    method,
    pathTemplate: toRequestPath(pathTemplate),
    ...(servers.length > 0 && { servers }),
    tags,
    deprecated,
    arguments: args.arguments,
    ...(args.requestBody !== undefined && { requestBody: args.requestBody }),
    inputSchema: published.inputSchema,
    ...(published.validationSchema !== undefined && { validationSchema: published.validationSchema }),
    ...(cutOutput !== undefined && { outputSchema: cutOutput.schema }),
    outputWrapped: output.outputWrapped,
    annotations: buildAnnotations(method, title, extension.annotations),
    security: buildSecurityRequirements(
      operation.security,
      document.security,
      context.securitySchemes,
      pointer,
      sink,
    ),
    source: pointer,
  };
}

/** The description with the line naming the argument rules the published schema leaves out. */
function withRules(description: string, rules: Record<string, unknown> | undefined): string {
  return rules === undefined ? description : `${description}\n\n${describeInputRules(rules)}`;
}

/**
 * The path a request goes to. Box keys operations that share a path as
 * `/shared_items#folders`; a `#` starts a URL fragment, which never reaches the
 * server, so the request path ends before it (the id keeps the whole key).
 */
function toRequestPath(pathTemplate: string): string {
  const fragment = pathTemplate.indexOf('#');
  return fragment === -1 ? pathTemplate : pathTemplate.slice(0, fragment);
}
