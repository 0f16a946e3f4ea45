/**
 * A tool's annotations in compact detail: only the hints that say something
 * a client would not assume. MCP defines what an absent hint means
 * (2025-11-25, tools#tool-annotations): not read-only, destructive, not
 * idempotent, open world; and `destructiveHint` and `idempotentHint` mean
 * something only when the tool is not read-only. A GET keeps
 * `readOnlyHint: true` alone; a POST usually keeps nothing.
 */
import type { ToolDefinition } from './types.js';

type Annotations = NonNullable<ToolDefinition['annotations']>;

/** `annotations` without the hints a client reads the same when absent; undefined when none is left. */
export function compactAnnotations(annotations: Annotations | undefined): Annotations | undefined {
  if (annotations === undefined) return undefined;
  const compact: Annotations = {};
  if (annotations.title !== undefined) compact.title = annotations.title;
  if (annotations.readOnlyHint === true) compact.readOnlyHint = true;
  else {
    if (annotations.destructiveHint === false) compact.destructiveHint = false;
    if (annotations.idempotentHint === true) compact.idempotentHint = true;
  }
  if (annotations.openWorldHint === false) compact.openWorldHint = false;
  return Object.keys(compact).length === 0 ? undefined : compact;
}
