/** The public library API of openapi-mcp: re-exports only. */

export { buildApiModel } from './build-model/build-api-model.js';
export type { Diagnostic, DiagnosticCodeValue } from './diagnostics.js';
export { DiagnosticCode, formatDiagnostic } from './diagnostics.js';
export type { ErrorCatalogueEntry, ErrorCodeValue } from './errors.js';
export {
  ERROR_CATALOGUE,
  ErrorCode,
  OpenapiMcpError,
  OptionsError,
  SpecLoadError,
  UsageError,
} from './errors.js';
export { type LoadedSpec, type LoadSpecOptions, loadSpec } from './loader/load-spec.js';
export type * from './model/types.js';
export type { ResolvedServeOptions, UserOptions } from './options.js';
export { resolveServeOptions } from './options.js';
export { createMcpServer, type McpServerOptions } from './runtime/create-mcp-server.js';
export { createToolCaller } from './runtime/create-tool-caller.js';
export { listServerEnv, type ServerEnvVar } from './runtime/list-server-env.js';
export { type RunningServer, type ServeOptions, serve } from './runtime/serve.js';
export { ServerStartError } from './runtime/serve-http.js';
export type {
  Env,
  RuntimeOptions,
  ToolCaller,
  ToolContent,
  ToolDefinition,
  ToolResult,
} from './runtime/types.js';
