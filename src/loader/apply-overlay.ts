/**
 * Applies one checked Overlay 1.0 document to a parsed spec, in place, action
 * after action (a later action sees what an earlier one did). An update is
 * merged into an object (nested objects merged, nested arrays appended,
 * anything else replaced) or appended to an array (an array update adds each
 * of its items); `remove: true` deletes the selected node from its parent.
 * @see https://spec.openapis.org/overlay/v1.0.0.html#action-object
 */
import { exec, type JsonValue } from 'jsonpath-rfc9535';
import { createDiagnostic, type Diagnostic, DiagnosticCode } from '../diagnostics.js';
import { isRecord, setSafe } from '../safe-record.js';
import { cloneTree } from './parse-document.js';
import type { Overlay } from './parse-overlay.js';

type Path = (string | number)[];

/**
 * @param document the parsed spec, changed in place
 * @param file the overlay's path or URL, for messages
 * @returns a warning for every action that changed nothing
 */
export function applyOverlay(document: unknown, overlay: Overlay, file: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  overlay.actions.forEach((action, i) => {
    const paths: Path[] = [];
    exec(document as JsonValue, action.target, (_value, path) => paths.push([...path]));
    const changed = action.remove ? removeAll(document, paths) : updateAll(document, paths, action.update);
    if (changed === 0) {
      const why =
        paths.length === 0
          ? 'selects nothing'
          : action.remove
            ? 'selects only the document root, which cannot be removed'
            : 'selects no object or array the update fits';
      diagnostics.push(
        createDiagnostic(
          DiagnosticCode.OVERLAY_TARGET_UNMATCHED,
          `Overlay ${file} action ${i} (target ${JSON.stringify(action.target)}) ${why}; it changed nothing.`,
        ),
      );
    }
  });
  return diagnostics;
}

function nodeAt(document: unknown, path: Path): unknown {
  let node = document;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

function updateAll(document: unknown, paths: Path[], update: unknown): number {
  let changed = 0;
  for (const path of paths) {
    const node = nodeAt(document, path);
    if (Array.isArray(node)) {
      node.push(...(Array.isArray(update) ? update.map(cloneTree) : [cloneTree(update)]));
      changed++;
    } else if (isRecord(node) && isRecord(update)) {
      mergeInto(node, update);
      changed++;
    }
  }
  return changed;
}

function mergeInto(target: Record<string, unknown>, patch: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(patch)) {
    const current = Object.hasOwn(target, key) ? target[key] : undefined;
    if (isRecord(current) && isRecord(value)) mergeInto(current, value);
    else if (Array.isArray(current) && Array.isArray(value)) current.push(...value.map(cloneTree));
    else setSafe(target, key, cloneTree(value));
  }
}

function removeAll(document: unknown, paths: Path[]): number {
  // Deepest and highest index first, so removing one node never shifts another still to remove.
  const ordered = [...paths].sort((a, b) => b.length - a.length || compareLast(b, a));
  let changed = 0;
  for (const path of ordered) {
    if (path.length === 0) continue;
    const parent = nodeAt(document, path.slice(0, -1));
    const key = path[path.length - 1] as string | number;
    if (Array.isArray(parent) && typeof key === 'number' && key < parent.length) {
      parent.splice(key, 1);
      changed++;
    } else if (isRecord(parent) && typeof key === 'string' && Object.hasOwn(parent, key)) {
      delete parent[key];
      changed++;
    }
  }
  return changed;
}

function compareLast(a: Path, b: Path): number {
  const x = a[a.length - 1];
  const y = b[b.length - 1];
  return typeof x === 'number' && typeof y === 'number' ? x - y : 0;
}
