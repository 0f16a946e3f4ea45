/**
 * The result hook of a server's extensions, applied to one result.
 */
import { describeThrown } from './describe-thrown.js';
import { isToolResult } from './is-tool-result.js';
import type { ResultHook, ResultHookContext } from './server-extensions.js';
import { toolError } from './tool-error.js';
import type { ToolResult } from './types.js';

/**
 * The result `hook` makes of `result`. A hook that throws or returns something
 * that is not a tool result gives an `isError` result naming the hook (with the
 * thrown message, never the stack), so a bug in it never breaks the protocol.
 */
export async function runResultHook(
  hook: ResultHook,
  result: ToolResult,
  context: ResultHookContext,
): Promise<ToolResult> {
  let returned: unknown;
  try {
    returned = await hook(result, context);
  } catch (error) {
    return toolError(
      `The result hook (onResult) failed for tool ${context.toolName}: ${describeThrown(error)}`,
    );
  }
  if (!isToolResult(returned)) {
    return toolError(
      `The result hook (onResult) returned no tool result for tool ${context.toolName} (a tool result is { content: [...] }).`,
    );
  }
  return returned;
}
