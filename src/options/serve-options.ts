/**
 * `serve` (`openapi-mcp serve`, `serveSpec()`) options as a user gives them →
 * resolved, validated options. The run-time half is `resolveRuntimeOptions`,
 * the very code a generated project's entry runs, so both accept and refuse
 * the same values with the same messages (naming the flag or variable).
 */
import {
  type ResolvedRuntimeOptions,
  type RuntimeUserOptions,
  resolveRuntimeOptions,
} from '../runtime/resolve-runtime-options.js';
import type { Env } from '../runtime/types.js';
import { type ResolvedSpecOptions, resolveSpecOptions, type SpecUserOptions } from './spec-options.js';

/** Options of `openapi-mcp serve` as a user gives them; strings are accepted where argv gives strings. */
export interface ServeUserOptions extends RuntimeUserOptions, SpecUserOptions {}

/** Options after defaults and validation: what `serve` (minus the log and server identity) needs. */
export interface ResolvedServeOptions extends ResolvedRuntimeOptions, ResolvedSpecOptions {}

/**
 * Fills defaults and validates every option; throws `OptionsError`
 * (`OMCP_OPTIONS_INVALID`) naming the flag (or environment variable) at
 * fault. The schema check is off by default: it costs start-up time, and
 * `inspect` reports it.
 */
export function resolveServeOptions(user: ServeUserOptions, env: Env): ResolvedServeOptions {
  return { ...resolveRuntimeOptions(user, env), ...resolveSpecOptions(user, false) };
}
