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
  /**
   * Most bytes of tool definitions per `tools/list` page. The official SDK
   * clients drop a stdio connection whose message passes 10 MiB, so a spec whose
   * tools serialise beyond this (Kubernetes: ~22 MB) is split into pages each
   * client can read; below it every tool is on the one page.
   * @default 4 MiB
   */
  maxPageBytes?: number;
  /** Where unexpected failures are reported (stderr in the CLI). Never given secrets. */
  log?: (line: string) => void;
  /**
   * The program name that starts those lines (a generated server's own name).
   * @default 'openapi-mcp'
   */
  programName?: string;
  /**
   * The tools `tools/list` gives, when they are known before the caller is
   * built (see `serve`'s `preview`); they must be the caller's own.
   * @default the caller's tools
   */
  listing?: Promise<readonly ToolDefinition[]>;
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
  callerOrPending: ToolCaller | Promise<ToolCaller>,
  info: { name: string; version: string },
  options: McpServerOptions = {},
): () => Server {
  const pageSize = normalisePageSize(options.pageSize);
  const maxPageBytes = options.maxPageBytes ?? DEFAULT_MAX_PAGE_BYTES;
  const log = options.log ?? (() => {});
  const programName = options.programName ?? 'openapi-mcp';
  // A pending caller lets the transport answer `initialize` while a large
  // model is still being built; tool requests wait for it (and get its error).
  const ready = Promise.resolve(callerOrPending).then((caller) => ({
    caller,
    // The SDK's `Tool` wants a literal `type: 'object'` root; ToolDefinition
    // guarantees it, but its `JsonSchema` union includes `boolean`, so one cast.
    tools: caller.tools as unknown as readonly Tool[],
    outputSchemas: new Map<string, ToolDefinition['outputSchema']>(
      caller.tools.map((tool) => [tool.name, tool.outputSchema]),
    ),
  }));
  // Handled here so a load failure no client asked about is not an unhandled rejection.
  ready.catch(() => {});
  const listing = (options.listing ?? ready.then(({ tools }) => tools)) as Promise<readonly Tool[]>;
  listing.catch(() => {});
  let pageStarts: number[] | undefined;

  return () => {
    // `Server` is tagged deprecated in favour of McpServer; the SDK's own guide
    // keeps it for tool sets computed from an external registry, which we are.
    const server = new Server(info, { capabilities: { tools: { listChanged: false } } });

    server.setRequestHandler('tools/list', async (request) => {
      const tools = await listing;
      pageStarts ??= paginate(tools, pageSize, maxPageBytes);
      const start = decodeCursor(request.params?.cursor, pageStarts);
      const end = pageStarts[pageStarts.indexOf(start) + 1] ?? tools.length;
      const page = start === 0 && end === tools.length ? [...tools] : tools.slice(start, end);
      return end < tools.length ? { tools: page, nextCursor: encodeCursor(end) } : { tools: page };
    });

    server.setRequestHandler('tools/call', async (request, ctx) => {
      const { name } = request.params;
      const { caller, outputSchemas } = await ready;
      if (!caller.has(name)) {
        throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown tool: ${name}`);
      }
      let result: ToolResult;
      try {
        result = await caller.call(name, request.params.arguments ?? {}, ctx.mcpReq.signal);
      } catch (error) {
        log(describeUnexpected(programName, name, error));
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

const DEFAULT_MAX_PAGE_BYTES = 4 * 1024 * 1024;

/**
 * Offsets at which pages start: a page ends before it would pass `pageSize`
 * tools or `maxPageBytes` of JSON (a single larger tool gets a page of its own).
 * Computed once, on the first `tools/list`, and shared by every server the
 * factory makes, so cursors stay valid across stateless requests.
 */
export function paginate(tools: readonly Tool[], pageSize: number, maxPageBytes: number): number[] {
  const starts = [0];
  let count = 0;
  let bytes = 0;
  tools.forEach((tool, index) => {
    const size = Buffer.byteLength(JSON.stringify(tool));
    if (count > 0 && (count + 1 > pageSize || bytes + size > maxPageBytes)) {
      starts.push(index);
      count = 0;
      bytes = 0;
    }
    count += 1;
    bytes += size;
  });
  return starts;
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
function decodeCursor(cursor: string | undefined, pageStarts: readonly number[]): number {
  if (cursor === undefined) return 0;
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const offset = decoded.startsWith(CURSOR_PREFIX) ? Number(decoded.slice(CURSOR_PREFIX.length)) : Number.NaN;
  if (!Number.isInteger(offset) || offset <= 0 || !pageStarts.includes(offset)) {
    throw new ProtocolError(ProtocolErrorCode.InvalidParams, 'Invalid cursor');
  }
  return offset;
}

/**
 * The caller promises never to throw; if it does, that is a bug. The log line
 * keeps the error's class and stack frames but drops its message, which could
 * carry a request URL or header value.
 */
function describeUnexpected(programName: string, toolName: string, error: unknown): string {
  const kind = error instanceof Error ? error.name : typeof error;
  const frames =
    error instanceof Error && typeof error.stack === 'string'
      ? error.stack
          .split('\n')
          .filter((line) => line.trimStart().startsWith('at '))
          .slice(0, 8)
          .join('\n')
      : '';
  return `${programName}: internal error (${kind}) while calling tool "${toolName}"${frames ? `\n${frames}` : ''}`;
}
