/** `inspect()` (`openapi-mcp inspect`) options as a user gives them → resolved, validated options. */
import { resolveEnvPrefix, resolveRuntimeOptions } from '../runtime/resolve-runtime-options.js';
import type { ToolDetail } from '../runtime/tool-detail.js';
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
  /**
   * The detail to report as served (`compact` or `full`).
   * @default 'compact'
   */
  detail?: string;
}

/** Options of `inspect()` after defaults and validation. */
export interface ResolvedInspectOptions extends ResolvedSpecOptions {
  readonly envPrefix: string;
  readonly env: Env;
  readonly tools: ToolMode;
  readonly detail: ToolDetail;
}

/** Fills defaults; throws `OptionsError` naming the flag at fault. */
export function resolveInspectOptions(user: InspectUserOptions): ResolvedInspectOptions {
  // The same checks and messages as `serve --tools` and `serve --detail`.
  const { tools, detail } = resolveRuntimeOptions(
    {
      ...(user.tools !== undefined && { tools: user.tools }),
      ...(user.detail !== undefined && { detail: user.detail }),
    },
    {},
  );
  return {
    ...resolveSpecOptions(user, true),
    envPrefix: resolveEnvPrefix(user.envPrefix),
    env: user.env ?? {},
    tools,
    detail,
  };
}
