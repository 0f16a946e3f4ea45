/** `generate()`: a spec → a standalone MCP server project on disk. */
import type { Diagnostic } from '../diagnostics.js';
import { generateProject } from '../generate/generate-project.js';
import type { WriteProjectResult } from '../generate/write-project.js';
import type { ApiModel } from '../model/types.js';
import { checkGenFlags, type GenUserOptions, resolveGenOptions } from '../options/generate-options.js';
import { loadModel } from './load-model.js';

/** What {@link generate} wrote, and from what. */
export interface GenerateResult extends WriteProjectResult {
  /** Absolute path of the project folder. */
  outDir: string;
  /** npm package name of the project. */
  name: string;
  /** Prefix of the project's environment variables. */
  envPrefix: string;
  model: ApiModel;
  diagnostics: Diagnostic[];
}

/**
 * Loads `spec`, builds its model and writes the project. Options are checked
 * before the spec is read, so a bad flag never waits for a large spec. Throws
 * `OptionsError`, `SpecLoadError` or `GenerateError`.
 */
export async function generate(spec: string, options: GenUserOptions = {}): Promise<GenerateResult> {
  const specOptions = checkGenFlags(options);
  const { model, diagnostics } = await loadModel(spec, specOptions);
  const resolved = resolveGenOptions(options, model);
  const written = generateProject(model, resolved.outDir, resolved);
  return {
    ...written,
    outDir: resolved.outDir,
    name: resolved.name,
    envPrefix: resolved.envPrefix,
    model,
    diagnostics,
  };
}
