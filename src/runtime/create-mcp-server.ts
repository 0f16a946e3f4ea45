/**
 * Wires a {@link ToolCaller} into a low-level MCP `Server`. Vendored into
 * generated projects: imports nothing of ours but `../model/types.js` and `./*.js`.
 */
import {
  type CallToolResult,
  ProtocolError,
  ProtocolErrorCode,
  Server,
  type Tool,
} from '@modelcontextprotocol/server';
import type { ToolCaller, ToolDefinition, ToolResult } from './types.js';

/** Options of {@link createMcpServer} beyond the server identity. */
export interface McpServerOptions {
  /**
   * Tools per `tools/list` page; further pages are reached through `nextCursor`.
   * Unlimited by default because several popular clients never follow `nextCursor`
   * and would silently lose every tool past the first page.
   * @default Infinity
   */
  pageSize?: number;
  /** Where unexpected failures are reported (stderr in the CLI). Never given secrets. */
  log?: (line: string) => void;
}

const CURSOR_PREFIX = 'offset:';

/**
 * Returns a factory of MCP servers that list `caller.tools` and forward
 * `tools/call` to `caller.call`.
 *
 * Stateless HTTP builds one server per request and stdio one per connection, so
 * the factory only registers two handlers: everything expensive (schemas,
 * validators, HTTP pool) lives in the caller, built once.
 *
 * The low-level `Server` is used (not `McpServer`) so our JSON Schemas go out
 * exactly as the model holds them and our own validation is the only one.
 */
export function createMcpServer(
  caller: ToolCaller,
  info: { name: string; version: string },
  options: McpServerOptions = {},
): () => Server {
  const pageSize = normalisePageSize(options.pageSize);
  const log = options.log ?? (() => {});
  // The SDK's `Tool` wants a literal `type: 'object'` root; ToolDefinition
  // guarantees it, but its `JsonSchema` union includes `boolean`, so one cast.
  const tools = caller.tools as unknown as readonly Tool[];
  const outputSchemas = new Map<string, ToolDefinition['outputSchema']>(
    caller.tools.map((tool) => [tool.name, tool.outputSchema]),
  );

  return () => {
    // `Server` is tagged deprecated in favour of McpServer; the SDK's own guide
    // keeps it for tool sets computed from an external registry, which we are.
    const server = new Server(info, { capabilities: { tools: { listChanged: false } } });

    server.setRequestHandler('tools/list', async (request) => {
      const start = decodeCursor(request.params?.cursor, tools.length);
      const end = Math.min(tools.length, start + pageSize);
      const page = start === 0 && end === tools.length ? [...tools] : tools.slice(start, end);
      return end < tools.length ? { tools: page, nextCursor: encodeCursor(end) } : { tools: page };
    });

    server.setRequestHandler('tools/call', async (request, ctx) => {
      const { name } = request.params;
      if (!caller.has(name)) {
        throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown tool: ${name}`);
      }
      let result: ToolResult;
      try {
        result = await caller.call(name, request.params.arguments ?? {}, ctx.mcpReq.signal);
      } catch (error) {
        log(describeUnexpected(name, error));
        result = {
          content: [
            { type: 'text', text: `Internal error while calling tool "${name}"; see the server log.` },
          ],
          isError: true,
        };
      }
      // Applies the era projection (a no-op for our object-rooted outputSchemas
      // and object structuredContent) so this handler stays era-blind.
      const outputSchema = outputSchemas.get(name);
      return server.projectCallToolResult(
        result as CallToolResult,
        typeof outputSchema === 'object' ? outputSchema : undefined,
      );
    });

    return server;
  };
}

function normalisePageSize(pageSize: number | undefined): number {
  if (pageSize === undefined) return Number.POSITIVE_INFINITY;
  if (!(pageSize >= 1)) throw new RangeError(`pageSize must be at least 1, got ${pageSize}`);
  return Math.floor(pageSize);
}

function encodeCursor(offset: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${offset}`, 'utf8').toString('base64url');
}

/** An absent cursor is the first page; anything we did not mint is -32602 per the pagination spec. */
function decodeCursor(cursor: string | undefined, total: number): number {
  if (cursor === undefined) return 0;
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const offset = decoded.startsWith(CURSOR_PREFIX) ? Number(decoded.slice(CURSOR_PREFIX.length)) : Number.NaN;
  if (!Number.isInteger(offset) || offset <= 0 || offset >= total) {
    throw new ProtocolError(ProtocolErrorCode.InvalidParams, 'Invalid cursor');
  }
  return offset;
}

/**
 * The caller promises never to throw; if it does, that is a bug. The log line
 * keeps the error's class and stack frames but drops its message, which could
 * carry a request URL or header value.
 */
function describeUnexpected(toolName: string, error: unknown): string {
  const kind = error instanceof Error ? error.name : typeof error;
  const frames =
    error instanceof Error && typeof error.stack === 'string'
      ? error.stack
          .split('\n')
          .filter((line) => line.trimStart().startsWith('at '))
          .slice(0, 8)
          .join('\n')
      : '';
  return `openapi-mcp: internal error (${kind}) while calling tool "${toolName}"${frames ? `\n${frames}` : ''}`;
}
