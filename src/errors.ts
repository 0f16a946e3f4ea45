/**
 * Thrown errors: one base class, a few subclasses by fault, stable codes.
 * Messages are one sentence: what failed, the value, what to do.
 */

/** The catalogue of error and diagnostic codes; each is documented in README.md ("Error codes"). */
export const ErrorCode = {
  /** The spec file or URL could not be read. */
  SPEC_READ: 'OMCP_SPEC_READ',
  /** The spec is not valid JSON or YAML. */
  SPEC_PARSE: 'OMCP_SPEC_PARSE',
  /** The document is not Swagger 2.0 or OpenAPI 3.0/3.1. */
  SPEC_VERSION: 'OMCP_SPEC_VERSION',
  /** The spec is structurally unusable (e.g. no paths object). */
  SPEC_INVALID: 'OMCP_SPEC_INVALID',
  /** A `$ref` could not be resolved, or points outside the allowed root / to a refused URL. */
  SPEC_REF: 'OMCP_SPEC_REF',
  /** A Swagger 2.0 document could not be converted to OpenAPI 3. */
  SPEC_CONVERT: 'OMCP_SPEC_CONVERT',
  /** A command-line option or library option has an invalid value. */
  OPTIONS_INVALID: 'OMCP_OPTIONS_INVALID',
  /** The server could not start (port in use, bad host, ...). */
  SERVER_START: 'OMCP_SERVER_START',
} as const;

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

export class OpenapiMcpError extends Error {
  readonly code: ErrorCodeValue;

  constructor(code: ErrorCodeValue, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** The spec cannot be read, parsed, resolved or used. */
export class SpecLoadError extends OpenapiMcpError {
  /** File or URL of the spec (or of the referenced file) at fault. */
  readonly file: string | undefined;
  /** JSON pointer of the problem inside `file`, when known. */
  readonly pointer: string | undefined;

  constructor(
    code: ErrorCodeValue,
    message: string,
    details: { file?: string; pointer?: string; cause?: unknown } = {},
  ) {
    super(code, message, { cause: details.cause });
    this.file = details.file;
    this.pointer = details.pointer;
  }
}

/** A user option has an invalid value; the message names the option. */
export class OptionsError extends OpenapiMcpError {
  readonly option: string;

  constructor(option: string, message: string) {
    super(ErrorCode.OPTIONS_INVALID, message);
    this.option = option;
  }
}
