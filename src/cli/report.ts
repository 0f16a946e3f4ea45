/**
 * Everything the CLI prints goes through here: the only module that touches
 * the console. Errors become one line and an exit code.
 */
import { type Diagnostic, formatDiagnostic } from '../diagnostics.js';
import { OpenapiMcpError, OptionsError, SpecLoadError } from '../errors.js';

/** Where the CLI writes: `out` is stdout (never used while serving stdio), `err` is stderr. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

/** Exit codes of the `openapi-mcp` binary. */
export const ExitCode = {
  OK: 0,
  /** A known failure: spec unreadable, server could not start, ... */
  FAILURE: 1,
  /** Bad command line: unknown flag, invalid option value. */
  USAGE: 2,
} as const;

/** A command-line usage error found by the argument parser (yargs); exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Writes to the process's stdout/stderr (each call is one or more whole lines). */
export function createConsoleOutput(): Output {
  return {
    out: (text) => console.log(text),
    err: (text) => console.error(text),
  };
}

/**
 * Prints `error` for a human and returns the exit code. Known errors are one
 * line (`openapi-mcp: <message>`); anything else is a bug, so its stack is shown.
 */
export function reportError(error: unknown, output: Output): number {
  if (error instanceof UsageError) {
    output.err(`openapi-mcp: ${error.message}`);
    output.err("Run 'openapi-mcp --help' for usage.");
    return ExitCode.USAGE;
  }
  if (error instanceof OptionsError) {
    output.err(`openapi-mcp: ${error.message}`);
    return ExitCode.USAGE;
  }
  if (error instanceof SpecLoadError) {
    output.err(`openapi-mcp: ${describeSpecLoadError(error)}`);
    return ExitCode.FAILURE;
  }
  if (error instanceof OpenapiMcpError) {
    output.err(`openapi-mcp: ${oneLine(error.message)}`);
    return ExitCode.FAILURE;
  }
  const stack = error instanceof Error ? (error.stack ?? String(error)) : String(error);
  output.err(`openapi-mcp: internal error (this is a bug, please report it):\n${stack}`);
  return ExitCode.FAILURE;
}

/** The message, plus the file and pointer when the message does not already name them. */
function describeSpecLoadError(error: SpecLoadError): string {
  let message = oneLine(error.message);
  const where: string[] = [];
  if (error.file !== undefined && !message.includes(error.file)) where.push(error.file);
  if (error.pointer !== undefined && !message.includes(error.pointer)) where.push(`at ${error.pointer}`);
  if (where.length > 0) message += ` (${where.join(' ')})`;
  return message;
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/**
 * A grouped summary of spec diagnostics: counts by code, then the first few
 * lines (all of them with `verbose`). Empty when there are none.
 */
export function formatDiagnosticsSummary(diagnostics: readonly Diagnostic[], verbose: boolean): string[] {
  if (diagnostics.length === 0) return [];
  const counts = new Map<string, number>();
  for (const d of diagnostics) counts.set(d.code, (counts.get(d.code) ?? 0) + 1);
  const byCode = [...counts].map(([code, count]) => `${code} ×${count}`).join(', ');
  const noun = diagnostics.length === 1 ? 'diagnostic' : 'diagnostics';
  const lines = [`openapi-mcp: ${diagnostics.length} spec ${noun} (${byCode})`];
  const shown = verbose ? diagnostics : diagnostics.slice(0, FIRST_DIAGNOSTICS);
  for (const d of shown) lines.push(`  ${formatDiagnostic(d)}`);
  const hidden = diagnostics.length - shown.length;
  if (hidden > 0) lines.push(`  … ${hidden} more; pass --verbose to see all`);
  return lines;
}

const FIRST_DIAGNOSTICS = 5;
