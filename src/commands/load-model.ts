/** The spec → model half of every command: load, build, collect diagnostics. */
import { buildApiModel } from '../build-model/build-api-model.js';
import type { Diagnostic } from '../diagnostics.js';
import { loadSpec } from '../loader/load-spec.js';
import type { ApiModel } from '../model/types.js';
import { toOperationSelection } from '../options/selection-options.js';
import { resolveSpecOptions, type SpecUserOptions } from '../options/spec-options.js';

/** A model ready to serve or inspect, with every diagnostic from loading and building. */
export interface LoadedModel {
  model: ApiModel;
  /** Absolute path or URL of the spec, for messages. */
  source: string;
  diagnostics: Diagnostic[];
  /** Operations the selection flags left out. */
  deselected: number;
}

/**
 * Loads `spec` (with its overlays) and builds the model of the selected
 * operations; throws `SpecLoadError` when the spec or an overlay is unusable,
 * `OptionsError` when the selection leaves no tool.
 */
export async function loadModel(spec: string, options: SpecUserOptions = {}): Promise<LoadedModel> {
  const resolved = resolveSpecOptions(options, true);
  const loaded = await loadSpec(spec, {
    cwd: resolved.cwd,
    allowRemoteRefs: resolved.allowRemoteRefs,
    validate: resolved.validate,
    ...(resolved.refRoot !== undefined && { refRoot: resolved.refRoot }),
    overlays: resolved.overlay,
  });
  const built = buildApiModel(loaded.document, { selection: toOperationSelection(resolved) });
  return {
    model: built.model,
    source: loaded.source,
    diagnostics: [...loaded.diagnostics, ...built.diagnostics],
    deselected: built.deselected,
  };
}
