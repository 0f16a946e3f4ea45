/**
 * The shape of every failed tool call: one short text block with `isError: true`.
 */
import type { ToolResult } from './types.js';

/**
 * Builds an `isError` tool result carrying `text`, which must be safe to show to
 * the model (no stack, no request headers, no credential values).
 */
export function toolError(text: string): ToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}
