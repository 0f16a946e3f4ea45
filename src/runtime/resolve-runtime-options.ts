/**
 * Run-time options (transport, host, port, upstream, deadlines) → resolved
 * options, validated once. Shared by `openapi-mcp serve` (through
 * `src/options.ts`) and every generated project's entry point, so both accept
 * and refuse exactly the same values with the same messages. Messages name the
 * command-line flag (or the environment variable holding the bad value).
 *
 * Vendored byte for byte into generated projects: imports nothing of ours
 * outside this folder.
 */
import { OpenapiMcpError, RuntimeErrorCode } from './errors.js';
import { readUpstreamCa } from './read-upstream-ca.js';
import { isToolDetail, TOOL_DETAILS, type ToolDetail } from './tool-detail.js';
import { isToolMode, TOOL_MODES, type ToolMode } from './tool-mode.js';
import type { Env } from './types.js';

/** Run-time options as a user gives them; strings are accepted where argv gives strings. */
export interface RuntimeUserOptions {
  /**
   * Upstream base URL overriding the spec's servers; falls back to `<PREFIX>_BASE_URL`.
   * @default the spec's first server
   */
  baseUrl?: string;
  /** @default 'stdio' */
  transport?: string;
  /**
   * HTTP only: interface to bind.
   * @default '127.0.0.1'
   */
  host?: string;
  /**
   * HTTP only: TCP port, `0` for any free port.
   * @default 3000
   */
  port?: number | string;
  /**
   * HTTP only: bearer token clients must present; falls back to `<PREFIX>_HTTP_TOKEN`.
   * @default none (no endpoint authentication)
   */
  httpToken?: string;
  /**
   * Prefix of every environment variable name.
   * @default 'OPENAPI_MCP'
   */
  envPrefix?: string;
  /**
   * Per-call upstream deadline in seconds.
   * @default 30
   */
  timeout?: number | string;
  /**
   * Bytes of upstream response given to the model before truncation.
   * @default 1048576 (1 MiB)
   */
  maxResponseBytes?: number | string;
  /**
   * `all` (one tool per operation), `discovery` (a few meta-tools that search,
   * describe and call operations) or `auto` (discovery when the tool list would
   * pass what clients accept; see `chooseToolMode`).
   * @default 'auto'
   */
  tools?: string;
  /**
   * `compact` (descriptions cut, no examples, output schemas reduced to their
   * shape) or `full` (everything the model holds); see `compactDefinition`.
   * @default 'compact'
   */
  detail?: string;
  /**
   * Retries of a failed upstream call that is safe to repeat (GET, HEAD,
   * OPTIONS, PUT, DELETE; POST/PATCH with a declared idempotency key); `0` turns them off.
   * @default 2
   */
  retries?: number | string;
  /**
   * Upstream calls in flight at once per origin.
   * @default 8
   */
  maxConcurrency?: number | string;
  /**
   * Calls that may wait for a turn per origin beyond those; more are refused with `isError`.
   * @default 64
   */
  maxQueue?: number | string;
  /**
   * Retries per 100 first tries to one origin in a 10 s window (0 to 100), on
   * top of a floor of 10 retries per window.
   * @default 20
   */
  retryBudget?: number | string;
  /**
   * Failed calls to one origin in a row (429, 502, 503, 504, no connection, no
   * answer, judged by a call's last try) that open its circuit; `0` turns the breaker off.
   * @default 5
   */
  breakerFailures?: number | string;
  /**
   * Seconds an open circuit fails calls fast before one probe call goes through
   * (longer when the upstream's `Retry-After` asks, up to 5 minutes).
   * @default 10
   */
  breakerCooldown?: number | string;
  /**
   * `refuse` or `allow` an upstream the spec chose (not `--base-url`) at a
   * link-local or cloud-metadata address, checked after DNS resolution.
   * @default 'refuse'
   */
  linkLocalUpstream?: string;

