/**
 * `loadModel` behind a disk cache, for `serve`: a second start on the same
 * spec, files and options reads the model it built the first time instead of
 * building it again (Kubernetes: about 2 s of loading and building against a
 * JSON parse of its 24 MB model). `inspect` and `gen` build fresh.
 */
import { realpath, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveSpecOptions, type SpecUserOptions } from '../options/spec-options.js';
import { type LoadedModel, loadModel, type ModelStep } from './load-model.js';
import { ENTRY_EXTENSION, MODEL_CACHE_FORMAT } from './model-cache/cache-entry.js';
import { modelCacheKey } from './model-cache/model-cache-key.js';
import { readCacheEntry } from './model-cache/read-cache-entry.js';
import { sha256Hex, sha256OfFile } from './model-cache/sha256-hex.js';
import { stampFiles } from './model-cache/stamp-files.js';
import { writeCacheEntry } from './model-cache/write-cache-entry.js';

/** Where and how {@link cachedLoadModel} keeps its entries. */
export interface ModelCacheOptions {
  /** The cache folder (created with mode 0700 when missing). */
  dir: string;
  /** This package's version, part of every key. */
  version: string;
  /**
   * Entries kept; older ones are deleted when a new one is written.
   * @default 16
   */
  maxEntries?: number;
  /** Told a failed write, in one line (the model is served anyway). */
  warn?: (line: string) => void;
  /**
   * The clock, in epoch ms, that says whether a file was written too recently for its stamp to be kept.
   * @default Date.now
   */
  now?: () => number;
}

/** What the cache did, for `--verbose` and tests. */
export type CacheOutcome =
  | { status: 'hit'; file: string }
  | { status: 'miss'; reason: string }
  | { status: 'off'; reason: string };

const DEFAULT_MAX_ENTRIES = 16;

/**
 * Like {@link loadModel}, through the cache in `cache.dir`. The key covers
 * the package version and build, the resolved spec options and the root
 * spec's bytes; the entry lists every other file read (overlays, `$ref`'d
 * files) with its sha256 and every symlink followed, all checked on a hit.
 * A spec or overlay given as a URL, or a load that fetched a remote ref, is
 * never cached. A missing, stale, corrupt or unreadable entry is a miss,
 * never an error; errors are those of `loadModel`.
 *
 * @param onStep also told `model cache: hit (<file>)` or `model cache: miss (<why>)` with the lookup's time
 * @param onPreview told the model's operation count on a hit, before the model is parsed
 */
export async function cachedLoadModel(
  spec: string,
  options: SpecUserOptions,
  cache: ModelCacheOptions,
  onStep?: (step: ModelStep | `model cache: ${string}`, ms: number) => void,
  onPreview?: (preview: { operationCount: number }) => void,
): Promise<LoadedModel & { cache: CacheOutcome }> {
  const started = performance.now();
  const resolved = resolveSpecOptions(options, true);
  const remote = [spec, ...resolved.overlay].find((source) => /^https?:\/\//i.test(source));
  if (remote !== undefined) {
    const reason = `${remote === spec ? 'the spec' : 'an overlay'} is a URL`;
    onStep?.(`model cache: off (${reason})`, performance.now() - started);
    return { ...(await loadModel(spec, resolved, onStep)), cache: { status: 'off', reason } };
  }
  const root = await readRoot(spec, resolved.cwd);
  // An unreadable spec is loadModel's to report, with its own error.
  if (root === undefined) {
    return {
      ...(await loadModel(spec, resolved, onStep)),
      cache: { status: 'off', reason: 'spec unreadable' },
    };
  }
  const key = modelCacheKey({
    version: cache.version,
    buildStamp: await buildStamp(),
    specPath: root.path,
    specSha256: root.sha256,
    overlays: resolved.overlay.map((overlay) => path.resolve(resolved.cwd, overlay)),
    options: resolved,
  });
  const file = path.join(cache.dir, `${key}${ENTRY_EXTENSION}`);
  const found = await readCacheEntry(file, key, new Map([[root.path, root.sha256]]), (header) =>
    onPreview?.({ operationCount: header.operationCount }),
  );
  if (found.kind === 'hit') {
    onStep?.(`model cache: hit (${file})`, performance.now() - started);
    // Used now: the pruning keeps the most recently used entries.
    const now = new Date();
    await utimes(file, now, now).catch(() => undefined);
    return { ...found.loaded, cache: { status: 'hit', file } };
  }
  onStep?.(`model cache: miss (${found.reason})`, performance.now() - started);

  const files = new Map<string, string>();
  const links: Array<{ path: string; realPath: string }> = [];
  let fetched = false;
  const loaded = await loadModel(spec, resolved, onStep, {
    read: (url, text) => {
      if (!url.startsWith('file:')) {
        fetched = true;
        return;
      }
      // Hashed as the loader read it (the root too, which may have changed since the key was
      // taken): a file that is not valid UTF-8 then never matches its bytes, a miss, never stale.
      files.set(fileURLToPath(url), sha256Hex(text));
    },
    link: (from, to) => links.push({ path: from, realPath: to }),
  });
  if (fetched) return { ...loaded, cache: { status: 'off', reason: 'a remote $ref was fetched' } };
  const stamped = await stampFiles(files, cache.now);
  if ('changed' in stamped) {
    cache.warn?.(`model cache: ${stamped.changed} changed while the spec was loaded; no entry written`);
    return { ...loaded, cache: { status: 'miss', reason: found.reason } };
  }
  // Serialised now, as given: whoever receives the model may change it afterwards. Awaited, so
  // a short first run (a client that lists the tools and leaves) still leaves its entry.
  const writing = performance.now();
  try {
    const entry = await writeCacheEntry(
      cache.dir,
      {
        format: MODEL_CACHE_FORMAT,
        key,
        source: loaded.source,
        files: stamped.files,
        links,
        diagnostics: loaded.diagnostics,
        deselected: loaded.deselected,
        operationCount: loaded.model.operations.length,
      },
      JSON.stringify(loaded.model),
      cache.maxEntries ?? DEFAULT_MAX_ENTRIES,
    );
    onStep?.(`model cache: wrote ${entry}`, performance.now() - writing);
  } catch (error) {
    cache.warn?.(
      `model cache: could not write an entry in ${cache.dir} (${error instanceof Error ? error.message : String(error)}); serving on without it`,
    );
  }
  return { ...loaded, cache: { status: 'miss', reason: found.reason } };
}

/** The root spec's real path and the sha256 of its bytes, or undefined when it cannot be read. */
async function readRoot(spec: string, cwd: string): Promise<{ path: string; sha256: string } | undefined> {
  const real = await realpath(spec.startsWith('file:') ? fileURLToPath(spec) : path.resolve(cwd, spec)).catch(
    () => undefined,
  );
  const sha256 = real === undefined ? undefined : await sha256OfFile(real);
  return real === undefined || sha256 === undefined ? undefined : { path: real, sha256 };
}

/**
 * This module's own modification time: every build of the package rewrites
 * it, so a development build that keeps the version never meets the
 * entries of an earlier build.
 */
async function buildStamp(): Promise<string> {
  try {
    return String((await stat(fileURLToPath(import.meta.url))).mtimeMs);
  } catch {
    return 'unknown';
  }
}
