/**
 * The base of every error openapi-mcp throws, and the codes of the ones the
 * runtime throws. Here (not in `src/errors.ts`) so a generated project, which
 * vendors this folder alone, has the same hierarchy and codes as `serve`;
 * `src/errors.ts` adds the loader's and the generator's codes on top.
 */

/** One thrown error code as users meet it: the README's "Errors" table is rendered from these. */
export interface ErrorCatalogueEntry<Code extends string = string> {
  readonly code: Code;
  /** What failed, in a few words (the README's "meaning" column). */
  readonly summary: string;
  /** What to do about it. */
  readonly help: string;
}

/** The codes the runtime throws. */
export const RuntimeErrorCode = {
  /** The command line could not be parsed (unknown flag, missing argument). */
  USAGE: 'OMCP_USAGE',
  /** An option has an invalid value. */
  OPTIONS_INVALID: 'OMCP_OPTIONS_INVALID',
  /** The server could not start (port in use, bad host, ...). */
  SERVER_START: 'OMCP_SERVER_START',
  /** The server's extensions (`src/extend.ts`, `serve({ extensions })`) do not fit the model; names the field. */
  EXTENSIONS_INVALID: 'OMCP_EXTENSIONS_INVALID',
  /** A tool's arguments cannot be sent as an HTTP request (returned to the client as an `isError` result). */
  REQUEST_BUILD: 'OMCP_REQUEST_BUILD',
  /** A spec-chosen upstream host is (or resolves to) a link-local or cloud-metadata address (an `isError` result). */
  UPSTREAM_ADDRESS_REFUSED: 'OMCP_UPSTREAM_ADDRESS_REFUSED',
  /** The upstream origin failed too often in a row; calls fail fast until its cool-down ends (an `isError` result). */
  UPSTREAM_CIRCUIT_OPEN: 'OMCP_UPSTREAM_CIRCUIT_OPEN',
} as const;

export type RuntimeErrorCodeValue = (typeof RuntimeErrorCode)[keyof typeof RuntimeErrorCode];

/** The runtime's part of the error catalogue, in the order the README lists it. */
export const RUNTIME_ERROR_CATALOGUE: readonly ErrorCatalogueEntry<RuntimeErrorCodeValue>[] = [
  {
    code: RuntimeErrorCode.USAGE,
    summary: 'the command line could not be parsed (unknown flag, missing `<spec>`)',
    help: 'run with `--help` for the commands and flags',
  },
  {
    code: RuntimeErrorCode.OPTIONS_INVALID,
    summary: 'an option has an invalid value (the message names the flag or environment variable)',
    help: 'fix the value named; `--help` lists what each flag accepts',
  },
  {
    code: RuntimeErrorCode.SERVER_START,
    summary: 'the server could not start (port in use, bad host)',
    help: 'pass another `--port` (`0` picks a free one) or a `--host` of this machine',
  },
  {
    code: RuntimeErrorCode.EXTENSIONS_INVALID,
    summary:
      "the server's extensions (`src/extend.ts`, `serve({ extensions })`) do not fit the model: an unknown tool, a clashing or invalid name, a schema that does not compile",
    help: 'fix the field the message names; `inspect` lists the generated tool names',
  },
  {
    code: RuntimeErrorCode.REQUEST_BUILD,
    summary:
      "a tool call's arguments cannot be sent as an HTTP request; the call returns `isError: true`, the server keeps running",
    help: 'the message names the argument; call the tool again with a value that fits',
  },
  {
    code: RuntimeErrorCode.UPSTREAM_ADDRESS_REFUSED,
    summary:
      "the spec's server (or token URL) is, or resolves to, a link-local or cloud-metadata address (169.254.0.0/16, fe80::/10, fd00:ec2::254...); nothing is sent, the call returns `isError: true`",
    help: 'name the upstream yourself with `--base-url` (never checked), or pass `--link-local-upstream allow`',
  },
  {
    code: RuntimeErrorCode.UPSTREAM_CIRCUIT_OPEN,
    summary:
      'the upstream origin failed `--breaker-failures` calls in a row (429, 502, 503, 504, no connection, no answer in time), so its circuit is open: calls fail fast with `isError: true` and send nothing until the cool-down ends, then one probe call decides',
    help: 'call again after the time the message gives; `--breaker-cooldown` sets the cool-down, `--breaker-failures 0` turns the breaker off',
  },
];

/** An expected failure with a stable code; its message is one sentence: what failed, the value, what to do. */
export class OpenapiMcpError<Code extends string = string> extends Error {
  readonly code: Code;

  constructor(code: Code, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}
