/**
 * The call path of one model: validate → credentials → request → (request
 * hook) → upstream → result → (result hook). Custom tools of the server's
 * extensions are listed after the generated ones and go through the result hook too.
 */
import type { ApiModel, JsonSchema, OperationModel } from '../model/types.js';
import { buildRequest } from './build-request.js';
import { type CustomToolEntry, callCustomTool } from './call-custom-tool.js';
import { compactDefinition } from './compact-definition.js';
import { createAjv } from './create-ajv.js';
import { type CircuitChange, createCircuitBreaker } from './create-circuit-breaker.js';
import { createLazyUpstreamClient } from './create-lazy-upstream-client.js';
import { createRedactor, type Redactor } from './create-redactor.js';
import { createRetryBudget, RETRY_BUDGET_WINDOW_MS } from './create-retry-budget.js';
import { createUpstreamLimiter } from './create-upstream-limiter.js';
import { ExtensionsError } from './extensions-error.js';
import { isRetrySafe } from './is-retry-safe.js';
import { listCredentialEnv } from './list-credential-env.js';
import { createTokenCache } from './oauth-token-cache.js';
import { RequestBuildError } from './request-build-error.js';
import { createBaseUrlResolver } from './resolve-base-url.js';
import { resolveCredentials } from './resolve-credentials.js';
import { type PublishedTool, resolveExtensions } from './resolve-extensions.js';
import { RUNTIME_DEFAULTS } from './resolve-runtime-options.js';
import { runRequestHook } from './run-request-hook.js';
import { runResultHook } from './run-result-hook.js';
import { createSchemaValidator, type SchemaValidator } from './schema-validator.js';
import { sendUpstream } from './send-upstream.js';
import type { CustomTool, ServerExtensions } from './server-extensions.js';
import { systemClock } from './system-clock.js';
import { toToolResult } from './to-tool-result.js';
import { toolError } from './tool-error.js';
import type { RuntimeOptions, ToolCaller, ToolDefinition, ToolResult } from './types.js';
import { validateArguments } from './validate-arguments.js';

/** Per-call state: the redactor is built once, when the call's credentials are known. */
interface CallState {
  redact: Redactor;
  /** The upstream's HTTP status, once it answered (for the result hook). */
  status?: number;
}

interface Tool {
  operation: OperationModel;
  /** The name clients call it by (the model's, unless renamed). */
  name: string;
  input: SchemaValidator;
  output?: SchemaValidator;
}

/**
 * Creates the tool caller of `model`: tool definitions (schemas passed through
 * untouched), one validator per tool, compiled on its first call and kept (a
 * 1,000-operation spec starts without compiling 1,000 schemas), and one keep-alive
 * HTTP agent.
 *
 * `call` never throws: bad arguments, missing credentials, unsafe values and
 * upstream failures are `isError` results, and every text of a result or a log
 * line has this call's credential values replaced by `[REDACTED]`.
 *
 * `extensions` are checked here, so a typo in them fails start-up: throws
 * {@link ExtensionsError} naming the field at fault.
 */
