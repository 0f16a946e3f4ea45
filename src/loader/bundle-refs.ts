import { open } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createDiagnostic, type Diagnostic, DiagnosticCode } from '../diagnostics.js';
import { ErrorCode, SpecLoadError } from '../errors.js';
import { toPointer } from '../json-pointer.js';
import { isRecord, setSafe } from '../safe-record.js';
import { fetchText } from './fetch-text.js';
import { MAX_NESTING_DEPTH, parseDocument } from './parse-document.js';
import { resolveInsideRoot } from './resolve-inside-root.js';

/** One parsed spec file: the root document or a file reached through a `$ref`. */
export interface SpecDocument {
  /** Identity: `file:` URL of the real path, or the http(s) URL as requested. */
  url: string;
  /** What relative refs resolve against (the final URL after same-origin redirects). */
  base: string;
  /** Absolute path or URL for messages. */
  display: string;
  value: unknown;
}

/** Policy and limits for {@link bundleRefs} and for reading documents. */
export interface BundleRefsOptions {
  /** Real path of the folder local file refs must stay inside. */
  refRoot: string;
  allowRemoteRefs: boolean;
  fetchTimeoutMs: number;
  /** Shared byte budget for the root document and every referenced file; decremented as files are read. */
  budget: { remainingBytes: number; readonly maxBytes: number };
  /** Where cycles through external files are hoisted: `['definitions']` (2.0) or `['components', 'schemas']`. */
  hoistInto: readonly string[];
  diagnostics: Diagnostic[];
  /** Told of every file read, so a cache can later tell whether one changed. */
  watch?: SpecReadWatch;
}

/** What {@link BundleRefsOptions.watch} is told. */
export interface SpecReadWatch {
  /** A document was read: its identity URL (`file:` or http(s)) and its text. */
  read(url: string, text: string): void;
  /** A local ref's path led through a symlink to another real path (a retargeted link changes the spec). */
  link(path: string, realPath: string): void;
}

/** Nodes copied while inlining external refs; a diamond of refs could otherwise grow exponentially. */
const MAX_INLINED_NODES = 5_000_000;
/** Files read at once (a 2,800-file spec must not run out of file descriptors). */
const MAX_CONCURRENT_READS = 32;

type Target = { docUrl: string; pointer: string };

/**
 * Returns the root document with every external `$ref` replaced by the content it
 * points to, so that only internal `#/...` refs remain; internal refs (and cycles
 * through them) are left as they are. A cycle that runs through external files is
 * cut by hoisting the target into `hoistInto` and referencing it there.
 *
 * All reads happen here, under one policy: local files only inside `refRoot`
 * (checked lexically, then symlink by symlink), http(s) only with
 * `allowRemoteRefs`, and never a local file from a remote document. A ref that
 * breaks the policy fails the load naming the ref and its file, except inside a
 * vendor extension (`x-...`), which we never interpret: there it becomes `{}`
 * with a warning.
 *
 * @throws SpecLoadError `OMCP_SPEC_REF`, `OMCP_SPEC_READ`, `OMCP_SPEC_PARSE`
 */