  // Lifecycle and HTTP endpoint limits (issue 9: shutdown, request size, request rate).
  /**
   * Seconds in-flight calls get to finish after SIGINT/SIGTERM (or stdin's end)
   * before the transport cancels them and the program exits.
   * @default 10
   */
  shutdownGrace?: number | string;
  /**
   * HTTP only: largest MCP request body in bytes; a larger one gets 413.
   * @default 4194304 (4 MiB)
   */
  maxRequestBytes?: number | string;
  /**
   * HTTP only: requests per second each client (bearer token, else address)
   * may send to `/mcp`, with bursts of as many; past it, 429 with `Retry-After`.
   * @default off
   */
  rateLimit?: number | string;
  /**
   * A PEM file of CA certificates trusted for upstream TLS besides Node's
   * bundled roots (a private CA); verification itself can never be turned off.
   * @default none
   */
  upstreamCa?: string;
}

/** Defaults a caller may change (a generated project bakes in the ones `gen` was given). */
export interface RuntimeDefaults {
  envPrefix: string;
  timeoutSeconds: number;
  maxResponseBytes: number;
  transport: 'stdio' | 'http';
  host: string;
  port: number;
  tools: ToolMode;
  detail: ToolDetail;
  retries: number;
  maxConcurrency: number;
  maxQueue: number;
  retryBudget: number;
  breakerFailures: number;
  breakerCooldownSeconds: number;
  shutdownGraceSeconds: number;
  maxRequestBytes: number;
  /** Used only when neither the flag nor `<PREFIX>_BASE_URL` is set. */
  baseUrl?: string;
}

/** Run-time options after defaults and validation. */
export interface ResolvedRuntimeOptions {
  readonly baseUrl?: string;
  readonly transport: 'stdio' | 'http';
  readonly host: string;
  readonly port: number;
  readonly httpToken?: string;
  readonly envPrefix: string;
  readonly env: Env;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly tools: ToolMode;
  readonly detail: ToolDetail;
  readonly retries: number;
  readonly maxConcurrency: number;
  readonly maxQueue: number;
  /** Retries per 100 first tries per origin and window. */
  readonly retryBudget: number;
  /** Failed calls in a row that open a circuit; 0 when the breaker is off. */
  readonly breakerFailures: number;
  readonly breakerCooldownMs: number;
  readonly linkLocalUpstream: 'refuse' | 'allow';
  /** How long in-flight calls may run after a stop signal or stdin's end. */
  readonly shutdownGraceMs: number;
  /** HTTP only: largest MCP request body accepted. */
  readonly maxRequestBytes: number;
  /** HTTP only: requests per second per client; absent when there is no limit. */
  readonly rateLimit?: number;
  /** PEM text of the operator's extra upstream CA certificates (`--upstream-ca`), read at start-up. */
  readonly upstreamCa?: string;
}

/** The defaults of `openapi-mcp serve`. @see RuntimeUserOptions */
export const RUNTIME_DEFAULTS: Readonly<RuntimeDefaults> = {
  envPrefix: 'OPENAPI_MCP',
  timeoutSeconds: 30,
  maxResponseBytes: 1024 * 1024,
  transport: 'stdio',
  host: '127.0.0.1',
  port: 3000,
  tools: 'auto',
  detail: 'compact',
  retries: 2,
  maxConcurrency: 8,
  maxQueue: 64,
  retryBudget: 20,
  breakerFailures: 5,
  breakerCooldownSeconds: 10,
  shutdownGraceSeconds: 10,
  maxRequestBytes: 4 * 1024 * 1024,
};

/**
 * An option has an invalid value. The runtime's class, so a generated project
 * has it; `src/errors.ts` exports it as `OptionsError` for the whole library.
 */
export class RuntimeOptionsError extends OpenapiMcpError<typeof RuntimeErrorCode.OPTIONS_INVALID> {
  /** The flag (`--port`) or environment variable at fault. */
  readonly option: string;

  constructor(option: string, message: string) {
    super(RuntimeErrorCode.OPTIONS_INVALID, message);
    this.option = option;
  }
}

const ENV_PREFIX_PATTERN = /^[A-Z][A-Z0-9_]*$/;

/**
 * Fills defaults and validates every option; throws {@link RuntimeOptionsError}
 * naming the flag (or environment variable) at fault.
 */
