import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { OpenAPIV3 } from 'openapi-types';
import { type BuildModelOptions, buildApiModel } from '../../../src/build-model/build-api-model.js';
import type { Diagnostic } from '../../../src/diagnostics.js';
import type { OperationModel } from '../../../src/model/types.js';

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

/** Ajv2020 + formats, as the runtime uses it (strict off, quiet). */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, logger: false, inlineRefs: false });
  addFormats.default(ajv);
  return ajv;
}

/** Property schemas of an inputSchema root. */
export function propertiesOf(schema: unknown): Record<string, Record<string, unknown>> {
  return (schema as { properties: Record<string, Record<string, unknown>> }).properties;
}
