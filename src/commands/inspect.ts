/** `inspect()`: what `serve` would expose for a spec, as data, without serving. */
import type { Diagnostic } from '../diagnostics.js';
import type { ApiModel, OperationModel } from '../model/types.js';
import { type InspectUserOptions, resolveInspectOptions } from '../options/inspect-options.js';
import { compactDefinition } from '../runtime/compact-definition.js';
import { createToolCaller } from '../runtime/create-tool-caller.js';
import { applyToolMode } from '../runtime/discovery/apply-tool-mode.js';
import { type ServerEnvState, toServerEnvState } from '../runtime/format-server-env.js';
import { listServerEnv } from '../runtime/list-server-env.js';
import { RUNTIME_DEFAULTS } from '../runtime/resolve-runtime-options.js';
import type { ToolDetail } from '../runtime/tool-detail.js';
import type { ToolMode } from '../runtime/tool-mode.js';
import type { ToolDefinition } from '../runtime/types.js';
import { loadModel } from './load-model.js';
import { measureToolTokens, type TokenReport } from './measure-tool-tokens.js';

/** One credential a requirement asks for, with the variables that hold it. */
export interface InspectCredential {
  scheme: string;
  scopes: string[];
  env: string[];
}

/**
 * A tool in the report: the `tools/list` definition unchanged, plus where it
 * goes and which credentials it needs. `credentials` lists alternatives (any
 * one suffices), each a set of schemes needed together; `[]` means none, and
 * an empty alternative means anonymous access is allowed.
 */
export type InspectTool = ToolDefinition & {
  method: string;
  path: string;
  credentials: InspectCredential[][];
};

/** How the tools are published: the mode asked for, the one served, and what `tools/list` then gives. */
export interface InspectToolMode {
  requested: ToolMode;
  mode: 'all' | 'discovery';
  /** Why this mode (what `auto` measured, or that it was asked for). */
  reason: string;
  /** Names `tools/list` gives in this mode. */
  listed: string[];
  /** Discovery mode: the meta-tools exactly as `tools/list` gives them; empty in `all` mode. */
  metaTools: ToolDefinition[];
}

/** The `inspect --json` document. */
export interface InspectReport {
  /** Every operation's tool as `--tools all` lists it (discovery mode reaches the same ones through its meta-tools). */
  tools: InspectTool[];
  toolMode: InspectToolMode;
  env: ServerEnvState[];
  diagnostics: Diagnostic[];
  /** What the full tool list (`--tools all`) costs a model's context, and its heaviest tools. */
  tokens: TokenReport;
  /** The detail the tools are listed in (`--detail`). */
  detail: ToolDetail;
  /**
   * What `tools/list` costs in each mode and detail: the tokens a model sees
   * and the bytes on the wire (discovery: the meta-tools and any custom tools).
   */
  modes: { all: Record<ToolDetail, ListWeight>; discovery: ListWeight };
  /** Operations the selection flags (`--tag`, `--read-only`, ...) left out. */
  deselected: number;
}

/** One tool list's weight: tokens a model sees (name, description, input schema) and bytes on the wire. */
export interface ListWeight {
  tokens: number;
  wireBytes: number;
}

/** What {@link inspect} found: the report, and the model it describes. */
export interface InspectResult {
  report: InspectReport;
  model: ApiModel;
}

/**
 * Loads `spec`, builds its model and reports every tool, the environment
 * variables the server would read and every diagnostic. Throws `SpecLoadError`
 * when the spec is unusable and `OptionsError` for a bad option.
 */
export async function inspect(spec: string, options: InspectUserOptions = {}): Promise<InspectResult> {
  const resolved = resolveInspectOptions(options);
  const { model, diagnostics, deselected } = await loadModel(spec, resolved);
  const env = toServerEnvState(listServerEnv(model, resolved.envPrefix), resolved.env);
  // Tool definitions come from the same caller `serve` uses, so the report can
  // never drift from what tools/list sends.
  const caller = createToolCaller(model, {
    envPrefix: resolved.envPrefix,
    env: resolved.env,
    timeoutMs: RUNTIME_DEFAULTS.timeoutSeconds * 1000,
    maxResponseBytes: RUNTIME_DEFAULTS.maxResponseBytes,
    log: () => {},
    detail: resolved.detail,
  });
  try {
    const tools = caller.tools.map((tool) => toInspectTool(tool, model, env));
    const toolMode = toToolMode(caller, resolved.tools);
    const tokens = await measureToolTokens(caller.tools);
    // The other detail's list: operations' tools at full detail, or compacted (custom tools stay as they are).
    const full = caller.tools.map((tool) => caller.describe(tool.name) ?? tool);
    const other =
      resolved.detail === 'compact'
        ? full
        : full.map((tool) => (caller.describe(tool.name) !== undefined ? compactDefinition(tool) : tool));
    const otherWeight = weightOf(await measureToolTokens(other));
    // A model sees only the meta-tools (and custom tools) in discovery.
    const discovery = weightOf(await measureToolTokens(applyToolMode(caller, 'discovery').caller.tools));
    const served = weightOf(tokens);
    const all =
      resolved.detail === 'compact'
        ? { compact: served, full: otherWeight }
        : { compact: otherWeight, full: served };
    const modes = { all, discovery };
    return {
      report: { tools, toolMode, detail: resolved.detail, env, diagnostics, deselected, tokens, modes },
      model,
    };
  } finally {
    await caller.close();
  }
}

function weightOf(report: TokenReport): ListWeight {
  return { tokens: report.tokens, wireBytes: report.wireBytes };
}

function toToolMode(caller: ReturnType<typeof createToolCaller>, requested: ToolMode): InspectToolMode {
  const { caller: served, mode, reason } = applyToolMode(caller, requested);
  return {
    requested,
    mode,
    reason,
    listed: served.tools.map((tool) => tool.name),
    metaTools: mode === 'discovery' ? served.tools.filter((tool) => !caller.has(tool.name)) : [],
  };
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
