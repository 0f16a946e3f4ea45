/**
 * The call path of one model: validate → credentials → request → upstream → result.
 */
import type { ApiModel, OperationModel } from '../model/types.js';
import { buildRequest } from './build-request.js';
import { createUpstreamClient } from './call-upstream.js';
import { createAjv } from './create-ajv.js';
import { createRedactor, type Redactor } from './create-redactor.js';
import { createTokenCache } from './oauth-token-cache.js';
import { RequestBuildError } from './request-build-error.js';
import { createBaseUrlResolver } from './resolve-base-url.js';
import { resolveCredentials } from './resolve-credentials.js';
import { createSchemaValidator, type SchemaValidator } from './schema-validator.js';
import { toToolResult } from './to-tool-result.js';
import { toolError } from './tool-error.js';
import type { RuntimeOptions, ToolCaller, ToolDefinition, ToolResult } from './types.js';
import { validateArguments } from './validate-arguments.js';

/** Per-call state: the redactor is built once, when the call's credentials are known. */
interface CallState {
  redact: Redactor;
}

interface Tool {
  operation: OperationModel;
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
 */
export function createToolCaller(model: ApiModel, options: RuntimeOptions): ToolCaller {
  const ajv = createAjv();
  const upstream = createUpstreamClient();
  const resolveBaseUrl = createBaseUrlResolver(model, options);
  const tokenCache = createTokenCache((request) => upstream.fetchToken(request, options.timeoutMs));

  const tools = new Map<string, Tool>();
  const definitions: ToolDefinition[] = [];
  for (const operation of model.operations) {
    const tool: Tool = { operation, input: createSchemaValidator(ajv, operation.inputSchema) };
    if (operation.outputSchema !== undefined)
      tool.output = createSchemaValidator(ajv, operation.outputSchema);
    tools.set(operation.toolName, tool);
    definitions.push(toDefinition(operation));
  }

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
    const invalid = validateArguments(tool.input, operation.toolName, given);
    if (invalid !== undefined) return invalid;

    const base = resolveBaseUrl(operation);
    if (!base.ok) return toolError(`Tool ${operation.toolName} cannot be called: ${base.message}`);

    const credentials = await resolveCredentials(operation, {
      model,
      env: options.env,
      prefix: options.envPrefix,
      // A relative tokenUrl is relative to the API's base URL.
      getToken: (request) => tokenCache({ ...request, tokenUrl: resolveUrl(request.tokenUrl, base.url) }),
    });
    call.redact = createRedactor(credentials.secrets);
    if (!credentials.ok) {
      log(`tool ${operation.toolName}: ${credentials.message}`);
      return toolError(credentials.message);
    }

    const request = buildRequest(
      operation,
      given as Record<string, unknown>,
      base.url,
      credentials.credentials,
    );
    const url = new URL(request.url);
    const outcome = await upstream.send(request, {
      timeoutMs: options.timeoutMs,
      maxBytes: options.maxResponseBytes,
      ...(signal === undefined ? {} : { signal }),
    });
    const requestLine = `${request.method} ${url.pathname}`;
    if (outcome.kind === 'network' || outcome.kind === 'timeout') {
      log(
        `tool ${operation.toolName}: ${requestLine} to ${url.origin} failed (${outcome.kind === 'network' ? outcome.code : 'timeout'})`,
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
    });
  }

  return {
    tools: definitions,
    has: (toolName) => tools.has(toolName),
    async call(toolName, args, signal) {
      const tool = tools.get(toolName);
      if (tool === undefined) return toolError(`Unknown tool: ${toolName}.`);
      const state: CallState = { redact: (text) => text };
      let result: ToolResult;
      try {
        result = await execute(tool, args, signal, state);
      } catch (error) {
        if (error instanceof RequestBuildError) {
          result = toolError(`Tool ${toolName} was not called: ${error.message}`);
        } else {
          const name = error instanceof Error ? error.name : typeof error;
          options.log(state.redact(`tool ${toolName}: internal error (${name})`));
          result = toolError(
            `Tool ${toolName} failed with an internal error (${name}); nothing more is known.`,
          );
        }
      }
      return redactResult(result, state.redact);
    },
    async close() {
      await upstream.close();
    },
  };
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

function toDefinition(operation: OperationModel): ToolDefinition {
  const definition: ToolDefinition = {
    name: operation.toolName,
    description: operation.description,
    inputSchema: operation.inputSchema as ToolDefinition['inputSchema'],
    annotations: operation.annotations,
  };
  if (operation.title !== undefined) definition.title = operation.title;
  if (operation.outputSchema !== undefined) {
    definition.outputSchema = operation.outputSchema as NonNullable<ToolDefinition['outputSchema']>;
  }
  return definition;
}