export function createToolCaller(
  model: ApiModel,
  options: RuntimeOptions,
  extensions?: ServerExtensions,
): ToolCaller {
  const resolved = resolveExtensions(model.operations, extensions);
  const ajv = createAjv();
  const upstream = createLazyUpstreamClient(options);
  const clock = options.clock ?? systemClock;
  const retries = options.retries ?? RUNTIME_DEFAULTS.retries;
  // One limiter per caller: the turns at an origin are shared by every client of this server.
  const limiter = createUpstreamLimiter({
    maxConcurrency: options.maxConcurrency ?? RUNTIME_DEFAULTS.maxConcurrency,
    maxQueue: options.maxQueue ?? RUNTIME_DEFAULTS.maxQueue,
  });
  // Shared the same way: an origin's budget and circuit count every client's calls.
  const budget = createRetryBudget({ percent: options.retryBudget ?? RUNTIME_DEFAULTS.retryBudget, clock });
  const breakerFailures = options.breakerFailures ?? RUNTIME_DEFAULTS.breakerFailures;
  const breaker =
    breakerFailures === 0
      ? undefined
      : createCircuitBreaker({
          failures: breakerFailures,
          cooldownMs: options.breakerCooldownMs ?? RUNTIME_DEFAULTS.breakerCooldownSeconds * 1000,
          clock,
          onChange: (change) => options.log(describeCircuitChange(change)),
        });
  const resolveBaseUrl = createBaseUrlResolver(model, options);
  const tokenCache = createTokenCache((request) => upstream.fetchToken(request, options.timeoutMs));

  /** Every generated tool by its model name (hidden ones too: custom tools may call them). */
  const byModelName = new Map<string, Tool>();
  /** What clients may call, by published name. */
  const tools = new Map<string, Tool>();
  const customs = new Map<string, CustomToolEntry>();
  const definitions: ToolDefinition[] = [];
  /** Full-detail definitions by published name (the same objects as `definitions` in full detail). */
  const fullDefinitions = new Map<string, ToolDefinition>();
  const publish = (options.detail ?? 'compact') === 'compact' ? compactDefinition : (d: ToolDefinition) => d;
  for (const operation of model.operations) {
    const published = resolved.published.get(operation.toolName);
    const tool: Tool = {
      operation,
      name: published?.name ?? operation.toolName,
      input: createSchemaValidator(ajv, operation.validationSchema ?? operation.inputSchema),
    };
    if (operation.outputSchema !== undefined)
      tool.output = createSchemaValidator(ajv, operation.outputSchema);
    byModelName.set(operation.toolName, tool);
    if (published === undefined) continue;
    tools.set(published.name, tool);
    const full = toDefinition(operation, published);
    fullDefinitions.set(published.name, full);
    definitions.push(publish(full));
  }
  resolved.customTools.forEach((custom, index) => {
    customs.set(custom.name, {
      tool: custom,
      // Compiled now: a custom schema that cannot compile is a start-up error, not a call-time one.
      input: compileNow(ajv, custom.inputSchema, `extensions.customTools[${index}].inputSchema`),
      ...(custom.outputSchema !== undefined && {
        output: compileNow(ajv, custom.outputSchema, `extensions.customTools[${index}].outputSchema`),
      }),
    });
    definitions.push(toCustomDefinition(custom));
  });

  async function execute(
    tool: Tool,
    args: unknown,
    signal: AbortSignal | undefined,
    call: CallState,
  ): Promise<ToolResult> {
    const { operation } = tool;
    // Log lines get the same redaction as results, once the credentials are known.
    const log = (line: string): void => options.log(call.redact(line));
    const given = args === undefined ? {} : args;
    const invalid = validateArguments(tool.input, tool.name, given);
    if (invalid !== undefined) return invalid;

    const base = resolveBaseUrl(operation);
    if (!base.ok) return toolError(`Tool ${tool.name} cannot be called: ${base.message}`);

    const credentials = await resolveCredentials(operation, {
      model,
      env: options.env,
      prefix: options.envPrefix,
      // A relative tokenUrl is relative to the API's base URL.
      getToken: (request) => tokenCache({ ...request, tokenUrl: resolveUrl(request.tokenUrl, base.url) }),
    });
    call.redact = createRedactor(credentials.secrets);
    if (!credentials.ok) {
      log(`tool ${tool.name}: ${credentials.message}`);
      return toolError(credentials.message);
    }

    let request = buildRequest(
      operation,
      given as Record<string, unknown>,
      base.url,
      credentials.credentials,
    );
    if (resolved.onRequest !== undefined) {
      const hooked = await runRequestHook(resolved.onRequest, request, {
        toolName: tool.name,
        operationId: operation.id,
        method: operation.method.toUpperCase(),
        pathTemplate: operation.pathTemplate,
      });
      if (!hooked.ok) {
        log(`tool ${tool.name}: ${hooked.message}`);
        return toolError(hooked.message);
      }
      request = hooked.request;
    }
    const url = new URL(request.url);
    const requestLine = `${request.method} ${url.pathname}`;
    const sent = await sendUpstream(request, {
      upstream,
      limiter,
      clock,
      origin: url.origin,
      timeoutMs: options.timeoutMs,
      maxBytes: options.maxResponseBytes,
      retries,
      retrySafe: isRetrySafe(operation, request),
      ...(signal === undefined ? {} : { signal }),
      onRetry: (retry) =>
        log(
          `tool ${tool.name}: ${requestLine} to ${url.origin} failed (${retry.reason}); retry ${retry.number} of ${retry.of} in ${retry.delayMs} ms`,
        ),
      guard: {
        origin: url.origin,
        ...(breaker !== undefined && { breaker }),
        budget,
        onBudgetSpent: (spent) =>
          log(
            `tool ${tool.name}: ${requestLine} to ${url.origin} failed (${spent.reason}); retry ${spent.number} of ${spent.of} not sent: the retry budget of ${url.origin} is spent (${spent.retries} retries for ${spent.firstTries} calls in the last ${RETRY_BUDGET_WINDOW_MS / 1000} s)`,
          ),
      },
    });
    if (sent.kind === 'busy') {
      log(`tool ${tool.name}: ${requestLine} to ${url.origin} refused (queue full)`);
      return toolError(
        `Too many calls to ${url.origin} at once (${sent.running} running, ${sent.waiting} waiting); ${requestLine} was not sent. Try again shortly.`,
      );
    }
    const { outcome } = sent;
    if (outcome.kind === 'response') call.status = outcome.status;
    if (outcome.kind === 'refused') log(`tool ${tool.name}: ${outcome.message}`);
    if (outcome.kind === 'network' || outcome.kind === 'timeout') {
      log(
        `tool ${tool.name}: ${requestLine} to ${url.origin} failed (${outcome.kind === 'network' ? outcome.code : 'timeout'})`,
      );
    }
    return toToolResult(outcome, {
      operation,
      requestLine,
      origin: url.origin,
      timeoutMs: options.timeoutMs,
      maxResponseBytes: options.maxResponseBytes,
      ...(tool.output === undefined ? {} : { outputValidator: tool.output }),
      redact: call.redact,
      retries: sent.retries,
      ...(sent.retryAfterMs !== undefined && { retryAfterMs: sent.retryAfterMs }),
    });
  }

  /** A generated tool's call, redacted; never throws. */
  async function callOperation(
    tool: Tool,
    args: unknown,
    signal: AbortSignal | undefined,
  ): Promise<{ result: ToolResult; state: CallState }> {
    const state: CallState = { redact: (text) => text };
    let result: ToolResult;
    try {
      result = await execute(tool, args, signal, state);
    } catch (error) {
      if (error instanceof RequestBuildError) {
        result = toolError(`Tool ${tool.name} was not called: ${error.message}`);
      } else {
        const name = error instanceof Error ? error.name : typeof error;
        options.log(state.redact(`tool ${tool.name}: internal error (${name})`));
        result = toolError(
          `Tool ${tool.name} failed with an internal error (${name}); nothing more is known.`,
        );
      }
    }
    return { result: redactResult(result, state.redact), state };
  }

  /** A custom tool's call, with every configured credential value redacted (it has no credentials of its own). */
  async function callCustom(
    entry: CustomToolEntry,
    args: unknown,
    signal: AbortSignal | undefined,
  ): Promise<{ result: ToolResult; state: CallState }> {
    const state: CallState = { redact: createRedactor(configuredSecrets()) };
    const log = (line: string): void => options.log(state.redact(line));
    const result = await callCustomTool(entry, args, {
      toolName: entry.tool.name,
      signal,
      env: options.env,
      log,
      callTool: async (toolName, toolArgs) => {
        const tool = byModelName.get(toolName);
        if (tool === undefined) return toolError(`Unknown tool: ${toolName}.`);
        return (await callOperation(tool, toolArgs, signal)).result;
      },
    });
    return { result: redactResult(result, state.redact), state };
  }

  /** Values of the credential variables set now (user names and client ids are not secrets). */
  function configuredSecrets(): string[] {
    return listCredentialEnv(model, options.envPrefix)
      .filter((v) => v.secret)
      .map((v) => options.env[v.name] ?? '')
      .filter((value) => value !== '');
  }

  return {
    tools: definitions,
    operations: new Map([...tools].map(([name, tool]) => [name, tool.operation])),
    has: (toolName) => tools.has(toolName) || customs.has(toolName),
    describe: (toolName) => fullDefinitions.get(toolName),
    async call(toolName, args, signal) {
      const tool = tools.get(toolName);
      const custom = tool === undefined ? customs.get(toolName) : undefined;
      if (tool === undefined && custom === undefined) return toolError(`Unknown tool: ${toolName}.`);
      const { result, state } =
        tool !== undefined
          ? await callOperation(tool, args, signal)
          : await callCustom(custom!, args, signal);
      if (resolved.onResult === undefined) return result;
      const hooked = await runResultHook(resolved.onResult, result, {
        toolName,
        ...(tool !== undefined && { operationId: tool.operation.id }),
        ...(state.status !== undefined && { status: state.status }),
      });
      return redactResult(hooked, state.redact);
    },
    async close() {
      await upstream.close();
    },
  };
}

