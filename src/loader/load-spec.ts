import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { OpenAPIV3, OpenAPIV3_1 } from 'openapi-types';
import type { Diagnostic } from '../diagnostics.js';
import { ErrorCode, OptionsError, SpecLoadError } from '../errors.js';
import { bundleRefs, readDocument, type SpecReadWatch } from './bundle-refs.js';
import { detectSpecVersion } from './detect-spec-version.js';
import { loadOverlays } from './load-overlays.js';
import { resolveRefRoot } from './resolve-ref-root.js';

/** Options of {@link loadSpec}; all optional. */
export interface LoadSpecOptions {
  /**
   * Folder that local file `$ref`s must stay inside (relative to `cwd`).
   * @default cwd when the spec file lies inside cwd, else the spec's own folder
   */
  refRoot?: string;
  /**
   * Allow http(s) `$ref`s; otherwise they are refused with an error naming the ref.
   * @default false
   */
  allowRemoteRefs?: boolean;
  /**
   * Folder relative paths are resolved against.
   * @default process.cwd()
   */
  cwd?: string;
  /**
   * Timeout for each download (a spec given as URL, or a remote ref), ms.
   * @default 30000
   */
  fetchTimeoutMs?: number;
  /**
   * Largest spec accepted, bytes, counting every file reached through `$ref`
   * (the CLI's `--max-spec-size`, which the error for a larger spec names).
   * @default 268435456 (256 MiB: GitHub's dereferenced description is 70 MB)
   */
  maxBytes?: number;
  /**
   * Check the document against the official Swagger 2.0 / OpenAPI 3.x schema
   * and report violations as `OMCP_SPEC_SCHEMA_VIOLATION` diagnostics (about
   * 0.2 s, mostly compiling that schema; `serve` leaves it off to start fast).
   * @default true
   */
  validate?: boolean;
  /** OpenAPI Overlay 1.0 files (paths relative to `cwd`, or URLs) applied in order to the document as read. */
  overlays?: readonly string[];
  /** Told each step's time as it ends, in order (progress on a terminal, `--verbose`). */
  onStep?: (step: LoadStep, ms: number) => void;
  /** Told of every file read (spec, overlays, `$ref`'d files) and symlink followed: what a model cache checks. */
  watch?: SpecReadWatch;
}

/** The steps of {@link loadSpec}; `convert` only for Swagger 2.0, `validate` only when asked. */
export type LoadStep = 'read' | 'parse' | 'bundle' | 'validate' | 'convert';

/** A spec ready for the model builder. */
export interface LoadedSpec {
  /**
   * OpenAPI 3.0.x or 3.1.x document (Swagger 2.0 input converted), bundled: only
   * internal `#/...` `$ref`s remain; internal cycles are kept as `$ref`s.
   */
  document: OpenAPIV3.Document | OpenAPIV3_1.Document;
  /** Version of the input as written. */
  inputVersion: '2.0' | '3.0' | '3.1';
  /** Absolute file path (real path) or URL of the root document. */
  source: string;
  diagnostics: Diagnostic[];
}

const DEFAULT_FETCH_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

/**
 * Reads a spec from a file path or an http(s) URL: parses JSON or YAML (by
 * content), bundles external file refs under a strict policy (see
 * {@link bundleRefs}), converts Swagger 2.0 to OpenAPI 3.0, and checks that the
 * result describes operations.
 *
 * @param source file path (relative to `cwd`), `file:` URL, or http(s) URL
 * @throws SpecLoadError with a one-line message naming the file (and line/column
 *   or JSON pointer) at fault; OptionsError for a bad option
 */
