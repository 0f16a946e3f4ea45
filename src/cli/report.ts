/**
 * Everything the CLI prints goes through here: the only module that touches
 * the console. Errors become one line and an exit code.
 */
import {
  type Diagnostic,
  type DiagnosticCodeValue,
  diagnosticEntry,
  formatDiagnostic,
} from '../diagnostics.js';
import { type OpenapiMcpError, SpecLoadError } from '../errors.js';
import { toExitCode } from '../runtime/exit-code.js';
import { formatError } from '../runtime/format-error.js';

/** Where the CLI writes: `out` is stdout (never used while serving stdio), `err` is stderr. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

/** Writes to the process's stdout/stderr (each call is one or more whole lines). */
export function createConsoleOutput(): Output {
  return {
    out: (text) => console.log(text),
    err: (text) => console.error(text),
  };
}

/**
 * Prints `error` for a human and returns the exit code: known errors are one
 * line with their code (`openapi-mcp: OMCP_SPEC_READ: <message>`), exactly as
 * a generated server prints its own; anything else is a bug, so its stack is shown.
 */
export function reportError(error: unknown, output: Output): number {
  for (const line of formatError('openapi-mcp', error, describeError)) output.err(line);
  return toExitCode(error);
}

/** The message, plus a spec error's file and pointer when the message does not already name them. */
function describeError(error: OpenapiMcpError): string {
  if (!(error instanceof SpecLoadError)) return error.message;
  let message = error.message;
  const where: string[] = [];
  if (error.file !== undefined && !message.includes(error.file)) where.push(error.file);
  if (error.pointer !== undefined && !message.includes(error.pointer)) where.push(`at ${error.pointer}`);
  if (where.length > 0) message += ` (${where.join(' ')})`;
  return message;
}

/** Skipped operations listed one by one (they are tools a user expected) before the rest is cut. */
const MAX_SKIPPED_LISTED = 10;

/**
 * A summary of spec diagnostics a user can act on: a count line, then one group
 * per kind (warnings before info, most frequent first) with its count, what it
 * means (from the diagnostic catalogue) and one example with its JSON pointer
 * and help; skipped operations are listed one by one (up to ten), the kind's
 * help once below them. With `verbose`, every diagnostic is printed
 * instead. Empty when there are none.
 */
export function formatDiagnosticsSummary(diagnostics: readonly Diagnostic[], verbose: boolean): string[] {
  if (diagnostics.length === 0) return [];
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const noun = diagnostics.length === 1 ? 'diagnostic' : 'diagnostics';
  const lines = [
    `openapi-mcp: ${diagnostics.length} spec ${noun} (${warnings} warning${warnings === 1 ? '' : 's'}, ${diagnostics.length - warnings} info)`,
  ];
  if (verbose) {
    for (const d of diagnostics) lines.push(`  ${formatDiagnostic(d)}`);
    return lines;
  }
  for (const group of groupDiagnostics(diagnostics)) {
    const first = group.items[0] as Diagnostic;
    lines.push(
      `  ${group.code} ×${group.items.length} (${group.severity}): ${diagnosticEntry(group.code).summary}`,
    );
    const listed =
      group.code === 'OMCP_OPERATION_SKIPPED' ? group.items.slice(0, MAX_SKIPPED_LISTED) : [first];
    const kindHelp = diagnosticEntry(group.code).help;
    for (const d of listed) {
      const where = d.pointer ? `${d.pointer}: ` : '';
      const prefix = listed.length === 1 && group.items.length > 1 ? 'e.g. ' : '';
      // A list repeats the kind's help once below it instead of on every line.
      const help = listed.length === 1 || d.help !== kindHelp ? ` (${d.help})` : '';
      lines.push(`    ${prefix}${where}${d.message}${help}`);
    }
    if (listed.length > 1 && listed.some((d) => d.help === kindHelp)) lines.push(`    (${kindHelp})`);
    if (group.code === 'OMCP_OPERATION_SKIPPED' && group.items.length > listed.length) {
      lines.push(`    … ${group.items.length - listed.length} more`);
    }
  }
  lines.push('  pass --verbose to see every diagnostic');
  return lines;
}

/** Diagnostics by code: warnings first, then by count (descending), then by first appearance. */
export function groupDiagnostics(
  diagnostics: readonly Diagnostic[],
): Array<{ code: DiagnosticCodeValue; severity: Diagnostic['severity']; items: Diagnostic[] }> {
  const groups = new Map<
    string,
    { code: DiagnosticCodeValue; severity: Diagnostic['severity']; items: Diagnostic[] }
  >();
  for (const d of diagnostics) {
    // One kind may carry both severities (a dropped Accept header is info, an unknown location a warning).
    const key = `${d.code} ${d.severity}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = { code: d.code, severity: d.severity, items: [] };
      groups.set(key, group);
    }
    group.items.push(d);
  }
  const rank = (g: { code: string; severity: string }): number =>
    g.code === 'OMCP_OPERATION_SKIPPED' ? 0 : g.severity === 'warning' ? 1 : 2;
  return [...groups.values()].sort((a, b) => rank(a) - rank(b) || b.items.length - a.items.length);
}
