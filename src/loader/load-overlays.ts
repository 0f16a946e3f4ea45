/**
 * Reads the `--overlay` files and applies them, in order, to the spec's root
 * document as parsed, before refs are bundled or Swagger 2.0 converted, so a
 * target names the document as its author wrote it. Overlays are read under
 * the spec's own policy: its byte budget and the same safe parser.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from '../diagnostics.js';
import { applyOverlay } from './apply-overlay.js';
import { type BundleRefsOptions, readDocument } from './bundle-refs.js';
import { parseOverlay } from './parse-overlay.js';

/**
 * @param document the root document, changed in place
 * @param sources overlay file paths (relative to `cwd`) or http(s) URLs
 * @throws SpecLoadError when an overlay cannot be read (`OMCP_SPEC_READ`),
 *   parsed (`OMCP_SPEC_PARSE`) or is no Overlay 1.0 document (`OMCP_OVERLAY_INVALID`)
 */
export async function loadOverlays(
  document: unknown,
  sources: readonly string[],
  options: Pick<BundleRefsOptions, 'fetchTimeoutMs' | 'budget' | 'watch'> & { cwd: string },
): Promise<Diagnostic[]> {
  const diagnostics: Diagnostic[] = [];
  for (const source of sources) {
    const url = /^https?:\/\//i.test(source)
      ? new URL(source).href
      : pathToFileURL(path.resolve(options.cwd, source)).href;
    const read = await readDocument(url, options);
    diagnostics.push(...applyOverlay(document, parseOverlay(read.value, read.display), read.display));
  }
  return diagnostics;
}
