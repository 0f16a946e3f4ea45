/**
 * Problems in a spec that do not stop the run. Collected, never thrown, printed
 * once by the CLI (grouped by code).
 */

export const DiagnosticCode = {
  /** An operation was not turned into a tool; `message` says why. */
  OPERATION_SKIPPED: 'OMCP_OPERATION_SKIPPED',
  /** A tool name was shortened or de-duplicated. */
  TOOL_RENAMED: 'OMCP_TOOL_RENAMED',
  /** A tool argument got a location prefix because two inputs shared a name. */
  ARGUMENT_RENAMED: 'OMCP_ARGUMENT_RENAMED',
  /** A request body media type we cannot send; another was chosen or the body was dropped. */
  MEDIA_TYPE_UNSUPPORTED: 'OMCP_MEDIA_TYPE_UNSUPPORTED',
  /** A security scheme we cannot serve (mutualTLS, digest, ...). */
  SECURITY_UNSUPPORTED: 'OMCP_SECURITY_UNSUPPORTED',
  /** A `$ref` inside a schema could not be resolved and was replaced by `{}`. */
  SCHEMA_REF_UNRESOLVED: 'OMCP_SCHEMA_REF_UNRESOLVED',
  /** A schema keyword or shape was invalid and was dropped or repaired. */
  SCHEMA_REPAIRED: 'OMCP_SCHEMA_REPAIRED',
  /** A header parameter that may not be set by a tool (Host, Authorization, ...) was dropped. */
  PARAMETER_DROPPED: 'OMCP_PARAMETER_DROPPED',
  /** An external `$ref` inside a vendor extension (`x-...`) could not be loaded and was replaced by `{}`. */
  REF_DROPPED: 'OMCP_REF_DROPPED',
  /** Swagger 2.0 → OpenAPI 3 conversion patched or could not convert something; `message` says what. */
  SPEC_CONVERTED_WITH_WARNINGS: 'OMCP_SPEC_CONVERTED_WITH_WARNINGS',
  /** A path template placeholder had no declared parameter; a required string argument was added. */
  PARAMETER_ADDED: 'OMCP_PARAMETER_ADDED',
  /** The spec has no usable server URL; `--base-url` is needed. */
  NO_SERVER: 'OMCP_NO_SERVER',
  /** The document breaks the official Swagger 2.0 / OpenAPI 3.x schema (checked by `inspect` and `gen`). */
  SPEC_SCHEMA_VIOLATION: 'OMCP_SPEC_SCHEMA_VIOLATION',
} as const;

export type DiagnosticCodeValue = (typeof DiagnosticCode)[keyof typeof DiagnosticCode];

export interface Diagnostic {
  code: DiagnosticCodeValue;
  severity: 'warning' | 'info';
  /** One sentence naming the problem and the value at fault. */
  message: string;
  /** JSON pointer into the (converted) spec, when known. */
  pointer?: string;
  /** What the user can do about it. */
  help?: string;
}

export function createDiagnostic(
  code: DiagnosticCodeValue,
  message: string,
  extra: { pointer?: string; help?: string; severity?: Diagnostic['severity'] } = {},
): Diagnostic {
  return {
    code,
    severity: extra.severity ?? 'warning',
    message,
    ...(extra.pointer !== undefined && { pointer: extra.pointer }),
    ...(extra.help !== undefined && { help: extra.help }),
  };
}

/** `warning OMCP_X at /paths/~1pets/get: message (help)` — one line for humans. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.pointer ? ` at ${d.pointer}` : '';
  const help = d.help ? ` (${d.help})` : '';
  return `${d.severity} ${d.code}${where}: ${d.message}${help}`;
}
