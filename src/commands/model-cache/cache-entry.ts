/**
 * The shape of one model cache entry on disk: a header line of JSON (what the
 * model was built from, its diagnostics), then the model as one line of JSON.
 * The header is checked before the model is parsed, so a stale entry costs
 * only the reads of its spec files, not a parse of the whole model.
 */
import type { Diagnostic } from '../../diagnostics.js';
import type { FileStamp } from './file-stamp.js';

/**
 * Bumped whenever the entry layout or the meaning of a built model changes
 * in a way the package version would not show (an entry of another format is a miss).
 */
export const MODEL_CACHE_FORMAT = 3;

/** Extension of an entry; anything else in the folder (temp files aside) is not ours to prune. */
export const ENTRY_EXTENSION = '.entry';

/** The first line of an entry. */
export interface CacheEntryHeader {
  format: number;
  /** The key the entry was written under (its file name says the same; a renamed file is a miss). */
  key: string;
  /** Absolute path of the spec, for messages. */
  source: string;
  /**
   * Every local file the loader read, with the sha256 of its bytes and, when
   * it had not just been written, its stamp: a file whose stamp is unchanged
   * is not read again on a hit.
   */
  files: Array<{ path: string; sha256: string; stamp?: FileStamp }>;
  /** Paths the loader followed through symlinks, and where they led. */
  links: Array<{ path: string; realPath: string }>;
  diagnostics: Diagnostic[];
  deselected: number;
  /** The model's operations: enough for a server in discovery mode to list its tools before the model is parsed. */
  operationCount: number;
  /** Length of the model line in bytes: a truncated entry is told apart before parsing. */
  modelBytes: number;
}
