/**
 * How a model's operations are published as tools. Vendored into generated
 * projects with the rest of this folder.
 */

/** The values of `--tools`. */
export const TOOL_MODES = ['all', 'discovery', 'auto'] as const;

/**
 * `all`: one tool per operation. `discovery`: a few meta-tools that search,
 * describe and call the operations. `auto`: `discovery` when the full list would
 * pass the budget clients accept (see `chooseToolMode`), else `all`.
 */
export type ToolMode = (typeof TOOL_MODES)[number];

/** Is `value` one of {@link TOOL_MODES}? */
export function isToolMode(value: unknown): value is ToolMode {
  return typeof value === 'string' && (TOOL_MODES as readonly string[]).includes(value);
}
