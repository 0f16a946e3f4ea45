/**
 * Argument validation of a tool call, before anything else happens.
 */
import type { SchemaValidator } from './schema-validator.js';
import { toolError } from './tool-error.js';
import type { ToolResult } from './types.js';

/**
 * Checks `args` against the tool's input schema. Returns `undefined` when they are
 * valid, else an `isError` result listing each bad argument path and what was expected:
 *
 * ```text
 * Invalid arguments for tool get_pet:
 * - /petId: must be integer
 * ```
 */
export function validateArguments(
  validator: SchemaValidator,
  toolName: string,
  args: unknown,
): ToolResult | undefined {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    const got = args === null ? 'null' : Array.isArray(args) ? 'an array' : typeof args;
    return toolError(`Invalid arguments for tool ${toolName}:\n- (root): must be an object (got ${got})`);
  }
  const check = validator.check(args);
  if (check.ok) return undefined;
  if ('compileError' in check) {
    return toolError(
      `Tool ${toolName} cannot be called: its input schema could not be compiled (${check.compileError}).`,
    );
  }
  const rule =
    check.rootRule === undefined
      ? ''
      : `\nThe arguments break a rule across several of them (${check.rootRule}); the tool's description names its argument rules.`;
  return toolError(
    `Invalid arguments for tool ${toolName}:\n${check.errors.map((e) => `- ${e}`).join('\n')}${rule}`,
  );
}
