/**
 * How much of each operation's text and schemas a tool definition carries.
 * Vendored into generated projects with the rest of this folder.
 */

/** The values of `--detail`. */
export const TOOL_DETAILS = ['compact', 'full'] as const;

/**
 * `compact`: what a model needs to choose and call a tool (descriptions cut,
 * no examples, output schemas reduced to their shape; see `compactDefinition`).
 * `full`: every description, example and output schema keyword the model holds.
 */
export type ToolDetail = (typeof TOOL_DETAILS)[number];

/** Is `value` one of {@link TOOL_DETAILS}? */
export function isToolDetail(value: unknown): value is ToolDetail {
  return typeof value === 'string' && (TOOL_DETAILS as readonly string[]).includes(value);
}
