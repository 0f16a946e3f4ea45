/** `serveSpec()`: a spec → a running MCP server, for library users (no signals, no console). */
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import type { ApiModel } from '../model/types.js';
import { resolveServeOptions, type ServeUserOptions } from '../options/serve-options.js';
import { type RunningServer, type ServeOptions, serve } from '../runtime/serve.js';
import type { Env } from '../runtime/types.js';
import { cachedLoadModel } from './cached-load-model.js';
import { loadModel } from './load-model.js';
import { readPackageVersion } from './package-version.js';

/** Options of {@link serveSpec}: those of `openapi-mcp serve`, and what a program would otherwise take from `process`. */
export interface ServeSpecOptions
  extends ServeUserOptions,
    Partial<Pick<ServeOptions, 'extensions' | 'log'>> {
  /**
   * Where credentials, `<PREFIX>_BASE_URL` and `<PREFIX>_HTTP_TOKEN` are read.
   * @default process.env
   */
  env?: Env;
  /**
   * Folder of a model cache, as `openapi-mcp serve --cache-dir` (see `cachedLoadModel`).
   * @default none: a library call builds the model afresh and writes nothing
   */
  cacheDir?: string;
}

/** A served spec: the server, and the model and diagnostics it was built from. */
export interface ServeSpecResult {
  server: RunningServer;
  model: ApiModel;
  diagnostics: Diagnostic[];
}

/**
 * Loads `spec`, builds its model and serves it exactly as `openapi-mcp serve`
 * does (same option rules, same runtime), minus what belongs to a program:
 * signal handling and printing are the caller's (`server.close()` stops it).
 * Throws `OptionsError` before reading the spec, then `SpecLoadError` or
 * `ServerStartError`.
 */
export async function serveSpec(spec: string, options: ServeSpecOptions = {}): Promise<ServeSpecResult> {
  const resolved = resolveServeOptions(options, options.env ?? process.env);
  const { model, diagnostics } =
    options.cacheDir === undefined
      ? await loadModel(spec, resolved)
      : await cachedLoadModel(spec, resolved, {
          dir: path.resolve(resolved.cwd, options.cacheDir),
          version: readPackageVersion(),
          warn: options.log ?? (() => {}),
        });
  const server = await serve(model, {
    ...resolved,
    log: options.log ?? (() => {}),
    serverName: model.info.title,
    serverVersion: model.info.version,
    ...(options.extensions !== undefined && { extensions: options.extensions }),
  });
  return { server, model, diagnostics };
}
