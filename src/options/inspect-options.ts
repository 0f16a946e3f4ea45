/** `inspect()` (`openapi-mcp inspect`) options as a user gives them → resolved, validated options. */
import { resolveEnvPrefix, resolveRuntimeOptions } from '../runtime/resolve-runtime-options.js';
import type { ToolMode } from '../runtime/tool-mode.js';
import type { Env } from '../runtime/types.js';
import { type ResolvedSpecOptions, resolveSpecOptions, type SpecUserOptions } from './spec-options.js';

/** Options of `inspect()`. */
export interface InspectUserOptions extends SpecUserOptions {
  /**
   * Prefix of every environment variable name.
   * @default 'OPENAPI_MCP'
   */
  envPrefix?: string;
  /**
   * Where to tell which variables are set (values are never read into the report).
   * @default {} (every variable reported unset)
   */
  env?: Env;
  /**
   * The mode to report as the one served (`all`, `discovery` or `auto`).
   * @default 'auto'
   */
  tools?: string;
}

/** Options of `inspect()` after defaults and validation. */
export interface ResolvedInspectOptions extends ResolvedSpecOptions {
  readonly envPrefix: string;
  readonly env: Env;
  readonly tools: ToolMode;
}

/** Fills defaults; throws `OptionsError` naming the flag at fault. */
export function resolveInspectOptions(user: InspectUserOptions): ResolvedInspectOptions {
  return {
    ...resolveSpecOptions(user, true),
    envPrefix: resolveEnvPrefix(user.envPrefix),
    env: user.env ?? {},
    // The same check and message as `serve --tools`.
    tools: resolveRuntimeOptions(user.tools !== undefined ? { tools: user.tools } : {}, {}).tools,
  };
}
