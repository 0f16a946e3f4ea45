/** `openapi-mcp inspect <spec>`: what `serve` would expose, without serving. */
import type { Argv, CommandModule } from 'yargs';
import { type Diagnostic, DiagnosticCode } from '../../diagnostics.js';
import type { ApiModel, ArgumentModel, OperationModel } from '../../model/types.js';
import { resolveEnvPrefix, resolveServeOptions } from '../../options.js';
import { createToolCaller } from '../../runtime/create-tool-caller.js';
import { formatServerEnv, type ServerEnvState, toServerEnvState } from '../../runtime/format-server-env.js';
import { listServerEnv } from '../../runtime/list-server-env.js';
import type { ToolDefinition } from '../../runtime/types.js';
import type { CliContext } from '../context.js';
import { loadModel } from '../load-model.js';
import { formatDiagnosticsSummary } from '../report.js';
import { type SpecArgs, withSpecOptions } from '../spec-options.js';

interface InspectArgs extends SpecArgs {
  json?: boolean;
  envPrefix?: string;
}

/** One credential a requirement asks for, with the variables that hold it. */
export interface InspectCredential {
  scheme: string;
  scopes: string[];
  env: string[];
}

/**
 * A tool in `inspect --json`: the `tools/list` definition unchanged, plus where
 * it goes and which credentials it needs. `credentials` lists alternatives
 * (any one suffices), each a set of schemes needed together; `[]` means none,
 * and an empty alternative means anonymous access is allowed.
 */
export type InspectTool = ToolDefinition & {
  method: string;
  path: string;
  credentials: InspectCredential[][];
};

/** The `inspect --json` document. */
export interface InspectReport {
  tools: InspectTool[];
  env: ServerEnvState[];
  diagnostics: Diagnostic[];
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
        })
        .strict() as unknown as Argv<InspectArgs>,
    handler: async (args) => {
      const { report, model } = await buildInspectReport(args, ctx);
      if (args.json) ctx.output.out(JSON.stringify(report, null, 2));
      else ctx.output.out(formatInspectReport(report, model, args.verbose ?? false).join('\n'));
    },
  };
}

async function buildInspectReport(
  args: InspectArgs,
  ctx: CliContext,
): Promise<{ report: InspectReport; model: ApiModel }> {
  const envPrefix = resolveEnvPrefix(args.envPrefix);
  const { model, diagnostics } = await loadModel(args.spec, {
    cwd: ctx.cwd,
    ...(args.refRoot !== undefined && { refRoot: args.refRoot }),
    ...(args.allowRemoteRefs !== undefined && { allowRemoteRefs: args.allowRemoteRefs }),
  });
  const env = toServerEnvState(listServerEnv(model, envPrefix), ctx.env);
  // Tool definitions come from the same caller `serve` uses, so `--json` can
  // never drift from what tools/list sends.
  const resolved = resolveServeOptions({ envPrefix }, ctx.env);
  const caller = createToolCaller(model, { ...resolved, log: () => {} });
  try {
    const tools = caller.tools.map((tool) => toInspectTool(tool, model, env));
    return { report: { tools, env, diagnostics }, model };
  } finally {
    await caller.close();
  }
}

function toInspectTool(tool: ToolDefinition, model: ApiModel, env: ServerEnvState[]): InspectTool {
  const operation = model.operations.find((op) => op.toolName === tool.name);
  return {
    ...tool,
    method: operation ? operation.method.toUpperCase() : '',
    path: operation?.pathTemplate ?? '',
    credentials: operation ? credentialsOf(operation, env) : [],
  };
}

function credentialsOf(operation: OperationModel, env: ServerEnvState[]): InspectCredential[][] {
  return operation.security.map((requirement) =>
    requirement.map((ref) => ({
      scheme: ref.scheme,
      scopes: ref.scopes,
      env: env.filter((v) => v.scheme === ref.scheme).map((v) => v.name),
    })),
  );
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
  lines.push('', 'Environment variables (values are never printed):', ...formatServerEnv(report.env));
  lines.push('', report.diagnostics.length === 0 ? 'Diagnostics: none' : 'Diagnostics:');
  // The first line of the summary is the stderr heading `serve` prints; the last line below replaces it.
  lines.push(...formatDiagnosticsSummary(report.diagnostics, verbose).slice(1));
  lines.push('', summaryLine(report, model));
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
  const parts = [
    `${report.tools.length} tool${report.tools.length === 1 ? '' : 's'} from ${report.tools.length + skipped} operation${report.tools.length + skipped === 1 ? '' : 's'} (${skipped} skipped${webhooks ? ', webhooks not tools' : ''})`,
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
