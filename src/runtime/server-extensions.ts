/**
 * What a user may add to a served model: their own tools, renamed or hidden
 * generated tools, and hooks on each upstream request and each result. A
 * generated project's `src/extend.ts` default-exports one of these; library
 * users pass it to `serve(model, { ...options, extensions })`.
 */
import type { JsonSchema, ToolAnnotationsModel } from '../model/types.js';
import type { BuiltRequest } from './build-request.js';
import type { Env, ToolResult } from './types.js';

/** How one generated tool is published instead of as the model says. */
export interface ToolOverride {
  /** Publishes the tool under this name (`[A-Za-z0-9_-]`, at most 64 characters). */
  name?: string;
  /** Replaces the tool's description. */
  description?: string;
  /** Replaces the tool's title. */
  title?: string;
  /** Leaves the tool out of `tools/list` and refuses calls to it (custom tools can still use it). */
  hidden?: boolean;
}

/** What a custom tool's handler gets besides its (validated) arguments. */
export interface CustomToolContext {
  /** The custom tool's name. */
  toolName: string;
  /** Aborted when the client cancels the call. */
  signal: AbortSignal | undefined;
  /** The server's environment (as `serve` was given it). */
  env: Env;
  /** The server's log (stderr); credential values are redacted. */
  log: (line: string) => void;
  /**
   * Calls a generated tool by its name in the model (before any rename; hidden
   * tools too), through the same path as a client call (request hook included),
   * and returns its result before the result hook.
   */
  callTool(toolName: string, args: Record<string, unknown>): Promise<ToolResult>;
}

/** A tool of the user's own, listed after the generated ones. */
export interface CustomTool {
  /** `[A-Za-z0-9_-]`, at most 64 characters, unique among all published tools. */
  name: string;
  title?: string;
  description: string;
  /** A JSON Schema (2020-12) with `type: 'object'` at the root; arguments are validated against it first. */
  inputSchema: JsonSchema & { type: 'object' };
  outputSchema?: JsonSchema & { type: 'object' };
  /** Unset hints take the MCP defaults: not read-only, may be destructive, not idempotent, open world. */
  annotations?: Partial<ToolAnnotationsModel>;
  /** Runs the tool; a throw becomes an `isError` result carrying the message, never the stack. */
  handler(args: Record<string, unknown>, context: CustomToolContext): ToolResult | Promise<ToolResult>;
}

/** An upstream request as the request hook sees and returns it. Header names are lower case. */
export interface HookRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** As built from the arguments: text, bytes or multipart form data. */
  body?: BuiltRequest['body'];
}

/** Which call an upstream request belongs to. */
export interface RequestHookContext {
  /** The tool's published name (after any rename). */
  toolName: string;
  /** The operation's id in the model (its operationId, else `METHOD /path`). */
  operationId: string;
  /** Upper-case HTTP method of the operation. */
  method: string;
  /** The operation's path template, e.g. `/pets/{petId}`. */
  pathTemplate: string;
}

/** Which call a result belongs to. */
export interface ResultHookContext {
  /** The tool's published name (after any rename), custom tools included. */
  toolName: string;
  /** The operation's id in the model; absent for custom tools. */
  operationId?: string;
  /** The upstream's HTTP status, when there was an upstream response. */
  status?: number;
}

/**
 * Called for each upstream request after it is built and credentials are
 * attached (to add or sign headers). Return the changed request, or nothing to
 * send the (possibly mutated) one given. The origin must stay the same, and the
 * `host` header cannot be set: credentials go only to the configured upstream.
 */
export type RequestHook = (
  request: HookRequest,
  context: RequestHookContext,
) => HookRequest | undefined | Promise<HookRequest | undefined>;

/** Called for each result before it is sent (to reshape or trim it); returns the result to send. */
export type ResultHook = (result: ToolResult, context: ResultHookContext) => ToolResult | Promise<ToolResult>;

/** Everything a server can be extended with; every field is optional. */
export interface ServerExtensions {
  /** Generated tool name (as in the model) → how to publish it. An unknown name fails start-up. */
  tools?: Record<string, ToolOverride>;
  /** Tools of your own. A name that clashes with a published tool fails start-up. */
  customTools?: CustomTool[];
  onRequest?: RequestHook;
  onResult?: ResultHook;
}

/** Returns `extensions` unchanged: it only gives an object literal its type. */
export function defineExtensions(extensions: ServerExtensions): ServerExtensions {
  return extensions;
}