/** One stderr line per opening or closing of a circuit (the origin holds no credential: `--base-url` refuses one). */
function describeCircuitChange(change: CircuitChange): string {
  const seconds = Math.ceil(change.cooldownMs / 1000);
  switch (change.state) {
    case 'opened':
      return `upstream ${change.origin}: circuit open after ${change.failures} failed calls in a row (last: ${change.lastFailure}); calls fail fast for ${seconds} s, then one probe goes through`;
    case 'reopened':
      return `upstream ${change.origin}: the probe failed (${change.lastFailure}); circuit open again for ${seconds} s`;
    case 'closed':
      return `upstream ${change.origin}: the probe succeeded; circuit closed`;
  }
}

function withoutTitle(annotations: OperationModel['annotations']): ToolDefinition['annotations'] {
  const { title: _title, ...rest } = annotations;
  return rest;
}

function redactResult(result: ToolResult, redact: Redactor): ToolResult {
  for (const block of result.content) if (block.type === 'text') block.text = redact(block.text);
  return result;
}

function resolveUrl(url: string, base: string): string {
  try {
    return new URL(url, base).href;
  } catch {
    return url;
  }
}

function toDefinition(operation: OperationModel, published: PublishedTool): ToolDefinition {
  const definition: ToolDefinition = {
    name: published.name,
    description: published.description ?? operation.description,
    inputSchema: operation.inputSchema as ToolDefinition['inputSchema'],
    // The title is the definition's own (MCP 2025-06-18); a copy in the annotations only repeats it.
    annotations: withoutTitle(operation.annotations),
  };
  const title = published.title ?? operation.title;
  if (title !== undefined) definition.title = title;
  if (operation.outputSchema !== undefined) {
    definition.outputSchema = operation.outputSchema as NonNullable<ToolDefinition['outputSchema']>;
  }
  return definition;
}

function toCustomDefinition(tool: CustomTool): ToolDefinition {
  const definition: ToolDefinition = {
    name: tool.name,
    description: tool.description,
    inputSchema: tool.inputSchema,
    // The MCP defaults, spelled out as every generated tool's are.
    annotations: {
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: false,
      openWorldHint: true,
      ...tool.annotations,
    },
  };
  if (tool.title !== undefined) definition.title = tool.title;
  if (tool.outputSchema !== undefined) definition.outputSchema = tool.outputSchema;
  return definition;
}

function compileNow(ajv: ReturnType<typeof createAjv>, schema: JsonSchema, where: string): SchemaValidator {
  try {
    ajv.compile(schema);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new ExtensionsError(`Server extensions: ${where}: the schema does not compile (${why}).`);
  }
  // Ajv caches by schema object, so the validator reuses this compilation.
  return createSchemaValidator(ajv, schema);
}
