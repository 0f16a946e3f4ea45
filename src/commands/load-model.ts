/** The spec → model half of every command: load, build, collect diagnostics. */
import { buildApiModel } from '../build-model/build-api-model.js';
import type { Diagnostic } from '../diagnostics.js';
import type { SpecReadWatch } from '../loader/bundle-refs.js';
import { type LoadStep, loadSpec } from '../loader/load-spec.js';
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

/** The steps of {@link loadModel}: the loader's, then building the model. */
export type ModelStep = LoadStep | 'build';

/**
 * Loads `spec` (with its overlays) and builds the model of the selected
 * operations; throws `SpecLoadError` when the spec or an overlay is unusable,
 * `OptionsError` when the selection leaves no tool.
 *
 * @param onStep told each step's time as it ends (progress for large specs)
 * @param watch told of every file read (what the model cache checks on a hit)
 */
export async function loadModel(
  spec: string,
  options: SpecUserOptions = {},
  onStep?: (step: ModelStep, ms: number) => void,
  watch?: SpecReadWatch,
): Promise<LoadedModel> {
  const resolved = resolveSpecOptions(options, true);
  const loaded = await loadSpec(spec, {
    cwd: resolved.cwd,
    allowRemoteRefs: resolved.allowRemoteRefs,
    validate: resolved.validate,
    maxBytes: resolved.maxSpecBytes,
    ...(resolved.refRoot !== undefined && { refRoot: resolved.refRoot }),
    overlays: resolved.overlay,
    ...(onStep !== undefined && { onStep }),
    ...(watch !== undefined && { watch }),
  });
  // Building is one long synchronous step on a large spec: let a server that
  // is already listening answer the messages that arrived meanwhile first.
  await new Promise((resolve) => setImmediate(resolve));
  const started = performance.now();
  const built = buildApiModel(loaded.document, { selection: toOperationSelection(resolved) });
  onStep?.('build', performance.now() - started);
  return {
    model: built.model,
    source: loaded.source,
    diagnostics: [...loaded.diagnostics, ...built.diagnostics],
    deselected: built.deselected,
  };
}
