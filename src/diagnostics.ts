/**
 * Problems in a spec that do not stop the run. Collected, never thrown, printed
 * once by the CLI (grouped by code). The catalogue below is the one place a
 * diagnostic kind is described: the CLI's grouped summary, the README table
 * and every diagnostic's default severity and help come from it.
 */

export type DiagnosticSeverity = 'warning' | 'info';

/**
 * One kind of diagnostic. Same shape as the thrown errors' catalogue entries
 * (`{ code, summary, help }`) plus the default severity.
 */
export interface DiagnosticEntry {
  readonly code: `OMCP_${string}`;
  /** Default severity; one diagnostic may be milder or stronger than its kind (the call site says so). */
  readonly severity: DiagnosticSeverity;
  /** What the kind means, in a few words (the heading of a group in `inspect`/`serve`). */
  readonly summary: string;
  /** What the user can do about it; a call site may give a more specific one. */
  readonly help: string;
}

const CATALOGUE = {
  OPERATION_SKIPPED: {
    code: 'OMCP_OPERATION_SKIPPED',
    severity: 'warning',
    summary: 'operations that are not tools',
    help: 'The message says why; fix that part of the spec if the operation should be a tool.',
  },
  TOOL_RENAMED: {
    code: 'OMCP_TOOL_RENAMED',
    severity: 'info',
    summary: 'tool names shortened or cleaned to fit [A-Za-z0-9_-]{1,64}',
    help: 'Set `x-mcp: { name: ... }` on the operation to choose the name yourself.',
  },
  ARGUMENT_RENAMED: {
    code: 'OMCP_ARGUMENT_RENAMED',
    severity: 'info',
    summary: 'arguments prefixed with their location because two inputs share a name',
    help: 'Nothing to do: the argument still reaches its own name on the wire.',
  },
  ARGUMENT_NAME_CLEANED: {
    code: 'OMCP_ARGUMENT_NAME_CLEANED',
    severity: 'info',
    summary: 'argument names rewritten to fit [a-zA-Z0-9_.-]{1,64}, the names every client accepts',
    help: 'Nothing to do: the argument still reaches its own name on the wire (`include[]` is offered as `include`).',
  },
  MEDIA_TYPE_UNSUPPORTED: {
    code: 'OMCP_MEDIA_TYPE_UNSUPPORTED',
    severity: 'warning',
    summary: 'request bodies in a media type we cannot send as such',
    help: 'The tool takes the body as a string and sends it as is; a JSON, form or multipart media type gives typed arguments.',
  },
  REQUEST_BODY_DROPPED: {
    code: 'OMCP_REQUEST_BODY_DROPPED',
    severity: 'warning',
    summary: 'request bodies that could not be used (the tool takes no body)',
    help: 'Fix the `requestBody` `$ref` in the spec.',
  },
  SECURITY_UNSUPPORTED: {
    code: 'OMCP_SECURITY_UNSUPPORTED',
    severity: 'warning',
    summary: 'security schemes we cannot serve (mutualTLS, digest, ...)',
    help: 'Operations that need only this scheme are called without credentials.',
  },
  SECURITY_SCHEME_UNDEFINED: {
    code: 'OMCP_SECURITY_SCHEME_UNDEFINED',
    severity: 'warning',
    summary: 'security requirements naming a scheme the spec does not define',
    help: "Define the scheme under `components.securitySchemes` or fix its name; the requirement's other alternatives still apply.",
  },
  SCHEMA_REF_UNRESOLVED: {
    code: 'OMCP_SCHEMA_REF_UNRESOLVED',
    severity: 'warning',
    summary: 'schema $refs that resolve nowhere (now accept any value)',
    help: 'Fix the `$ref` in the spec; until then that value is not checked.',
  },
  SCHEMA_REPLACED: {
    code: 'OMCP_SCHEMA_REPLACED',
    severity: 'warning',
    summary: 'schemas that are not a schema object, replaced by {} (accept any value)',
    help: 'Fix the schema in the spec; until then that value is not checked.',
  },
  SCHEMA_KEYWORD_DROPPED: {
    code: 'OMCP_SCHEMA_KEYWORD_DROPPED',
    severity: 'warning',
    summary: 'invalid schema keywords dropped (the rest of the schema is kept)',
    help: 'Fix the keyword in the spec; until then the value is checked without it.',
  },
  SCHEMA_BOOLEAN_PROPERTY: {
    code: 'OMCP_SCHEMA_BOOLEAN_PROPERTY',
    severity: 'warning',
    summary:
      'properties whose schema is `true` or `false`, repaired (`true` → {}, `false` → property left out)',
    help: 'Clients refuse a tool list with such a property; `properties: { additionalProperties: false }` in a spec usually means `additionalProperties: false` one level up.',
  },
  SCHEMA_PATTERN_REWRITTEN: {
    code: 'OMCP_SCHEMA_PATTERN_REWRITTEN',
    severity: 'info',
    summary: 'patterns rewritten to the ECMAScript (u) syntax validators use, same meaning',
    help: 'Nothing to do; drop the needless escapes in the spec to silence this.',
  },
  SCHEMA_CYCLE_CUT: {
    code: 'OMCP_SCHEMA_CYCLE_CUT',
    severity: 'warning',
    summary: 'recursive schemas no validator can finish, cut (accept any value there)',
    help: 'Make the recursion go through a property or array item.',
  },
  SCHEMA_TRUNCATED: {
    code: 'OMCP_SCHEMA_TRUNCATED',
    severity: 'info',
    summary: 'schema parts past a size or depth limit, cut (accept any value)',
    help: 'Nothing to do: large recursive APIs are cut to keep tool definitions small; the upstream still validates.',
  },
  BODY_CONSTRAINTS_DROPPED: {
    code: 'OMCP_BODY_CONSTRAINTS_DROPPED',
    severity: 'info',
    summary: 'request body constraints across properties left out of the tool schema',
    help: 'The upstream still checks them; give the clashing parameter or property distinct names to keep them.',
  },
  PARAMETER_DROPPED: {
    code: 'OMCP_PARAMETER_DROPPED',
    severity: 'warning',
    summary: 'parameters not offered as arguments',
    help: 'The message says why; headers the runtime owns (Authorization, Accept, Host, ...) are never tool arguments.',
  },
  PARAMETER_STYLE_REPLACED: {
    code: 'OMCP_PARAMETER_STYLE_REPLACED',
    severity: 'warning',
    summary: 'parameter styles not allowed for their location, replaced by the default',
    help: 'Use a style OpenAPI allows there (path: simple, label, matrix; query: form, spaceDelimited, pipeDelimited, deepObject; header: simple; cookie: form).',
  },
  PARAMETER_ADDED: {
    code: 'OMCP_PARAMETER_ADDED',
    severity: 'warning',
    summary: 'path placeholders without a declared parameter (a required string argument added)',
    help: 'Declare the path parameter in the spec to give it a type and a description.',
  },
  REF_DROPPED: {
    code: 'OMCP_REF_DROPPED',
    severity: 'warning',
    summary: 'external $refs in vendor extensions that could not be read',
    help: 'Vendor extensions are not interpreted; fix or remove the $ref to silence this.',
  },
  SELECTION_UNMATCHED: {
    code: 'OMCP_SELECTION_UNMATCHED',
    severity: 'warning',
    summary: 'selection flag values that match no operation of the spec',
    help: 'Check the value against `openapi-mcp inspect` (tags match in any case; operationIds and paths are exact or globs).',
  },
  OPERATIONS_DESELECTED: {
    code: 'OMCP_OPERATIONS_DESELECTED',
    severity: 'info',
    summary: 'operations left out by the selection flags',
    help: 'Nothing to do: that is what the selection asked for.',
  },
  OVERLAY_TARGET_UNMATCHED: {
    code: 'OMCP_OVERLAY_TARGET_UNMATCHED',
    severity: 'warning',
    summary: 'overlay actions whose target selects nothing it can change',
    help: 'Fix the JSONPath `target` of the action named; the other actions were applied.',
  },
  SPEC_CONVERTED_WITH_WARNINGS: {
    code: 'OMCP_SPEC_CONVERTED_WITH_WARNINGS',
    severity: 'warning',
    summary: 'Swagger 2.0 conversion notes',
    help: 'The converter worked around it; check the part of the spec the message names.',
  },
  NO_SERVER: {
    code: 'OMCP_NO_SERVER',
    severity: 'info',
    summary: 'no server URL in the spec',
    help: 'Pass --base-url to say where the API lives.',
  },
  SPEC_SCHEMA_VIOLATION: {
    code: 'OMCP_SPEC_SCHEMA_VIOLATION',
    severity: 'warning',
    summary:
      'places where the document breaks the official Swagger 2.0 / OpenAPI 3.x schema (inspect and gen check it; serve does not)',
    help: 'The tools are built anyway; fix the spec at the pointer so every tool means what the API means.',
  },
} as const satisfies Record<string, DiagnosticEntry>;

