/**
 * Discovery mode: a {@link ToolCaller} that lists three meta-tools (search,
 * describe, call) and the custom tools instead of one tool per operation. A
 * call goes through the wrapped caller under the operation's own name, so its
 * validation, errors, credentials, hooks and results are the normal tool's.
 */
import type { OperationModel } from '../../model/types.js';
import { ExtensionsError } from '../extensions-error.js';
import { toolError } from '../tool-error.js';
import type { ToolCaller, ToolDefinition, ToolResult } from '../types.js';
import { buildSearchIndex, type SearchDocument, type SearchIndex } from './build-search-index.js';
import { DEFAULT_LIMIT, listDiscoveryTools, MAX_LIMIT, META_TOOL_NAMES } from './list-discovery-tools.js';
import { suggestNames } from './suggest-names.js';

/**
 * Wraps `caller` in discovery mode. The search index is built on the first
 * search, not here: start-up stays as cheap as in full mode. Throws
 * {@link ExtensionsError} when a custom tool takes a meta-tool's name.
 */
export function createDiscoveryCaller(caller: ToolCaller): ToolCaller {
  const definitions = new Map(caller.tools.map((tool) => [tool.name, tool]));
  const customs = caller.tools.filter((tool) => !caller.operations.has(tool.name));
  for (const custom of customs) {
    if ((Object.values(META_TOOL_NAMES) as string[]).includes(custom.name)) {
      throw new ExtensionsError(
        `Server extensions: custom tool "${custom.name}" has the name of a discovery meta-tool; rename it or serve with --tools all.`,
      );
    }
  }
  const metaTools = listDiscoveryTools(caller.operations.size);
  const tools = [...metaTools, ...customs];
  const listed = new Set(tools.map((tool) => tool.name));
  let index: SearchIndex | undefined;

  const searchIndex = (): SearchIndex => {
    index ??= buildSearchIndex(
      [...caller.operations].map(([name, operation]): SearchDocument => {
        const definition = definitions.get(name);
        return {
          name,
          method: operation.method.toUpperCase(),
          path: operation.pathTemplate,
          ...((definition?.title ?? operation.title) !== undefined && {
            title: definition?.title ?? operation.title,
          }),
          description: caller.describe(name)?.description ?? definition?.description ?? operation.description,
          tags: operation.tags,
          parameters: operation.arguments.map((argument) => argument.name),
          deprecated: operation.deprecated,
        };
      }),
    );
    return index;
  };

  function search(args: Record<string, unknown>): ToolResult {
    const { query, limit } = args;
    if (typeof query !== 'string' || query.trim() === '') {
      return toolError(
        `Invalid arguments for tool ${META_TOOL_NAMES.search}:\n- /query: must be a non-empty string`,
      );
    }
    if (
      limit !== undefined &&
      !(Number.isInteger(limit) && (limit as number) >= 1 && (limit as number) <= MAX_LIMIT)
    ) {
      return toolError(
        `Invalid arguments for tool ${META_TOOL_NAMES.search}:\n- /limit: must be an integer from 1 to ${MAX_LIMIT}`,
      );
    }
    const hits = searchIndex().search(query, (limit as number | undefined) ?? DEFAULT_LIMIT);
    if (hits.length === 0) {
      return text(
        `No operation matches "${query}". Try other words (a resource name, a verb such as list or create).`,
      );
    }
    const lines = hits.map(({ document }) => {
      const summary = firstLine(document.title ?? document.description);
      return `${document.name}  ${document.method} ${document.path}${summary ? `  ${summary}` : ''}${document.deprecated ? '  (deprecated)' : ''}`;
    });
    return text(
      `${lines.join('\n')}\n\n${META_TOOL_NAMES.describe} gives an operation's arguments; ${META_TOOL_NAMES.call} runs it.`,
    );
  }

  /** The operation `args.name` names, with its published definition, or the `isError` result saying why not. */
  function operationName(
    tool: string,
    args: Record<string, unknown>,
  ): { name: string; operation: OperationModel; definition: ToolDefinition } | { error: ToolResult } {
    const { name } = args;
    if (typeof name !== 'string' || name === '') {
      return { error: toolError(`Invalid arguments for tool ${tool}:\n- /name: must be a non-empty string`) };
    }
    const operation = caller.operations.get(name);
    const definition = definitions.get(name);
    if (operation === undefined || definition === undefined) {
      const closest = suggestNames(name, caller.operations.keys());
      return {
        error: toolError(
          `Unknown operation "${name}".${closest.length > 0 ? ` Closest: ${closest.join(', ')}.` : ''} ${META_TOOL_NAMES.search} finds operations by what they do.`,
        ),
      };
    }
    return { name, operation, definition };
  }

  function describe(args: Record<string, unknown>): ToolResult {
    const found = operationName(META_TOOL_NAMES.describe, args);
    if ('error' in found) return found.error;
    const { name, operation, definition } = found;
    // The whole description and input schema (one operation's worth); the output schema as listed.
    const full = caller.describe(name) ?? definition;
    const description = {
      name: definition.name,
      ...(definition.title !== undefined && { title: definition.title }),
      method: operation.method.toUpperCase(),
      path: operation.pathTemplate,
      description: full.description,
      ...(operation.deprecated && { deprecated: true }),
      annotations: definition.annotations,
      inputSchema: full.inputSchema,
      ...(definition.outputSchema !== undefined
        ? { outputSchema: definition.outputSchema }
        : { returns: 'the response body as the API sends it (the spec gives no schema)' }),
    };
    return text(JSON.stringify(description, null, 2));
  }

  async function call(args: Record<string, unknown>, signal: AbortSignal | undefined): Promise<ToolResult> {
    const found = operationName(META_TOOL_NAMES.call, args);
    if ('error' in found) return found.error;
    const given = args.arguments;
    // The operation's own validation reports bad arguments in its own words.
    return caller.call(found.name, given === undefined ? {} : given, signal);
  }

  return {
    tools,
    operations: caller.operations,
    has: (toolName) => listed.has(toolName),
    // The operations' tools are reached through describe_operation, not listed.
    describe: (toolName) => caller.describe(toolName),
    async call(toolName, args, signal) {
      const given = isRecord(args) ? args : {};
      if (toolName === META_TOOL_NAMES.search) return search(given);
      if (toolName === META_TOOL_NAMES.describe) return describe(given);
      if (toolName === META_TOOL_NAMES.call) return call(given, signal);
      if (!listed.has(toolName)) return toolError(`Unknown tool: ${toolName}.`);
      return caller.call(toolName, args, signal);
    },
    close: () => caller.close(),
  };
}

function text(value: string): ToolResult {
  return { content: [{ type: 'text', text: value }] };
}

function firstLine(value: string): string {
  const line =
    value
      .replace(/<[^>]*>/g, '')
      .split('\n')
      .find((l) => l.trim() !== '') ?? '';
  const trimmed = line.trim();
  return trimmed.length > 120 ? `${trimmed.slice(0, 119)}…` : trimmed;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