export function resolveRuntimeOptions(
  user: RuntimeUserOptions,
  env: Env,
  defaults: Readonly<RuntimeDefaults> = RUNTIME_DEFAULTS,
): ResolvedRuntimeOptions {
  const envPrefix = resolveEnvPrefix(user.envPrefix, defaults.envPrefix);
  const transport = user.transport ?? defaults.transport;
  if (transport !== 'stdio' && transport !== 'http') {
    throw new RuntimeOptionsError('--transport', `--transport must be "stdio" or "http", got "${transport}"`);
  }
  const host = user.host ?? defaults.host;
  if (host.trim() === '' || /[\s/]/.test(host)) {
    throw new RuntimeOptionsError('--host', `--host must be a host name or IP address, got "${host}"`);
  }
  const port = parsePort(user.port, defaults.port);
  const timeoutSeconds = parsePositiveNumber(user.timeout, defaults.timeoutSeconds, '--timeout', 'seconds');
  const maxResponseBytes = parsePositiveInteger(
    user.maxResponseBytes,
    defaults.maxResponseBytes,
    '--max-response-bytes',
  );

  const retries = parseCount(user.retries, defaults.retries, '--retries', 0, 10);
  const maxConcurrency = parseCount(
    user.maxConcurrency,
    defaults.maxConcurrency,
    '--max-concurrency',
    1,
    1024,
  );
  const maxQueue = parseCount(user.maxQueue, defaults.maxQueue, '--max-queue', 0, 100_000);
  const retryBudget = parseCount(user.retryBudget, defaults.retryBudget, '--retry-budget', 0, 100);
  const breakerFailures = parseCount(
    user.breakerFailures,
    defaults.breakerFailures,
    '--breaker-failures',
    0,
    1000,
  );
  const breakerCooldownSeconds = parsePositiveNumber(
    user.breakerCooldown,
    defaults.breakerCooldownSeconds,
    '--breaker-cooldown',
    'seconds',
  );

  const tools = user.tools ?? defaults.tools;
  if (!isToolMode(tools)) {
    throw new RuntimeOptionsError(
      '--tools',
      `--tools must be ${TOOL_MODES.map((mode) => `"${mode}"`).join(', ')}, got "${tools}"`,
    );
  }

  const detail = user.detail ?? defaults.detail;
  if (!isToolDetail(detail)) {
    throw new RuntimeOptionsError(
      '--detail',
      `--detail must be ${TOOL_DETAILS.map((value) => `"${value}"`).join(' or ')}, got "${detail}"`,
    );
  }

  const linkLocalUpstream = user.linkLocalUpstream ?? 'refuse';
  if (linkLocalUpstream !== 'refuse' && linkLocalUpstream !== 'allow') {
    throw new RuntimeOptionsError(
      '--link-local-upstream',
      `--link-local-upstream must be "refuse" or "allow", got "${linkLocalUpstream}"`,
    );
  }
  const shutdownGraceSeconds = parseNonNegativeNumber(
    user.shutdownGrace,
    defaults.shutdownGraceSeconds,
    '--shutdown-grace',
  );
  const maxRequestBytes = parsePositiveInteger(
    user.maxRequestBytes,
    defaults.maxRequestBytes,
    '--max-request-bytes',
  );
  const rateLimit =
    user.rateLimit === undefined || String(user.rateLimit).trim() === 'off'
      ? undefined
      : parsePositiveNumber(user.rateLimit, 0, '--rate-limit', 'requests per second');

  let upstreamCa: string | undefined;
  if (nonEmpty(user.upstreamCa) !== undefined) {
    try {
      upstreamCa = readUpstreamCa(user.upstreamCa as string);
    } catch (error) {
      throw new RuntimeOptionsError(
        '--upstream-ca',
        `--upstream-ca must be a PEM file of CA certificates: ${(error as Error).message}`,
      );
    }
  }

  const baseUrlEnv = `${envPrefix}_BASE_URL`;
  const baseUrl =
    nonEmpty(user.baseUrl) !== undefined
      ? checkBaseUrl(user.baseUrl as string, '--base-url')
      : nonEmpty(env[baseUrlEnv]) !== undefined
        ? checkBaseUrl(env[baseUrlEnv] as string, baseUrlEnv)
        : defaults.baseUrl !== undefined
          ? checkBaseUrl(defaults.baseUrl, '--base-url')
          : undefined;

  const tokenEnv = `${envPrefix}_HTTP_TOKEN`;
  const httpToken = nonEmpty(user.httpToken) ?? nonEmpty(env[tokenEnv]);
  if (httpToken !== undefined && !/^[\x21-\x7e]+$/.test(httpToken)) {
    // Never echo the value: it is a secret.
    const source = nonEmpty(user.httpToken) !== undefined ? '--http-token' : tokenEnv;
    throw new RuntimeOptionsError(source, `${source} must be printable ASCII without spaces`);
  }

  return {
    ...(baseUrl !== undefined && { baseUrl }),
    transport,
    host,
    port,
    ...(httpToken !== undefined && { httpToken }),
    envPrefix,
    env,
    timeoutMs: Math.round(timeoutSeconds * 1000),
    maxResponseBytes,
    tools,
    detail,
    retries,
    maxConcurrency,
    maxQueue,
    retryBudget,
    breakerFailures,
    breakerCooldownMs: Math.round(breakerCooldownSeconds * 1000),
    linkLocalUpstream,
    shutdownGraceMs: Math.round(shutdownGraceSeconds * 1000),
    maxRequestBytes,
    ...(rateLimit !== undefined && { rateLimit }),
    ...(upstreamCa !== undefined && { upstreamCa }),
  };
}

