/**
 * Does the document follow the official OpenAPI (or Swagger 2.0) schema? Real
 * specs often break it in small ways we work around, so the answer is
 * diagnostics, never a failure.
 */
import validateSchema from '@apidevtools/swagger-parser/lib/validators/schema.js';
import { createDiagnostic, type Diagnostic, DiagnosticCode } from '../diagnostics.js';

/** Beyond this many violations only a count is reported: one spec fault can repeat thousands of times. */
const MAX_REPORTED = 50;

/**
 * Branch keywords whose own error only says "no branch matched"; the errors
 * inside the branches say what is wrong.
 */
const BRANCH_KEYWORDS = new Set(['oneOf', 'anyOf', 'if', 'then', 'else']);

interface SchemaViolation {
  instancePath: string;
  keyword: string;
  message?: string;
  params?: Record<string, unknown>;
}

/**
 * Validates a bundled document (internal `$ref`s only) against the official
 * schema of its version with swagger-parser's validator.
 *
 * @param document the bundled document, before any Swagger 2.0 conversion
 * @param version the version as written, for messages
 * @returns one warning per violation (branch noise dropped), pointers into `document`
 */
export function validateStructure(document: object, version: '2.0' | '3.0' | '3.1'): Diagnostic[] {
  const schemaName = version === '2.0' ? 'Swagger 2.0' : `OpenAPI ${version}`;
  try {
    validateSchema(document);
    return [];
  } catch (error) {
    const details = (error as { details?: unknown }).details;
    if (!Array.isArray(details)) {
      // The validator itself failed (not the spec): say so once, and go on.
      return [
        createDiagnostic(
          DiagnosticCode.SPEC_SCHEMA_VIOLATION,
          `the document could not be checked against the ${schemaName} schema: ${error instanceof Error ? error.message : String(error)}`,
          { severity: 'info', pointer: '' },
        ),
      ];
    }
    return toDiagnostics(firstCauses(details as SchemaViolation[]), schemaName);
  }
}

/**
 * Ajv reports every failed branch of the schema's `oneOf`s: a Schema that is
 * wrong also fails "must have $ref" (the Reference branch) and "must match
 * exactly one". Keep the errors that name a cause, each once.
 */
function firstCauses(violations: readonly SchemaViolation[]): SchemaViolation[] {
  const causes = violations.filter(
    (v) => !BRANCH_KEYWORDS.has(v.keyword) && v.params?.missingProperty !== '$ref',
  );
  const seen = new Set<string>();
  return causes.filter((v) => {
    const key = `${v.instancePath} ${v.message ?? v.keyword}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toDiagnostics(violations: readonly SchemaViolation[], schemaName: string): Diagnostic[] {
  const diagnostics = violations
    .slice(0, MAX_REPORTED)
    .map((v) =>
      createDiagnostic(
        DiagnosticCode.SPEC_SCHEMA_VIOLATION,
        `breaks the ${schemaName} schema: ${describe(v)}`,
        { pointer: v.instancePath },
      ),
    );
  if (violations.length > MAX_REPORTED) {
    diagnostics.push(
      createDiagnostic(
        DiagnosticCode.SPEC_SCHEMA_VIOLATION,
        `${violations.length - MAX_REPORTED} more places break the ${schemaName} schema (not listed)`,
        { pointer: '' },
      ),
    );
  }
  return diagnostics;
}

function describe(violation: SchemaViolation): string {
  const params = violation.params ?? {};
  if (violation.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    return `unknown field "${params.additionalProperty}"`;
  }
  if (violation.keyword === 'required' && typeof params.missingProperty === 'string') {
    return `missing required field "${params.missingProperty}"`;
  }
  if (violation.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    return `must be one of ${params.allowedValues.map((value) => JSON.stringify(value)).join(', ')}`;
  }
  return violation.message ?? `fails "${violation.keyword}"`;
}
