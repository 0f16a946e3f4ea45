import type { OpenAPIV3 } from 'openapi-types';
import swagger2openapi from 'swagger2openapi';
import { createDiagnostic, type Diagnostic, DiagnosticCode } from '../diagnostics.js';
import { ErrorCode, SpecLoadError } from '../errors.js';

/** Where swagger2openapi leaves its `warnOnly` notes; a name no real spec uses. */
const WARN_PROPERTY = 'x-openapi-mcp-s2o-warning';
/** Conversion notes reported one by one; the rest are counted. */
const MAX_REPORTED_WARNINGS = 10;

/**
 * Converts a bundled Swagger 2.0 document to OpenAPI 3.0 with swagger2openapi,
 * patching small errors instead of failing. The converter's own resolver is
 * off (`resolve: false`): the document has only internal refs by now, and the
 * converter must not touch the network or the disk.
 *
 * @param document a Swagger 2.0 document with only internal `$ref`s
 * @param file path or URL of the spec, for messages
 * @throws SpecLoadError `OMCP_SPEC_CONVERT` naming the file
 */
export async function convertSwagger2(
  document: object,
  file: string,
): Promise<{ document: OpenAPIV3.Document; diagnostics: Diagnostic[] }> {
  let converted: unknown;
  try {
    converted = await swagger2openapi.convertObj(document, {
      patch: true,
      warnOnly: true,
      warnProperty: WARN_PROPERTY,
      resolve: false,
      resolveInternal: false,
      direct: true,
      anchors: true,
      // Without cached text the converter re-serialises the whole input as YAML (seconds on big specs).
      text: '-',
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SpecLoadError(
      ErrorCode.SPEC_CONVERT,
      `${file}: cannot convert Swagger 2.0 to OpenAPI 3 (${reason}); fix the spec or convert it with another tool first.`,
      { file, cause: error },
    );
  }
  if (converted === null || typeof converted !== 'object' || !('openapi' in converted)) {
    throw new SpecLoadError(
      ErrorCode.SPEC_CONVERT,
      `${file}: Swagger 2.0 conversion produced no OpenAPI document; convert it with another tool first.`,
      { file },
    );
  }
  const warnings: Array<{ pointer: string; message: string }> = [];
  collectWarnings(converted, '', warnings);
  const diagnostics = warnings.slice(0, MAX_REPORTED_WARNINGS).map((w) =>
    createDiagnostic(DiagnosticCode.SPEC_CONVERTED_WITH_WARNINGS, `Swagger 2.0 conversion: ${w.message}`, {
      pointer: w.pointer,
    }),
  );
  if (warnings.length > MAX_REPORTED_WARNINGS) {
    diagnostics.push(
      createDiagnostic(
        DiagnosticCode.SPEC_CONVERTED_WITH_WARNINGS,
        `Swagger 2.0 conversion: ${warnings.length - MAX_REPORTED_WARNINGS} more conversion warnings not shown.`,
      ),
    );
  }
  return { document: converted as OpenAPIV3.Document, diagnostics };
}

function collectWarnings(
  node: unknown,
  pointer: string,
  out: Array<{ pointer: string; message: string }>,
): void {
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (Object.hasOwn(record, WARN_PROPERTY)) {
    out.push({ pointer: pointer || '/', message: String(record[WARN_PROPERTY]) });
    delete record[WARN_PROPERTY];
  }
  for (const [key, child] of Object.entries(record)) {
    if (child !== null && typeof child === 'object') {
      collectWarnings(child, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, out);
    }
  }
}
