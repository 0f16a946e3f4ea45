/**
 * One call of a user's custom tool: validate the arguments with the runtime's
 * own Ajv, run the handler, check what it returned.
 */
import { describeThrown } from './describe-thrown.js';
import { isToolResult } from './is-tool-result.js';
import type { SchemaValidator } from './schema-validator.js';
import type { CustomTool, CustomToolContext } from './server-extensions.js';
import { toolError } from './tool-error.js';
import type { ToolResult } from './types.js';
import { validateArguments } from './validate-arguments.js';

/** A custom tool with its validators (compiled at start-up). */
export interface CustomToolEntry {
  tool: CustomTool;
  input: SchemaValidator;
  output?: SchemaValidator;
}

/**
 * Calls `entry`'s handler with `args` once they validate. Never throws: bad
 * arguments, a throwing handler, a result that is not one, and structured
 * content that misses the output schema are `isError` results.
 */
export async function callCustomTool(
  entry: CustomToolEntry,
  args: unknown,
  context: CustomToolContext,
): Promise<ToolResult> {
  const { name } = entry.tool;
  const given = args === undefined ? {} : args;
  const invalid = validateArguments(entry.input, name, given);
  if (invalid !== undefined) return invalid;
  let returned: unknown;
  try {
    returned = await entry.tool.handler(given as Record<string, unknown>, context);
  } catch (error) {
    context.log(
      `tool ${name}: the custom tool's handler threw (${error instanceof Error ? error.name : typeof error})`,
    );
    return toolError(`Tool ${name} failed: ${describeThrown(error)}`);
  }
  if (!isToolResult(returned)) {
    return toolError(
      `Tool ${name} failed: its handler returned no tool result (a tool result is { content: [...] }).`,
    );
  }
  if (entry.output !== undefined && returned.isError !== true) {
    // Clients reject a success whose structured content misses the declared schema.
    const check = entry.output.check(returned.structuredContent);
    if (!check.ok) {
      const why = 'errors' in check ? check.errors.join('; ') : check.compileError;
      return toolError(`Tool ${name} failed: its result does not match its outputSchema (${why}).`);
    }
  }
  return returned;
}
