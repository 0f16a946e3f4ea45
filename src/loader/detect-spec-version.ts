import { ErrorCode, SpecLoadError } from '../errors.js';

/** The OpenAPI versions we read, as written in the input. */
export type SpecVersion = '2.0' | '3.0' | '3.1';

/**
 * Reads `swagger: "2.0"` or `openapi: "3.0.x" | "3.1.x"` from a parsed document.
 *
 * @param file path or URL, for messages
 * @throws SpecLoadError `OMCP_SPEC_INVALID` when the document is not an object,
 *   `OMCP_SPEC_VERSION` for any other version field (naming the value found)
 */
export function detectSpecVersion(document: unknown, file: string): SpecVersion {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    const got = document === null ? 'null' : Array.isArray(document) ? 'an array' : typeof document;
    throw new SpecLoadError(
      ErrorCode.SPEC_INVALID,
      `${file} at /: expected an OpenAPI object but found ${got}; give the path of an OpenAPI or Swagger spec.`,
      { file, pointer: '' },
    );
  }
  const record = document as Record<string, unknown>;
  if (Object.hasOwn(record, 'openapi')) {
    const value = record.openapi;
    if (typeof value === 'string' && /^3\.0(\.\d+)?(-.*)?$/.test(value)) return '3.0';
    if (typeof value === 'string' && /^3\.1(\.\d+)?(-.*)?$/.test(value)) return '3.1';
    throw versionError(file, '/openapi', value);
  }
  if (Object.hasOwn(record, 'swagger')) {
    const value = record.swagger;
    // An unquoted YAML `swagger: 2.0` reads as the number 2.
    if (value === '2.0' || value === 2) return '2.0';
    throw versionError(file, '/swagger', value);
  }
  throw new SpecLoadError(
    ErrorCode.SPEC_VERSION,
    `${file} has neither an 'openapi' nor a 'swagger' field; only Swagger 2.0 and OpenAPI 3.0/3.1 are supported.`,
    { file, pointer: '' },
  );
}

function versionError(file: string, pointer: string, value: unknown): SpecLoadError {
  const shown = JSON.stringify(value) ?? String(value);
  return new SpecLoadError(
    ErrorCode.SPEC_VERSION,
    `${file} at ${pointer}: unsupported version ${shown.slice(0, 60)}; only Swagger 2.0 and OpenAPI 3.0.x/3.1.x are supported.`,
    { file, pointer },
  );
}
