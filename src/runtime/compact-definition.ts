/**
 * A tool definition in compact detail (`--detail compact`, the default): what a
 * model needs to choose and call the tool, and the response's shape for the
 * client, at a fraction of the full definition's bytes and tokens.
 */
import { compactAnnotations } from './compact-annotations.js';
import { compactInputSchema } from './compact-input-schema.js';
import { compactOutputSchema } from './compact-output-schema.js';
import { cutText } from './cut-text.js';
import type { ToolDefinition } from './types.js';

/** SECURITY.md's recommended cap for a tool description (section 4). */
export const MAX_TOOL_DESCRIPTION = 1024;

/**
 * `definition` with its description cut, its input schema compacted, its
 * output schema reduced to a shape (none when the shape says only "an
 * object") and its annotations to the hints that are not MCP's defaults. The two schemas are computed when first
 * read (then kept): in discovery mode a server lists three meta-tools, and
 * compacting every operation's schemas up front was most of a big spec's
 * start-up (170 ms of DigitalOcean's 659 operations).
 */
export function compactDefinition(definition: ToolDefinition): ToolDefinition {
  const { annotations, ...rest } = definition;
  const compact: ToolDefinition = {
    ...rest,
    description: cutText(definition.description, MAX_TOOL_DESCRIPTION),
  };
  const hints = compactAnnotations(annotations);
  if (hints !== undefined) compact.annotations = hints;
  let input: ToolDefinition['inputSchema'] | undefined;
  defineComputed(compact, 'inputSchema', () => {
    input ??= compactInputSchema(definition.inputSchema) as ToolDefinition['inputSchema'];
    return input;
  });
  const full = definition.outputSchema;
  if (full !== undefined) {
    let output: ToolDefinition['outputSchema'];
    let computed = false;
    defineComputed(compact, 'outputSchema', () => {
      if (!computed) {
        const shape = compactOutputSchema(full);
        // `{ type: 'object' }` tells a client nothing: no schema is listed, the result still carries
        // its structured content (MCP allows it without a schema).
        output = Object.keys(shape).length > 1 ? shape : undefined;
        computed = true;
      }
      return output;
    });
  }
  return compact;
}

/** An enumerable property computed on first read, so spreads and `JSON.stringify` see a plain value. */
function defineComputed<K extends 'inputSchema' | 'outputSchema'>(
  target: ToolDefinition,
  key: K,
  compute: () => ToolDefinition[K],
): void {
  Object.defineProperty(target, key, { enumerable: true, configurable: true, get: compute });
}
