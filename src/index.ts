/** The public library API of openapi-mcp: re-exports only. */

export { type BuildModelOptions, buildApiModel } from './build-model/build-api-model.js';
export type { OperationSelection } from './build-model/select-operations.js';
export { CATALOGUE, type CatalogueEntry } from './catalogue.js';
export { type GenerateResult, generate } from './commands/generate.js';
export {
  type InspectCredential,
  type InspectReport,
  type InspectResult,
  type InspectTool,
  inspect,
} from './commands/inspect.js';
export { type LoadedModel, loadModel } from './commands/load-model.js';
export { type ServeSpecOptions, type ServeSpecResult, serveSpec } from './commands/serve-spec.js';
export type { Diagnostic, DiagnosticCodeValue, DiagnosticEntry, DiagnosticSeverity } from './diagnostics.js';
export { DIAGNOSTIC_CATALOGUE, DiagnosticCode, diagnosticEntry, formatDiagnostic } from './diagnostics.js';
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
export type { GenUserOptions, ResolvedGenOptions } from './options/generate-options.js';
export type { InspectUserOptions, ResolvedInspectOptions } from './options/inspect-options.js';
export type { ResolvedSelectionOptions, SelectionUserOptions } from './options/selection-options.js';
export {
  type ResolvedServeOptions,
  resolveServeOptions,
  type ServeUserOptions,
  type ServeUserOptions as UserOptions,
} from './options/serve-options.js';
export type { ResolvedSpecOptions, SpecUserOptions } from './options/spec-options.js';
export { createMcpServer, type McpServerOptions } from './runtime/create-mcp-server.js';
export { createToolCaller } from './runtime/create-tool-caller.js';
export { ExtensionsError } from './runtime/extensions-error.js';
export { listServerEnv, type ServerEnvVar } from './runtime/list-server-env.js';
export { type RunningServer, type ServeOptions, serve } from './runtime/serve.js';
export { ServerStartError } from './runtime/serve-http.js';
export {
  type CustomTool,
  type CustomToolContext,
  defineExtensions,
  type HookRequest,
  type RequestHook,
  type RequestHookContext,
  type ResultHook,
  type ResultHookContext,
  type ServerExtensions,
  type ToolOverride,
} from './runtime/server-extensions.js';
export type {
  Env,
  RuntimeOptions,
  ToolCaller,
  ToolContent,
  ToolDefinition,
  ToolResult,
} from './runtime/types.js';
