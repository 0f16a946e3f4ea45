/** `inspect()`: what `serve` would expose for a spec, as data, without serving. */
import type { Diagnostic } from '../diagnostics.js';
import type { ApiModel, OperationModel } from '../model/types.js';
import { type InspectUserOptions, resolveInspectOptions } from '../options/inspect-options.js';
import { createToolCaller } from '../runtime/create-tool-caller.js';
import { applyToolMode } from '../runtime/discovery/apply-tool-mode.js';
import { type ServerEnvState, toServerEnvState } from '../runtime/format-server-env.js';
import { listServerEnv } from '../runtime/list-server-env.js';
import { RUNTIME_DEFAULTS } from '../runtime/resolve-runtime-options.js';
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
  /** Tokens a model sees in each mode (discovery: the meta-tools and any custom tools). */
  modeTokens: { all: number; discovery: number };
  /** Operations the selection flags (`--tag`, `--read-only`, ...) left out. */
  deselected: number;
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
  });
  try {
    const tools = caller.tools.map((tool) => toInspectTool(tool, model, env));
    const toolMode = toToolMode(caller, resolved.tools);
    const tokens = await measureToolTokens(caller.tools);
    // What the other mode would cost: a model sees only the meta-tools (and custom tools) in discovery.
    const discovery = applyToolMode(caller, 'discovery').caller.tools;
    const modeTokens = { all: tokens.tokens, discovery: (await measureToolTokens(discovery)).tokens };
    return { report: { tools, toolMode, env, diagnostics, deselected, tokens, modeTokens }, model };
  } finally {
    await caller.close();
  }
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