export async function bundleRefs(root: SpecDocument, options: BundleRefsOptions): Promise<unknown> {
  const records = new Map<string, SpecDocument>([[root.url, root]]);
  const loading = new Map<string, Promise<SpecDocument>>([[root.url, Promise.resolve(root)]]);
  const located = new Map<string, string>();
  const dropped = new WeakSet<object>();
  const tasks: Promise<void>[] = [];
  const limit = createLimiter(MAX_CONCURRENT_READS);
  let externalCount = 0;

  const load = (url: string): Promise<SpecDocument> => {
    let pending = loading.get(url);
    if (pending === undefined) {
      pending = limit(() => readDocument(url, options)).then((doc) => {
        records.set(url, doc);
        track(scan(doc));
        return doc;
      });
      pending.catch(() => undefined);
      loading.set(url, pending);
    }
    return pending;
  };

  const track = (task: Promise<void>): void => {
    // Handled here so an early failure does not leave the others unhandled.
    task.catch(() => undefined);
    tasks.push(task);
  };

  const scan = async (doc: SpecDocument): Promise<void> => {
    const sites: Array<{ holder: object; ref: string; segments: string[] }> = [];
    collectRefs(doc.value, [], doc, (holder, ref, segments) => {
      if (!ref.startsWith('#')) sites.push({ holder, ref, segments: [...segments] });
    });
    await Promise.all(
      sites.map(async ({ holder, ref, segments }) => {
        externalCount++;
        const key = locatedKey(doc.url, ref);
        try {
          let url = located.get(key);
          if (url === undefined) {
            url = await locate(ref, doc, options);
            located.set(key, url);
          }
          await load(url);
        } catch (error) {
          if (!(error instanceof SpecLoadError)) throw error;
          if (!isVendorExtension(segments)) {
            // Say where the $ref sits in the file that holds it, unless a deeper file already did.
            if (error.pointer !== undefined || error.file !== doc.display) throw error;
            throw new SpecLoadError(error.code, error.message, {
              file: doc.display,
              // A `$ref` that is the whole document has the empty pointer; '#' says so in a message.
              pointer: segments.length === 0 ? '#' : toPointer(segments),
              cause: error.cause,
            });
          }
          dropped.add(holder);
          const pointer = toPointer(segments);
          options.diagnostics.push(
            createDiagnostic(
              DiagnosticCode.REF_DROPPED,
              `$ref '${ref}' in ${doc.display} at ${pointer} (a vendor extension) could not be used and was replaced by {}: ${error.message}`,
              doc.url === root.url ? { pointer } : {},
            ),
          );
        }
      }),
    );
  };

  track(scan(root));
  for (let i = 0; i < tasks.length; i++) await tasks[i];
  if (externalCount === 0) return root.value;
  return inline(root, records, located, dropped, options);
}

/** Resolves an external ref to the identity URL of the document it names, enforcing the policy. */
async function locate(ref: string, doc: SpecDocument, options: BundleRefsOptions): Promise<string> {
  const remoteDoc = !doc.base.startsWith('file:');
  if (ref.startsWith('//') && !remoteDoc) {
    // Against a file this would become `file://host/...`; it names a network location either way.
    throw refError(
      ref,
      doc,
      'is a scheme-relative URL (a network location)',
      '--allow-remote-refs with an http(s) URL',
    );
  }
  let target: URL;
  try {
    target = new URL(ref, doc.base);
  } catch (error) {
    throw refError(ref, doc, 'is not a valid URL or path', undefined, error);
  }
  target.hash = '';
  if (target.protocol === 'http:' || target.protocol === 'https:') {
    if (!options.allowRemoteRefs) {
      throw refError(
        ref,
        doc,
        `points to a URL (${target.href}) and remote refs are off`,
        '--allow-remote-refs',
      );
    }
    return target.href;
  }
  if (target.protocol !== 'file:') {
    throw refError(ref, doc, `uses the unsupported scheme '${target.protocol}'`);
  }
  if (remoteDoc) {
    throw refError(ref, doc, 'points to a local file from a document loaded from a URL');
  }
  if (target.host !== '' && target.host !== 'localhost') {
    throw refError(ref, doc, `names the host '${target.host}' (a network location)`, '--allow-remote-refs');
  }
  const lexical = path.resolve(fileURLToPath(target));
  const inside = await resolveInsideRoot(options.refRoot, lexical);
  if (inside.kind === 'outside') {
    throw refError(
      ref,
      doc,
      `resolves outside the ref root ${options.refRoot} (${inside.via})`,
      '--ref-root DIR',
    );
  }
  if (inside.kind === 'missing') {
    throw refError(ref, doc, `points to ${lexical}, which does not exist`);
  }
  if (inside.realPath !== lexical) options.watch?.link(lexical, inside.realPath);
  return pathToFileURL(inside.realPath).href;
}

/**
 * Reads and parses one document (the root spec too), charging its size to the shared budget.
 *
 * @param url `file:` URL of a real path, or an http(s) URL
 */
