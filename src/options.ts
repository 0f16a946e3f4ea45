/**
 * User options → resolved options, validated once at this boundary. Inside the
 * library options are trusted. Messages name the command-line flag, since the
 * CLI is how most people meet them.
 */
import {
  type ResolvedRuntimeOptions,
  type RuntimeUserOptions,
  resolveRuntimeOptions,
} from './runtime/resolve-runtime-options.js';
import type { Env } from './runtime/types.js';

/** Options of `openapi-mcp serve` as a user gives them; strings are accepted where argv gives strings. */
export interface UserOptions extends RuntimeUserOptions {
  /**
   * Folder local `$ref`s may read from.
   * @default the current directory when the spec lies inside it, else the spec's folder
   */
  refRoot?: string;
  /**
   * Allow `$ref`s to URLs.
   * @default false
   */
  allowRemoteRefs?: boolean;
}

/** Options after defaults and validation: what `serve` (minus the log and server identity) needs. */
export interface ResolvedServeOptions extends ResolvedRuntimeOptions {
  readonly refRoot?: string;
  readonly allowRemoteRefs: boolean;
}

/**
 * Fills defaults and validates every option; throws `OptionsError` (`OMCP_OPTIONS_INVALID`)
 * naming the flag (or environment variable) at fault. The run-time half is
 * `resolveRuntimeOptions`, the very code a generated project's entry runs.
 */
export function resolveServeOptions(user: UserOptions, env: Env): ResolvedServeOptions {
  const runtime = resolveRuntimeOptions(user, env);
  return {
    ...runtime,
    ...(user.refRoot !== undefined && { refRoot: user.refRoot }),
    allowRemoteRefs: user.allowRemoteRefs ?? false,
  };
}

/** Validates `--env-prefix` alone (inspect and gen need it without the serve options). */
export { resolveEnvPrefix } from './runtime/resolve-runtime-options.js';
