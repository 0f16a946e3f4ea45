/** `openapi-mcp inspect <spec>`: what `serve` would expose, without serving. */
import type { Argv, CommandModule } from 'yargs';
import type { InspectCredential, InspectReport, InspectTool } from '../../commands/inspect.js';
import { DiagnosticCode } from '../../diagnostics.js';
import type { ApiModel, ArgumentModel, OperationModel } from '../../model/types.js';
import { formatServerEnv } from '../../runtime/format-server-env.js';
import type { CliContext } from '../context.js';
import { formatDiagnosticsSummary } from '../report.js';
import { readSelectionArgs, type SpecArgs, withSpecOptions } from '../spec-options.js';

interface InspectArgs extends SpecArgs {
  json?: boolean;
  envPrefix?: string;
  tools?: string;
  detail?: string;
}

/** The `inspect` command module, bound to `ctx`. */
export function inspectCommand(ctx: CliContext): CommandModule<object, InspectArgs> {
  return {
    command: 'inspect <spec>',
    describe: 'List the tools, arguments, credentials and environment variables a spec gives',
    builder: (yargs: Argv) =>
      withSpecOptions(yargs)
        .options({
          json: {
            type: 'boolean',
            describe: 'Print one JSON document (tools exactly as tools/list gives them)',
          },
          'env-prefix': {
            type: 'string',
            describe: 'Prefix of environment variable names (default: OPENAPI_MCP)',
          },
          tools: {
            type: 'string',
            describe: 'Tool mode to report as served: all, discovery or auto (default: auto)',
          },
          detail: {
            type: 'string',
            describe: 'Tool detail to report as served: compact or full (default: compact)',
          },
        })
        .strict() as unknown as Argv<InspectArgs>,
    handler: async (args) => {
      // Loaded on demand, so `serve` does not load the inspector to start.
      const { inspect } = await import('../../commands/inspect.js');
      const { report, model } = await inspect(args.spec, {
        cwd: ctx.cwd,
        env: ctx.env,
        ...(args.envPrefix !== undefined && { envPrefix: args.envPrefix }),
        ...(args.tools !== undefined && { tools: args.tools }),
        ...(args.detail !== undefined && { detail: args.detail }),
        ...(args.refRoot !== undefined && { refRoot: args.refRoot }),
        ...(args.allowRemoteRefs !== undefined && { allowRemoteRefs: args.allowRemoteRefs }),
        ...readSelectionArgs(args),
        ...(args.maxSpecSize !== undefined && { maxSpecBytes: args.maxSpecSize }),
      });
      if (args.json) ctx.output.out(JSON.stringify(report, null, 2));
      else ctx.output.out(formatInspectReport(report, model, args.verbose ?? false).join('\n'));
    },
  };
}

/**
 * Human output: tools with their arguments and credentials, then variables, then
 * diagnostics grouped by kind (one example each, every skipped operation with its
 * reason), and last a one-line summary, which is what stays on screen after a
 * thousand tools have scrolled by.
 */
export function formatInspectReport(report: InspectReport, model: ApiModel, verbose = false): string[] {
  const lines: string[] = [];
  lines.push(`${report.tools.length} tool${report.tools.length === 1 ? '' : 's'}`);
  for (const tool of report.tools) {
    lines.push('', `${tool.name}  ${tool.method} ${tool.path}`);
    const summary = (tool.title ?? tool.description).split('\n')[0]?.trim();
    if (summary) lines.push(`  ${summary}`);
    const operation = model.operations.find((op) => op.toolName === tool.name);
    lines.push(...formatArguments(tool, operation));
    lines.push(`  credentials: ${formatCredentials(tool.credentials)}`);
  }
  lines.push('', ...formatToolMode(report));
  lines.push('', 'Environment variables (values are never printed):', ...formatServerEnv(report.env));
  lines.push('', ...formatTokens(report));
  lines.push('', report.diagnostics.length === 0 ? 'Diagnostics: none' : 'Diagnostics:');
  // The first line of the summary is the stderr heading `serve` prints; the last line below replaces it.
  lines.push(...formatDiagnosticsSummary(report.diagnostics, verbose).slice(1));
  lines.push('', summaryLine(report, model));
  return lines;
}