export async function readDocument(
  url: string,
  options: Pick<BundleRefsOptions, 'fetchTimeoutMs' | 'budget' | 'watch'> & {
    /** Told how long reading and parsing took (progress for a large root spec). */
    onStep?: (step: 'read' | 'parse', ms: number) => void;
  },
): Promise<SpecDocument> {
  const { budget } = options;
  const started = performance.now();
  const parse = (text: string, where: string): unknown => {
    const read = performance.now();
    options.onStep?.('read', read - started);
    const value = parseDocument(text, where);
    options.onStep?.('parse', performance.now() - read);
    return value;
  };
  if (!url.startsWith('file:')) {
    const fetched = await fetchText(url, {
      timeoutMs: options.fetchTimeoutMs,
      maxBytes: budget.remainingBytes,
    });
    budget.remainingBytes -= Buffer.byteLength(fetched.text);
    options.watch?.read(url, fetched.text);
    return { url, base: fetched.url, display: url, value: parse(fetched.text, url) };
  }
  const file = fileURLToPath(url);
  let text: string;
  try {
    const handle = await open(file, 'r');
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) {
        throw new SpecLoadError(
          ErrorCode.SPEC_READ,
          `${file} is not a regular file; give the path of a spec file.`,
          {
            file,
          },
        );
      }
      if (stats.size > budget.remainingBytes) {
        throw new SpecLoadError(
          ErrorCode.SPEC_READ,
          `${file} takes the spec past its size limit of ${budget.maxBytes} bytes (all referenced files count); raise it with --max-spec-size (e.g. --max-spec-size 1GB).`,
          { file },
        );
      }
      budget.remainingBytes -= stats.size;
      text = await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof SpecLoadError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new SpecLoadError(ErrorCode.SPEC_READ, `Cannot read ${file}: ${reason}.`, { file, cause: error });
  }
  options.watch?.read(url, text);
  return { url, base: url, display: file, value: parse(text, file) };
}

/** Second phase, synchronous: every document is loaded; copy the root with external refs inlined. */
function inline(
  root: SpecDocument,
  records: Map<string, SpecDocument>,
  located: Map<string, string>,
  dropped: WeakSet<object>,
  options: BundleRefsOptions,
): unknown {
  const hoisted = new Map<string, string>();
  const slots = new Map<string, unknown>();
  const container = containerAt(root.value, options.hoistInto);
  let budget = MAX_INLINED_NODES;

  const targetOf = (ref: string, doc: SpecDocument): Target => {
    const hash = ref.indexOf('#');
    const pointer = hash < 0 ? '' : ref.slice(hash + 1);
    if (ref.startsWith('#')) return { docUrl: doc.url, pointer };
    const docUrl = located.get(locatedKey(doc.url, ref));
    if (docUrl === undefined) throw refError(ref, doc, 'was not loaded (internal error)');
    return { docUrl, pointer };
  };

  const copy = (value: unknown, doc: SpecDocument, stack: Set<string>, depth: number): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (--budget < 0) {
      throw new SpecLoadError(
        ErrorCode.SPEC_REF,
        `${root.display}: inlining external $refs grows past ${MAX_INLINED_NODES} nodes; reduce the fan-out of shared external files.`,
        { file: root.display },
      );
    }
    if (depth > MAX_NESTING_DEPTH * 4) {
      throw new SpecLoadError(ErrorCode.SPEC_REF, `${doc.display}: external $refs nest too deeply.`, {
        file: doc.display,
      });
    }
    if (Array.isArray(value)) return value.map((item) => copy(item, doc, stack, depth + 1));
    if (dropped.has(value)) return {};
    const record = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    const ref = record.$ref;
    for (const [key, child] of Object.entries(record)) {
      if (key !== '$ref' || typeof ref !== 'string') setSafe(out, key, copy(child, doc, stack, depth + 1));
    }
    if (typeof ref !== 'string') return out;
    const target = targetOf(ref, doc);
    if (target.docUrl === root.url) {
      // Keep key order: `$ref` first, as written in nearly every spec.
      return { $ref: `#${target.pointer}`, ...out };
    }
    const resolved = materialize(target, ref, doc, stack, depth);
    if (Object.keys(out).length === 0) return resolved;
    // OpenAPI 3.1 allows siblings next to `$ref` (summary, description): they win over the target's.
    return isRecord(resolved) ? { ...resolved, ...out } : resolved;
  };

  const materialize = (
    target: Target,
    ref: string,
    site: SpecDocument,
    stack: Set<string>,
    depth: number,
  ): unknown => {
    const key = `${target.docUrl}#${target.pointer}`;
    const slot = hoisted.get(key);
    if (slot !== undefined) return { $ref: `#${slot}` };
    if (stack.has(key)) {
      const pointer = allocateSlot(target, container, slots, options.hoistInto);
      hoisted.set(key, pointer);
      return { $ref: `#${pointer}` };
    }
    const doc = records.get(target.docUrl);
    if (doc === undefined) throw refError(ref, site, 'was not loaded (internal error)');
    const found = getPointer(doc.value, target.pointer);
    if (!found.ok)
      throw refError(ref, site, `points to '#${target.pointer}', which does not exist in ${doc.display}`);
    stack.add(key);
    const result = copy(found.value, doc, stack, depth + 1);
    stack.delete(key);
    const cut = hoisted.get(key);
    if (cut === undefined) return result;
    slots.set(cut, result);
    return { $ref: `#${cut}` };
  };

  const out = copy(root.value, root, new Set(), 0);
  if (slots.size > 0 && isRecord(out)) {
    let parent = out;
    for (const segment of options.hoistInto) {
      const next = parent[segment];
      if (!isRecord(next)) setSafe(parent, segment, {});
      parent = parent[segment] as Record<string, unknown>;
    }
    for (const [pointer, value] of slots) {
      setSafe(parent, decodeSegment(pointer.slice(pointer.lastIndexOf('/') + 1)), value);
    }
  }
  return out;
}

