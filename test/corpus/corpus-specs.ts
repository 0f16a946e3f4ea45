/**
 * The real-world corpus (../shared/specs beside the repository, or OPENAPI_MCP_CORPUS): every root
 * document of SOURCES.md, read in place through the real pipeline
 * (loadSpec → buildApiModel), with the counts index.json expects.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApiModel } from '../../src/build-model/build-api-model.js';
import type { Diagnostic } from '../../src/diagnostics.js';
import { type LoadedSpec, loadSpec } from '../../src/loader/load-spec.js';
import type { ApiModel } from '../../src/model/types.js';

export const CORPUS =
  process.env.OPENAPI_MCP_CORPUS ??
  resolve(fileURLToPath(new URL('../..', import.meta.url)), '../shared/specs');
export const HAS_CORPUS = existsSync(join(CORPUS, 'index.json'));

/** What tools/spec-stats.cjs counted for one root document (a subset of index.json). */
export interface IndexEntry {
  file: string;
  sizeBytes: number;
  operations: number;
  webhookOperations: number;
}

export interface CorpusSpec {
  /** Path under the corpus folder, as in SOURCES.md. */
  name: string;
  file: string;
  /** Folder local `$ref`s may read: the vendor's folder (the spec's own for multi-file OAI examples). */
  refRoot: string;
  expected: IndexEntry;
}

/** The 30 root documents of SOURCES.md ("Root documents to feed the tool" and the provenance table). */
const ROOTS = JSON.parse(readFileSync(new URL('./root-documents.json', import.meta.url), 'utf8')) as {
  documents: string[];
  refRoots: Record<string, string>;
};
export const ROOT_DOCUMENTS: readonly string[] = ROOTS.documents;

/** petstore-separate refers to `../common/Error.json`, one level above its own folder. */
const REF_ROOTS: Readonly<Record<string, string>> = ROOTS.refRoots;

function readIndex(): IndexEntry[] {
  if (!HAS_CORPUS) return [];
  return (JSON.parse(readFileSync(join(CORPUS, 'index.json'), 'utf8')) as { specs: IndexEntry[] }).specs;
}

export const INDEX: readonly IndexEntry[] = readIndex();

export const CORPUS_SPECS: readonly CorpusSpec[] = HAS_CORPUS
  ? ROOT_DOCUMENTS.map((name) => {
      const expected = INDEX.find((entry) => entry.file === name);
      if (expected === undefined) throw new Error(`${name} is missing from ${CORPUS}/index.json`);
      const vendor = name.split('/')[0] as string;
      return {
        name,
        file: join(CORPUS, name),
        refRoot: join(CORPUS, REF_ROOTS[name] ?? vendor),
        expected,
      };
    })
  : [];

/** Finds a corpus spec by a unique part of its name (`'stripe'`). */
export function corpusSpec(part: string): CorpusSpec {
  const found = CORPUS_SPECS.filter((spec) => spec.name.includes(part));
  if (found.length !== 1) throw new Error(`"${part}" names ${found.length} corpus specs`);
  return found[0] as CorpusSpec;
}

export interface LoadedCorpusSpec {
  spec: CorpusSpec;
  loaded: LoadedSpec;
  model: ApiModel;
  /** Loader and builder diagnostics together, as the CLI prints them. */
  diagnostics: Diagnostic[];
  loadMs: number;
  buildMs: number;
}

/** loadSpec (in place, the spec's ref root) then buildApiModel, timed. */
export async function loadCorpusSpec(spec: CorpusSpec): Promise<LoadedCorpusSpec> {
  const start = performance.now();
  const loaded = await loadSpec(spec.file, { refRoot: spec.refRoot, cwd: CORPUS });
  const loadedAt = performance.now();
  const built = buildApiModel(loaded.document);
  const buildMs = performance.now() - loadedAt;
  return {
    spec,
    loaded,
    model: built.model,
    diagnostics: [...loaded.diagnostics, ...built.diagnostics],
    loadMs: loadedAt - start,
    buildMs,
  };
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** `{ pointer, method, path }` of every operation under `paths`, counted from the document itself. */
export function listDocumentOperations(
  document: Record<string, unknown>,
): Array<{ pointer: string; method: string; path: string }> {
  const out: Array<{ pointer: string; method: string; path: string }> = [];
  const paths = (document.paths ?? {}) as Record<string, unknown>;
  for (const [path, raw] of Object.entries(paths)) {
    const item = resolveInternal(document, raw) as Record<string, unknown> | undefined;
    if (typeof item !== 'object' || item === null) continue;
    for (const method of METHODS) {
      if (typeof item[method] === 'object' && item[method] !== null) {
        out.push({ pointer: `/paths/${escapePointer(path)}/${method}`, method, path });
      }
    }
  }
  return out;
}

/** Number of webhook operations (3.1 `webhooks`). */
export function countWebhookOperations(document: Record<string, unknown>): number {
  const hooks = (document.webhooks ?? {}) as Record<string, unknown>;
  let count = 0;
  for (const raw of Object.values(hooks)) {
    const item = resolveInternal(document, raw) as Record<string, unknown> | undefined;
    if (typeof item !== 'object' || item === null) continue;
    for (const method of METHODS) if (typeof item[method] === 'object' && item[method] !== null) count += 1;
  }
  return count;
}

export function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Follows internal `#/...` `$ref`s (bounded) from `value`. */
export function resolveInternal(root: unknown, value: unknown): unknown {
  let current = value;
  for (let hops = 0; hops < 20; hops += 1) {
    const ref = (current as { $ref?: unknown } | null)?.$ref;
    if (typeof current !== 'object' || current === null || typeof ref !== 'string' || !ref.startsWith('#')) {
      return current;
    }
    current = ref
      .slice(2)
      .split('/')
      .filter((part) => part !== '')
      .map((part) => decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>(
        (node, part) =>
          typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined,
        root,
      );
  }
  return current;
}