/** The tool list's weight, and the heaviest tools with what would shrink each. */
function formatTokens(report: InspectReport): string[] {
  const { tokens, modes } = report;
  const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
  const count = (n: number): string => n.toLocaleString('en-US');
  const weight = (label: string, w: { tokens: number; wireBytes: number }): string =>
    `${label} ${count(w.tokens)} (${kib(w.wireBytes)})`;
  const lines = [
    `Tokens (${tokens.tokenizer}; what a model sees: name, description, input schema): ${count(tokens.tokens)} for ${tokens.tools} tool${tokens.tools === 1 ? '' : 's'}; tools/list on the wire: ${kib(tokens.wireBytes)}`,
    `  by mode (tokens, wire): ${weight('all --detail compact', modes.all.compact)}, ${weight('all --detail full', modes.all.full)}, ${weight('discovery', modes.discovery)}; served: ${report.toolMode.mode}, ${report.detail}`,
  ];
  const heavy = tokens.heaviest.filter((tool) => tool.hint !== '');
  if (heavy.length > 0) {
    lines.push('  heaviest:');
    const width = Math.max(...heavy.map((tool) => tool.name.length));
    for (const tool of heavy) {
      lines.push(`    ${tool.name.padEnd(width)}  ${String(tool.tokens).padStart(6)}  ${tool.hint}`);
    }
  }
  return lines;
}

/** Which mode is served and what each mode would list. */
function formatToolMode(report: InspectReport): string[] {
  const { toolMode } = report;
  const lines = [
    `Tool mode: ${toolMode.mode} (${toolMode.requested === 'auto' ? `auto: ${toolMode.reason}` : toolMode.reason})`,
  ];
  if (toolMode.mode === 'discovery') {
    lines.push(
      `  tools/list gives ${toolMode.listed.length}: ${toolMode.listed.join(', ')}; the ${report.tools.length} tools above are searched, described and called through them`,
    );
    for (const tool of toolMode.metaTools) {
      lines.push(`  ${tool.name}: ${tool.description.split('\n')[0]}`);
    }
  } else {
    lines.push(
      `  tools/list gives the ${toolMode.listed.length} tools above; --tools discovery would give 3 meta-tools instead`,
    );
  }
  return lines;
}

function summaryLine(report: InspectReport, model: ApiModel): string {
  const skipped = report.diagnostics.filter(
    (d) => d.code === DiagnosticCode.OPERATION_SKIPPED && d.pointer?.startsWith('/paths/'),
  ).length;
  const webhooks = report.diagnostics.some(
    (d) => d.code === DiagnosticCode.OPERATION_SKIPPED && d.pointer === '/webhooks',
  );
  const warnings = report.diagnostics.filter((d) => d.severity === 'warning').length;
  const credentials = report.env.filter((v) => v.scheme !== undefined).length;
  const total = report.tools.length + skipped + report.deselected;
  const parts = [
    `${report.tools.length} tool${report.tools.length === 1 ? '' : 's'} from ${total} operation${total === 1 ? '' : 's'} (${skipped} skipped${report.deselected > 0 ? `, ${report.deselected} left out by selection` : ''}${webhooks ? ', webhooks not tools' : ''})`,
    `${credentials} credential variable${credentials === 1 ? '' : 's'}`,
    `${warnings} warning${warnings === 1 ? '' : 's'}, ${report.diagnostics.length - warnings} info`,
  ];
  return `Summary: ${model.info.title} ${model.info.version}: ${parts.join('; ')}.`;
}

function formatArguments(tool: InspectTool, operation: OperationModel | undefined): string[] {
  const schema = tool.inputSchema as { properties?: Record<string, unknown>; required?: unknown };
  const names = Object.keys(schema.properties ?? {});
  if (names.length === 0) return ['  arguments: none'];
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  const locations = new Map((operation?.arguments ?? []).map((arg) => [arg.name, locationOf(arg)]));
  const width = Math.max(...names.map((n) => n.length));
  const whereWidth = Math.max(0, ...[...locations.values()].map((w) => w.length));
  return [
    '  arguments:',
    ...names.map((name) => {
      const type = typeOf(schema.properties?.[name]);
      const where = (locations.get(name) ?? '').padEnd(whereWidth);
      return `    ${name.padEnd(width)}  ${where}  ${required.has(name) ? 'required' : 'optional'}  ${type}`;
    }),
  ];
}

function locationOf(arg: ArgumentModel): string {
  if (arg.in === 'body') return 'body (whole)';
  if (arg.in === 'body-property') return 'body';
  return arg.wireName !== arg.name ? `${arg.in} ${arg.wireName}` : arg.in;
}

function typeOf(schema: unknown): string {
  if (typeof schema !== 'object' || schema === null) return 'any';
  const type = (schema as { type?: unknown }).type;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return type.join(' | ');
  return 'any';
}

function formatCredentials(credentials: InspectCredential[][]): string {
  if (credentials.length === 0) return 'none';
  return credentials
    .map((alternative) =>
      alternative.length === 0
        ? 'none (anonymous allowed)'
        : alternative
            .map((c) => `${c.scheme}${c.env.length > 0 ? ` (${c.env.join(', ')})` : ''}`)
            .join(' + '),
    )
    .join(' | ');
}