function allocateSlot(
  target: Target,
  container: Record<string, unknown>,
  slots: Map<string, unknown>,
  hoistInto: readonly string[],
): string {
  const segments = target.pointer.split('/').filter(Boolean);
  const last = segments.at(-1) ?? path.basename(new URL(target.docUrl).pathname).replace(/\.[^.]*$/, '');
  const base = decodeSegment(last).replace(/[^A-Za-z0-9._-]+/g, '_') || 'External';
  const prefix = `/${hoistInto.join('/')}/`;
  let name = base;
  for (let n = 2; Object.hasOwn(container, name) || slots.has(prefix + name); n++) name = `${base}_${n}`;
  // Reserve the name now: nested cycles may allocate before this slot is filled.
  slots.set(prefix + name, {});
  return prefix + name;
}

function containerAt(root: unknown, segments: readonly string[]): Record<string, unknown> {
  let node = root;
  for (const segment of segments) {
    node = isRecord(node) ? node[segment] : undefined;
  }
  return isRecord(node) ? node : {};
}

/** Calls `visit` for every object with a string `$ref`, with the JSON pointer segments leading to it. */
function collectRefs(
  value: unknown,
  segments: string[],
  doc: SpecDocument,
  visit: (holder: object, ref: string, segments: string[]) => void,
): void {
  if (value === null || typeof value !== 'object') return;
  if (segments.length > MAX_NESTING_DEPTH) {
    throw new SpecLoadError(
      ErrorCode.SPEC_INVALID,
      `${doc.display} nests deeper than ${MAX_NESTING_DEPTH} levels at ${toPointer(segments.slice(0, 20))}...`,
      { file: doc.display },
    );
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      segments.push(String(index));
      collectRefs(item, segments, doc, visit);
      segments.pop();
    });
    return;
  }
  const record = value as Record<string, unknown>;
  if (typeof record.$ref === 'string') visit(record, record.$ref, segments);
  for (const [key, child] of Object.entries(record)) {
    if (child !== null && typeof child === 'object') {
      segments.push(key);
      collectRefs(child, segments, doc, visit);
      segments.pop();
    }
  }
}

/** A key starting with `x-` is a vendor extension unless it names a schema property. */
function isVendorExtension(segments: string[]): boolean {
  return segments.some((segment, i) => segment.startsWith('x-') && segments[i - 1] !== 'properties');
}

function getPointer(root: unknown, pointer: string): { ok: true; value: unknown } | { ok: false } {
  if (pointer === '' || pointer === '/') return pointer === '' ? { ok: true, value: root } : { ok: false };
  if (!pointer.startsWith('/')) return { ok: false };
  let node = root;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = decodeSegment(raw);
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, segment)) return { ok: false };
    node = (node as Record<string, unknown>)[segment];
  }
  return { ok: true, value: node };
}

function decodeSegment(raw: string): string {
  let text = raw;
  try {
    text = decodeURIComponent(raw);
  } catch {
    // A stray '%' is kept literally.
  }
  return text.replace(/~1/g, '/').replace(/~0/g, '~');
}

function locatedKey(docUrl: string, ref: string): string {
  const hash = ref.indexOf('#');
  return `${docUrl}\u0000${hash < 0 ? ref : ref.slice(0, hash)}`;
}

function refError(
  ref: string,
  doc: SpecDocument,
  problem: string,
  flag?: string,
  cause?: unknown,
): SpecLoadError {
  const hint = flag ? `; pass ${flag} to allow it` : '';
  return new SpecLoadError(ErrorCode.SPEC_REF, `$ref '${ref}' in ${doc.display} ${problem}${hint}.`, {
    file: doc.display,
    cause,
  });
}

function createLimiter(max: number): <T>(job: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async <T>(job: () => Promise<T>): Promise<T> => {
    if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await job();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}
