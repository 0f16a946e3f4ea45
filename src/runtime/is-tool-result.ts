/**
 * Whether a value user code returned can be sent as a tool result.
 */
import type { ToolResult } from './types.js';

/** True for an object with a `content` array of typed blocks (text blocks with text). */
export function isToolResult(value: unknown): value is ToolResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { content, structuredContent, isError } = value as Record<string, unknown>;
  if (!Array.isArray(content)) return false;
  if (isError !== undefined && typeof isError !== 'boolean') return false;
  if (
    structuredContent !== undefined &&
    (typeof structuredContent !== 'object' || structuredContent === null || Array.isArray(structuredContent))
  ) {
    return false;
  }
  return content.every((block: unknown) => {
    if (typeof block !== 'object' || block === null) return false;
    const { type, text } = block as Record<string, unknown>;
    if (typeof type !== 'string') return false;
    return type !== 'text' || typeof text === 'string';
  });
}