export async function loadSpec(source: string, options: LoadSpecOptions = {}): Promise<LoadedSpec> {
  const cwd = options.cwd ?? process.cwd();
  const fetchTimeoutMs = positive('fetchTimeoutMs', options.fetchTimeoutMs, DEFAULT_FETCH_TIMEOUT_MS);
  const maxBytes = positive('maxBytes', options.maxBytes, DEFAULT_MAX_BYTES);
  const budget = { remainingBytes: maxBytes, maxBytes };
  const watch = options.watch !== undefined ? { watch: options.watch } : {};

  const isUrl = /^https?:\/\//i.test(source);
  let rootUrl: string;
  let refRoot: string;
  if (isUrl) {
    rootUrl = new URL(source).href;
    // Never used: a document loaded from a URL may not reference local files.
    refRoot = path.resolve(cwd);
  } else {
    const specPath = await realSpecPath(source, cwd);
    rootUrl = pathToFileURL(specPath).href;
    refRoot = await resolveRefRoot(specPath, options.refRoot, cwd);
  }

  const onStep = options.onStep ?? (() => {});
  const root = await readDocument(rootUrl, { fetchTimeoutMs, budget, onStep, ...watch });
  const diagnostics: Diagnostic[] = await loadOverlays(root.value, options.overlays ?? [], {
    cwd,
    fetchTimeoutMs,
    budget,
    ...watch,
  });
  const inputVersion = detectSpecVersion(root.value, root.display);
  let started = performance.now();
  const bundled = (await bundleRefs(root, {
    refRoot,
    allowRemoteRefs: options.allowRemoteRefs ?? false,
    fetchTimeoutMs,
    budget,
    hoistInto: inputVersion === '2.0' ? ['definitions'] : ['components', 'schemas'],
    diagnostics,
    ...watch,
  })) as Record<string, unknown>;
  onStep('bundle', performance.now() - started);
  assertUsable(bundled, inputVersion, root.display);
  if (options.validate ?? true) {
    started = performance.now();
    // Loaded on demand, like the converter below: `serve` skips the schema
    // check, most specs are 3.x, and every module loaded delays `initialize`.
    const { validateStructure } = await import('./validate-structure.js');
    diagnostics.push(...validateStructure(bundled, inputVersion));
    onStep('validate', performance.now() - started);
  }

  if (inputVersion !== '2.0') {
    return {
      document: bundled as unknown as OpenAPIV3.Document | OpenAPIV3_1.Document,
      inputVersion,
      source: root.display,
      diagnostics,
    };
  }
  // YAML reads an unquoted `swagger: 2.0` as the number 2; the converter wants the string.
  bundled.swagger = '2.0';
  started = performance.now();
  const { convertSwagger2 } = await import('./convert-swagger2.js');
  const converted = await convertSwagger2(bundled, root.display);
  onStep('convert', performance.now() - started);
  return {
    document: converted.document,
    inputVersion,
    source: root.display,
    diagnostics: [...diagnostics, ...converted.diagnostics],
  };
}

async function realSpecPath(source: string, cwd: string): Promise<string> {
  const wanted = source.startsWith('file:') ? fileURLToPath(source) : path.resolve(cwd, source);
  try {
    return await realpath(wanted);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error);
    throw new SpecLoadError(ErrorCode.SPEC_READ, `Cannot read spec ${wanted}: ${reason}; check the path.`, {
      file: wanted,
      cause: error,
    });
  }
}

function assertUsable(document: Record<string, unknown>, version: string, file: string): void {
  const hasPaths =
    Object.hasOwn(document, 'paths') && document.paths !== undefined && document.paths !== null;
  const hasWebhooks = version === '3.1' && Object.hasOwn(document, 'webhooks') && document.webhooks != null;
  if (!hasPaths && !hasWebhooks) {
    const missing = version === '3.1' ? "neither 'paths' nor 'webhooks'" : "no 'paths' object";
    throw new SpecLoadError(
      ErrorCode.SPEC_INVALID,
      `${file} at /: the spec has ${missing}, so it describes no operations; add at least one path.`,
      { file, pointer: '' },
    );
  }
  for (const key of ['paths', 'webhooks']) {
    const value = document[key];
    if (value !== undefined && value !== null && (typeof value !== 'object' || Array.isArray(value))) {
      throw new SpecLoadError(
        ErrorCode.SPEC_INVALID,
        `${file} at /${key}: expected an object but found ${Array.isArray(value) ? 'an array' : typeof value}.`,
        { file, pointer: `/${key}` },
      );
    }
  }
}

function positive(option: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new OptionsError(option, `${option} must be a positive number, got ${String(value)}.`);
  }
  return value;
}