type Catalogue = typeof CATALOGUE;

/** Every diagnostic kind, in catalogue order. */
export const DIAGNOSTIC_CATALOGUE: readonly DiagnosticEntry[] = Object.values(CATALOGUE);

/** The codes by name (`DiagnosticCode.OPERATION_SKIPPED === 'OMCP_OPERATION_SKIPPED'`). */
export const DiagnosticCode = Object.fromEntries(
  Object.entries(CATALOGUE).map(([name, entry]) => [name, entry.code]),
) as { readonly [K in keyof Catalogue]: Catalogue[K]['code'] };

export type DiagnosticCodeValue = Catalogue[keyof Catalogue]['code'];

const BY_CODE = new Map<string, DiagnosticEntry>(DIAGNOSTIC_CATALOGUE.map((entry) => [entry.code, entry]));

/** The catalogue entry of `code`. */
export function diagnosticEntry(code: DiagnosticCodeValue): DiagnosticEntry {
  return BY_CODE.get(code) as DiagnosticEntry;
}

export interface Diagnostic {
  code: DiagnosticCodeValue;
  severity: DiagnosticSeverity;
  /** One sentence naming the problem and the value at fault. */
  message: string;
  /** JSON pointer into the (converted) spec, when known. */
  pointer?: string;
  /** What the user can do about it (the catalogue's, unless the call site knew better). */
  help: string;
}

/** A diagnostic of kind `code`; severity and help default to the catalogue's. */
export function createDiagnostic(
  code: DiagnosticCodeValue,
  message: string,
  extra: { pointer?: string; help?: string; severity?: DiagnosticSeverity } = {},
): Diagnostic {
  const entry = diagnosticEntry(code);
  return {
    code,
    severity: extra.severity ?? entry.severity,
    message,
    ...(extra.pointer !== undefined && { pointer: extra.pointer }),
    help: extra.help ?? entry.help,
  };
}

/** `warning OMCP_X at /paths/~1pets/get: message (help)` — one line for humans. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.pointer ? ` at ${d.pointer}` : '';
  return `${d.severity} ${d.code}${where}: ${d.message} (${d.help})`;
}
