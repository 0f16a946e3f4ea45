/**
 * How a server program prints an error on stderr, the same for `openapi-mcp`
 * and every generated server: `<program>: <CODE>: <message>` on one line for
 * an expected error; anything else is a bug, so its stack is shown.
 */
import { OpenapiMcpError, RuntimeErrorCode } from './errors.js';

/**
 * The lines to print for `error`. `describe` may say more than the message
 * (the CLI adds a spec error's file and pointer); it is folded to one line.
 */
export function formatError(
  program: string,
  error: unknown,
  describe: (error: OpenapiMcpError) => string = (known) => known.message,
): string[] {
  if (error instanceof OpenapiMcpError) {
    const lines = [`${program}: ${error.code}: ${oneLine(describe(error))}`];
    if (error.code === RuntimeErrorCode.USAGE) lines.push(`Run '${program} --help' for usage.`);
    return lines;
  }
  const stack = error instanceof Error ? (error.stack ?? String(error)) : String(error);
  return [`${program}: internal error (this is a bug, please report it):`, stack];
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
