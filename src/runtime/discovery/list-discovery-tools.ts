/** The tools discovery mode lists: search, describe and call, whatever the API. */
import type { ToolDefinition } from '../types.js';

/** The meta-tools' names. */
export const META_TOOL_NAMES = {
  search: 'search_operations',
  describe: 'describe_operation',
  call: 'call_operation',
} as const;

/** search_operations' default and largest `limit`. */
export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 50;

/** The `name` argument of describe_operation and call_operation. */
const OPERATION_NAME = {
  type: 'string',
  description: `The operation's name, as ${META_TOOL_NAMES.search} gives it.`,
};

/**
 * The meta-tools of discovery mode over `operationCount` operations. A pure
 * function of the count, so a server can list them before its model is parsed.
 */
export function listDiscoveryTools(operationCount: number): ToolDefinition[] {
  const readOnly = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };
  return [
    {
      name: META_TOOL_NAMES.search,
      title: 'Search operations',
      description: `Finds the API operations (${operationCount} in all) that do what a plain-language query asks, best first, one line each: the operation's name, its HTTP method and path, and a summary. Use the name with ${META_TOOL_NAMES.describe} and ${META_TOOL_NAMES.call}.`,
      inputSchema: {
        type: 'object',
        properties: {
          query: {
            type: 'string',
            description: 'What you want to do, e.g. "refund a charge" or "list pods".',
          },
          limit: {
            type: 'integer',
            minimum: 1,
            maximum: MAX_LIMIT,
            default: DEFAULT_LIMIT,
            description: 'How many matches to return.',
          },
        },
        required: ['query'],
      },
      annotations: readOnly,
    },
    {
      name: META_TOOL_NAMES.describe,
      title: 'Describe an operation',
      description: `Gives one operation's description, method and path, the JSON Schema of its arguments (inputSchema) and what it returns. Call it before ${META_TOOL_NAMES.call}.`,
      inputSchema: {
        type: 'object',
        properties: {
          name: OPERATION_NAME,
        },
        required: ['name'],
      },
      annotations: readOnly,
    },
    {
      name: META_TOOL_NAMES.call,
      title: 'Call an operation',
      description: `Calls one API operation with its arguments, validated against the inputSchema ${META_TOOL_NAMES.describe} gives; returns the API's response.`,
      inputSchema: {
        type: 'object',
        properties: {
          name: OPERATION_NAME,
          arguments: { type: 'object', description: "The operation's arguments, as its inputSchema asks." },
        },
        required: ['name'],
      },
      // It may run any operation, so it promises nothing.
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
    },
  ];
}
