/*
 * This file is yours: `openapi-mcp gen` created it once and never overwrites or
 * deletes it, even with --force. Everything else in the project is regenerated;
 * extend the server here instead (src/main.ts passes this default export to the
 * runtime, which checks it at start-up: an unknown tool name fails the start).
 *
 * Uncomment and adapt what you need:
 *
 *   tools: {
 *     // Keyed by the tool names in the README (before renames).
 *     someTool: { name: 'better_name', description: 'What the assistant should know.' },
 *     dangerousTool: { hidden: true },
 *   },
 *
 *   customTools: [
 *     {
 *       name: 'hello',
 *       description: 'Says hello to someone.',
 *       inputSchema: { type: 'object', properties: { who: { type: 'string' } }, required: ['who'] },
 *       // Arguments arrive validated against inputSchema; a throw becomes an isError result.
 *       handler: async (args, context) => {
 *         // context.callTool('someTool', { ... }) calls a generated tool (hidden ones too).
 *         return { content: [{ type: 'text', text: `Hello, ${String(args.who)}!` }] };
 *       },
 *     },
 *   ],
 *
 *   // Each upstream request, credentials attached: add or sign headers. The origin cannot change.
 *   onRequest: (request, context) => {
 *     request.headers['x-request-source'] = `mcp/${context.toolName}`;
 *     return request;
 *   },
 *
 *   // Each result before it is sent: reshape or trim it (context.status is the HTTP status).
 *   onResult: (result, context) => result,
 */
import { defineExtensions } from './runtime/server-extensions.js';

export default defineExtensions({});
