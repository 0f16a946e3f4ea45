import type { OpenAPIV3 } from 'openapi-types';
import { type BuildModelOptions, buildApiModel } from '../../../src/build-model/build-api-model.js';
import type { SchemaMode } from '../../../src/build-model/convert-context.js';
import { createDiagnosticSink } from '../../../src/build-model/diagnostic-sink.js';
import { createSchemaConverter } from '../../../src/build-model/schema-converter.js';
import type { Diagnostic } from '../../../src/diagnostics.js';
import type { ArgumentModel, OperationModel } from '../../../src/model/types.js';

/** A 3.0 document around `paths` (and optional extra top-level fields). */
export function makeDoc(
  paths: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): OpenAPIV3.Document {
  return {
    openapi: '3.0.3',
    info: { title: 'T', version: '1' },
    servers: [{ url: 'https://api.example.com' }],
    paths,
    ...extra,
  } as unknown as OpenAPIV3.Document;
}

/** Builds one operation `method path` and returns it with the diagnostics. */
export function buildOne(
  operation: Record<string, unknown>,
  options: {
    path?: string;
    method?: string;
    components?: unknown;
    pathLevel?: Record<string, unknown>;
    openapi?: string;
  } = {},
  buildOptions?: BuildModelOptions,
): { op: OperationModel; diagnostics: Diagnostic[] } {
  const path = options.path ?? '/things';
  const doc = makeDoc(
    { [path]: { ...options.pathLevel, [options.method ?? 'get']: operation } },
    {
      ...(options.components !== undefined && { components: options.components }),
      ...(options.openapi !== undefined && { openapi: options.openapi }),
    },
  );
  const { model, diagnostics } = buildApiModel(doc, buildOptions);
  const op = model.operations[0];
  if (!op) throw new Error(`no operation built: ${JSON.stringify(diagnostics)}`);
  return { op, diagnostics };
}

/**
 * Converts `schema` (found at `/x`) with `schemas` as the document's
 * components, as one property `v` of a tool root whose `$defs` are finished.
 */
export function convertSchema(
  schema: unknown,
  mode: SchemaMode = 'input',
  schemas: Record<string, unknown> = {},
) {
  const sink = createDiagnosticSink();
  const converter = createSchemaConverter({ components: { schemas } }, sink);
  const scope = converter.createScope(mode);
  const converted = scope.convert(schema, '/x');
  const root = scope.finish({ type: 'object', properties: { v: converted } });
  return { converted, root, diagnostics: sink.list, truncated: converter.truncated };
}

/** Property schemas of an inputSchema root. */
export function propertiesOf(schema: unknown): Record<string, Record<string, unknown>> {
  return (schema as { properties: Record<string, Record<string, unknown>> }).properties;
}

/** Builds one operation (`responses: {}` unless given) to look at its arguments. */
export function buildArgs(operation: Record<string, unknown>, options: Parameters<typeof buildOne>[1] = {}) {
  return buildOne({ responses: {}, ...operation }, options);
}

/** The naming and placement fields of an argument. */
export function pickArgument(a: ArgumentModel) {
  return { name: a.name, in: a.in, wireName: a.wireName, required: a.required };
}
