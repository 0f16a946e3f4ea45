/**
 * A tool definition in compact detail (`--detail compact`, the default): what a
 * model needs to choose and call the tool, and the response's shape for the
 * client, at a fraction of the full definition's bytes and tokens.
 */
import { compactInputSchema } from './compact-input-schema.js';
import { compactOutputSchema } from './compact-output-schema.js';
import { cutText } from './cut-text.js';
import type { ToolDefinition } from './types.js';

/** SECURITY.md's recommended cap for a tool description (section 4). */
export const MAX_TOOL_DESCRIPTION = 1024;

/** `definition` with its description cut, its input schema compacted and its output schema reduced to a shape. */
export function compactDefinition(definition: ToolDefinition): ToolDefinition {
  const compact: ToolDefinition = {
    ...definition,
    description: cutText(definition.description, MAX_TOOL_DESCRIPTION),
    inputSchema: compactInputSchema(definition.inputSchema) as ToolDefinition['inputSchema'],
  };
  if (definition.outputSchema !== undefined)
    compact.outputSchema = compactOutputSchema(definition.outputSchema);
  return compact;
}
