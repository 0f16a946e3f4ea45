/**
 * `generate` (`openapi-mcp gen`) options as a user gives them → resolved,
 * validated options. Messages name the flag. Run-time defaults baked into the
 * project are validated by the same code the generated entry point runs
 * (`resolveRuntimeOptions`).
 */
import { resolve } from 'node:path';
import { OptionsError } from '../errors.js';
import type { GenerateProjectOptions } from '../generate/generate-project.js';
import { isProjectName, toEnvPrefix, toProjectName } from '../generate/project-name.js';
import type { ApiModel } from '../model/types.js';
import { RUNTIME_DEFAULTS, resolveRuntimeOptions } from '../runtime/resolve-runtime-options.js';
import { type ResolvedSpecOptions, resolveSpecOptions, type SpecUserOptions } from './spec-options.js';

/** Options of `generate()` and `openapi-mcp gen`. */
export interface GenUserOptions extends SpecUserOptions {
  /**
   * Output folder.
   * @default 'generated/<name>' under the current directory
   */
  out?: string;
  /**
   * npm package name of the project (also its folder and client config key).
   * @default a slug of the spec's `info.title`
   */
  name?: string;
  /**
   * Write into a folder openapi-mcp did not generate.
   * @default false
   */
  force?: boolean;
  /**
   * Environment variable prefix of the project.
   * @default the name in UPPER_SNAKE (`library` → `LIBRARY`)
   */
  envPrefix?: string;
  /** Baked-in default upstream base URL (below `--base-url` and `<PREFIX>_BASE_URL`). */
  baseUrl?: string;
  /** @default 30 */
  timeout?: string | number;
  /** @default 1048576 */
  maxResponseBytes?: string | number;
  /**
   * Baked-in default tool mode (`all`, `discovery` or `auto`); the server's `--tools` overrides it.
   * @default 'auto'
   */
  tools?: string;
  /**
   * Baked-in default detail (`compact` or `full`); the server's `--detail` overrides it.
   * @default 'compact'
   */
  detail?: string;
}

/** Resolved options of `gen`. */
export interface ResolvedGenOptions extends GenerateProjectOptions {
  outDir: string;
  force: boolean;
}

/**
 * Checks the flags that need no spec (fail before a large spec loads) and
 * resolves how to load it.
 */
export function checkGenFlags(user: GenUserOptions): ResolvedSpecOptions {
  if (user.name !== undefined && !isProjectName(user.name)) {
    throw new OptionsError(
      '--name',
      `--name must be a lower-case npm package name (a-z, 0-9, ".", "_", "-"; at most 64 characters; no scope), got "${user.name}"`,
    );
  }
  if (user.out !== undefined && user.out.trim() === '') {
    throw new OptionsError('--out', '--out must name a folder');
  }
  resolveDefaults(user, RUNTIME_DEFAULTS.envPrefix);
  return resolveSpecOptions(user, true);
}

/** Fills every default of `gen` for `model`; throws {@link OptionsError} naming the flag. */
export function resolveGenOptions(user: GenUserOptions, model: ApiModel): ResolvedGenOptions {
  const { cwd } = checkGenFlags(user);
  const name = user.name ?? toProjectName(model.info.title);
  const { envPrefix, defaults } = resolveDefaults(user, toEnvPrefix(name));
  return {
    name,
    envPrefix,
    defaults,
    outDir: resolve(cwd, user.out ?? `generated/${name}`),
    force: user.force ?? false,
  };
}

function resolveDefaults(
  user: GenUserOptions,
  fallbackPrefix: string,
): Pick<GenerateProjectOptions, 'envPrefix' | 'defaults'> {
  // An empty environment: whatever the shell running `gen` has set must not be baked in.
  const resolved = resolveRuntimeOptions(
    {
      ...(user.baseUrl !== undefined && { baseUrl: user.baseUrl }),
      ...(user.timeout !== undefined && { timeout: user.timeout }),
      ...(user.maxResponseBytes !== undefined && { maxResponseBytes: user.maxResponseBytes }),
      ...(user.envPrefix !== undefined && { envPrefix: user.envPrefix }),
      ...(user.tools !== undefined && { tools: user.tools }),
      ...(user.detail !== undefined && { detail: user.detail }),
    },
    {},
    { ...RUNTIME_DEFAULTS, envPrefix: fallbackPrefix },
  );
  return {
    envPrefix: resolved.envPrefix,
    defaults: {
      ...(resolved.baseUrl !== undefined && { baseUrl: resolved.baseUrl }),
      timeoutSeconds: resolved.timeoutMs / 1000,
      maxResponseBytes: resolved.maxResponseBytes,
      tools: resolved.tools,
      detail: resolved.detail,
    },
  };
}
