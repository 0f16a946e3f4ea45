/**
 * Contracts shared by the runtime's modules. The runtime is vendored byte for
 * byte into generated projects: it imports nothing of ours but `../model/types.js`.
 */
import type { JsonSchema, OperationModel, ToolAnnotationsModel } from '../model/types.js';
import type { Clock } from './system-clock.js';
import type { ToolDetail } from './tool-detail.js';

/** Environment variables as `process.env` holds them; passed in, never read globally. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Everything the runtime needs besides the model; all defaults resolved by the caller. */
export interface RuntimeOptions {
  /** Upstream base URL overriding the spec's servers (`--base-url` / `<PREFIX>_BASE_URL`). */
  baseUrl?: string;
  /** Prefix of every environment variable name, e.g. `OPENAPI_MCP`. */
  envPrefix: string;
  /** Source of credentials and of `<PREFIX>_BASE_URL`. */
  env: Env;
  /** Per-call deadline for the whole upstream exchange, in milliseconds. */
  timeoutMs: number;
  /** Bytes of response text given to the model before truncation. */
  maxResponseBytes: number;
  /**
   * Retries of a failed call that is safe to repeat; 0 turns them off.
   * @default 2
   */
  retries?: number;
  /**
   * Upstream calls in flight at once per origin.
   * @default 8
   */
  maxConcurrency?: number;
  /**
   * Calls waiting for a turn per origin; more are refused.
   * @default 64
   */
  maxQueue?: number;
  /**
   * Retries per 100 first tries to one origin in a 10 s window, on top of a
   * floor of 10 (see `createRetryBudget`).
   * @default 20
   */
  retryBudget?: number;
  /**
   * Failed calls in a row that open an origin's circuit (see `createCircuitBreaker`); 0 turns the breaker off.
   * @default 5
   */
  breakerFailures?: number;
  /**
   * How long an open circuit fails calls fast before one probe goes through, in milliseconds.
   * @default 10000
   */
  breakerCooldownMs?: number;
  /**
   * Time for deadlines between retries, backoff waits and jitter (tests pass a fake one).
   * @default systemClock
   */
  clock?: Clock;
  /** Where diagnostics of the running server go (stderr in the CLI). Never given secrets. */
  log: (line: string) => void;
  /**
   * How much text and schema the listed tools carry (see `compactDefinition`).
   * @default 'compact'
   */
  detail?: ToolDetail;
  /**
   * Whether a spec-chosen upstream may be a link-local or cloud-metadata address
   * (`--link-local-upstream`); see `find-address-rule.ts`.
   * @default 'refuse'
   */
  linkLocalUpstream?: 'refuse' | 'allow';
  /**
   * PEM text of CA certificates trusted for upstream TLS besides Node's bundled
   * roots (`--upstream-ca`). Nothing turns certificate verification off.
   * @default none
   */
  upstreamCa?: string;
}

/** A tool as `tools/list` gives it. */
export interface ToolDefinition {
  name: string;
  title?: string;
  description: string;
  inputSchema: JsonSchema & { type: 'object' };
  outputSchema?: JsonSchema & { type: 'object' };
  /**
   * Hints for clients. In full detail every hint is given; compact detail
   * leaves out those equal to MCP's defaults (see `compact-annotations.ts`).
   */
  annotations?: Partial<ToolAnnotationsModel>;
}

export type ToolContent =
  | { type: 'text'; text: string }
  | { type: 'image'; data: string; mimeType: string }
  | { type: 'audio'; data: string; mimeType: string };

/** The result of a tool call, in MCP `CallToolResult` shape. */
export interface ToolResult {
  content: ToolContent[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

/**
 * The call path of one model: tool definitions plus a function that executes a
 * call. Built once at start-up (schemas compiled, HTTP pool created); the MCP
 * server wiring only forwards to it. Created by `createToolCaller` in
 * `create-tool-caller.ts`.
 */
export interface ToolCaller {
  /** Tools in model order, exactly as `tools/list` gives them. */
  readonly tools: readonly ToolDefinition[];
  /** The operations a client may call, by published name (renamed ones by their new name; hidden ones absent). */
  readonly operations: ReadonlyMap<string, OperationModel>;
  has(toolName: string): boolean;
  /**
   * The full-detail definition of an operation's tool, by the name clients call
   * it: the description never cut and the input schema with every description
   * and example the model holds (what `describe_operation` gives).
   */
  describe(toolName: string): ToolDefinition | undefined;
  /**
   * Validates `args`, attaches credentials, calls the upstream and maps the
   * response. Never throws for bad input or upstream failure: those are
   * `isError` results. `signal` aborts the upstream request (client cancel).
   */
  call(toolName: string, args: unknown, signal?: AbortSignal): Promise<ToolResult>;
  /** Closes the HTTP connection pool. */
  close(): Promise<void>;
}
