/** How a spec is found and read: the options every command shares. */

import { parseByteSize } from './parse-byte-size.js';
import {
  type ResolvedSelectionOptions,
  resolveSelectionOptions,
  type SelectionUserOptions,
} from './selection-options.js';

/**
 * Largest spec read, in bytes, counting every file reached through `$ref`.
 * Admits the largest public specs with room to spare (GitHub's dereferenced
 * description is 70 MB) while refusing what would not fit in Node's default
 * heap once parsed (a JSON document takes several times its size in memory).
 */
export const DEFAULT_MAX_SPEC_BYTES = 256 * 2 ** 20;

/** Spec-loading options as a user gives them. */
export interface SpecUserOptions extends SelectionUserOptions {
  /**
   * Folder local `$ref`s may read from.
   * @default the current directory when the spec lies inside it, else the spec's folder
   */
  refRoot?: string;
  /**
   * Allow `$ref`s to URLs.
   * @default false
   */
  allowRemoteRefs?: boolean;
  /**
   * Folder a relative spec path (and `refRoot`) resolves against.
   * @default process.cwd()
   */
  cwd?: string;
  /**
   * Check the document against the official OpenAPI schema (diagnostics only).
   * @default true for `inspect` and `generate`, false for `serve` (start-up time)
   */
  validate?: boolean;
  /**
   * Largest spec accepted (`--max-spec-size`): bytes, or a size with a unit (`100MB`, `256MiB`).
   * @default {@link DEFAULT_MAX_SPEC_BYTES} (256 MiB)
   */
  maxSpecBytes?: number | string;
}

/** Spec-loading options with every default filled. */
export interface ResolvedSpecOptions extends ResolvedSelectionOptions {
  readonly refRoot?: string;
  readonly allowRemoteRefs: boolean;
  readonly cwd: string;
  readonly validate: boolean;
  readonly maxSpecBytes: number;
}

/** Fills the defaults; `validate` defaults differ by command, so the caller names its own. */
export function resolveSpecOptions(user: SpecUserOptions, validateByDefault: boolean): ResolvedSpecOptions {
  return {
    ...resolveSelectionOptions(user),
    ...(user.refRoot !== undefined && { refRoot: user.refRoot }),
    allowRemoteRefs: user.allowRemoteRefs ?? false,
    cwd: user.cwd ?? process.cwd(),
    validate: user.validate ?? validateByDefault,
    maxSpecBytes:
      user.maxSpecBytes === undefined
        ? DEFAULT_MAX_SPEC_BYTES
        : parseByteSize(user.maxSpecBytes, '--max-spec-size'),
  };
}