/** Validates `--env-prefix` alone (`inspect` and `gen` need it without the rest). */
export function resolveEnvPrefix(
  value: string | undefined,
  fallback: string = RUNTIME_DEFAULTS.envPrefix,
): string {
  const prefix = value ?? fallback;
  if (!ENV_PREFIX_PATTERN.test(prefix)) {
    throw new RuntimeOptionsError(
      '--env-prefix',
      `--env-prefix must match ^[A-Z][A-Z0-9_]*$, got "${prefix}"`,
    );
  }
  return prefix;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function checkBaseUrl(value: string, source: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new RuntimeOptionsError(source, `${source} must be an absolute http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RuntimeOptionsError(source, `${source} must be an absolute http(s) URL, got "${value}"`);
  }
  if (url.username !== '' || url.password !== '') {
    // Credentials in a URL end up in logs; they belong in the scheme variables.
    throw new RuntimeOptionsError(
      source,
      `${source} must not contain a user name or password; set credentials via env`,
    );
  }
  return value;
}

/** The two ways a flag's number is written: digits only, or any finite decimal. */
type NumberForm = 'whole' | 'decimal';

/**
 * `value` read as a number of `form` (`fallback` when absent) that `accepts`;
 * else the error every numeric flag gives: `<flag> must be <mustBe>, got "<value>"`.
 */
function parseNumberFlag(
  value: number | string | undefined,
  fallback: number,
  flag: string,
  form: NumberForm,
  accepts: (number: number) => boolean,
  mustBe: string,
): number {
  if (value === undefined) return fallback;
  const text = String(value).trim();
  const number =
    form === 'whole'
      ? /^\d+$/.test(text)
        ? Number(text)
        : Number.NaN
      : text === ''
        ? Number.NaN
        : Number(text);
  const valid = form === 'whole' ? Number.isSafeInteger(number) : Number.isFinite(number);
  if (!valid || !accepts(number))
    throw new RuntimeOptionsError(flag, `${flag} must be ${mustBe}, got "${value}"`);
  return number;
}

function parsePort(value: number | string | undefined, fallback: number): number {
  return parseNumberFlag(value, fallback, '--port', 'whole', (n) => n <= 65535, 'an integer from 0 to 65535');
}

function parsePositiveNumber(
  value: number | string | undefined,
  fallback: number,
  flag: string,
  unit: string,
): number {
  return parseNumberFlag(value, fallback, flag, 'decimal', (n) => n > 0, `a positive number of ${unit}`);
}

function parseCount(
  value: number | string | undefined,
  fallback: number,
  flag: string,
  min: number,
  max: number,
): number {
  return parseNumberFlag(
    value,
    fallback,
    flag,
    'whole',
    (n) => n >= min && n <= max,
    `a whole number from ${min} to ${max}`,
  );
}

function parseNonNegativeNumber(value: number | string | undefined, fallback: number, flag: string): number {
  return parseNumberFlag(value, fallback, flag, 'decimal', (n) => n >= 0, 'a number of seconds, 0 or more');
}

function parsePositiveInteger(value: number | string | undefined, fallback: number, flag: string): number {
  return parseNumberFlag(value, fallback, flag, 'whole', (n) => n > 0, 'a positive whole number of bytes');
}
