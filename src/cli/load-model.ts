/** The spec → model half of every command: load, build, collect diagnostics. */
import { buildApiModel } from '../build-model/build-api-model.js';
import type { Diagnostic } from '../diagnostics.js';
import { loadSpec } from '../loader/load-spec.js';
import type { ApiModel } from '../model/types.js';

/** A model ready to serve or inspect, with every diagnostic from loading and building. */
export interface LoadedModel {
  model: ApiModel;
  /** Absolute path or URL of the spec, for messages. */
  source: string;
  diagnostics: Diagnostic[];
}

/** Loads `spec` and builds its model; throws `SpecLoadError` when the spec is unusable. */
export async function loadModel(
  spec: string,
  options: { refRoot?: string; allowRemoteRefs?: boolean; cwd: string },
): Promise<LoadedModel> {
  const loaded = await loadSpec(spec, {
    cwd: options.cwd,
    ...(options.refRoot !== undefined && { refRoot: options.refRoot }),
    ...(options.allowRemoteRefs !== undefined && { allowRemoteRefs: options.allowRemoteRefs }),
  });
  const built = buildApiModel(loaded.document);
  return {
    model: built.model,
    source: loaded.source,
    diagnostics: [...loaded.diagnostics, ...built.diagnostics],
  };
}
