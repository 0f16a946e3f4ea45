import { toOperationSelection } from '../../options/selection-options.js';
import type { ResolvedSpecOptions } from '../../options/spec-options.js';
import { MODEL_CACHE_FORMAT } from './cache-entry.js';
import { sha256Hex } from './sha256-hex.js';

/** Everything that decides a built model, besides the files the loader reads through `$ref`s. */
export interface ModelCacheKeyInputs {
  /** This package's version. */
  version: string;
  /** Changes with every build of this package (a development build keeps its version). */
  buildStamp: string;
  /** Real path of the root spec. */
  specPath: string;
  /** sha256 of the root spec's bytes. */
  specSha256: string;
  /** Overlay files, as absolute paths, in order (their contents are checked as read files). */
  overlays: readonly string[];
  options: ResolvedSpecOptions;
}

/** The entry key: a sha256 over every input that changes the model (hex). */
export function modelCacheKey(inputs: ModelCacheKeyInputs): string {
  const { options } = inputs;
  const decided = {
    format: MODEL_CACHE_FORMAT,
    version: inputs.version,
    build: inputs.buildStamp,
    spec: inputs.specPath,
    specSha256: inputs.specSha256,
    overlays: inputs.overlays,
    // cwd decides the default ref root and where relative paths lead.
    cwd: options.cwd,
    refRoot: options.refRoot ?? null,
    allowRemoteRefs: options.allowRemoteRefs,
    validate: options.validate,
    maxSpecBytes: options.maxSpecBytes,
    selection: toOperationSelection(options),
  };
  return sha256Hex(JSON.stringify(decided));
}
