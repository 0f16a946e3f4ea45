/**
 * User options → resolved options, validated once at this boundary. Inside the
 * library options are trusted. Messages name the command-line flag, since the
 * CLI is how most people meet them.
 */
import { OptionsError } from './errors.js';
import type { Env } from './runtime/types.js';

/** Options of `openapi-mcp serve` as a user gives them; strings are accepted where argv gives strings. */
export interface UserOptions {
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
   * Folder local `$ref`s may read from.
   * @default the current directory when the spec lies inside it, else the spec's folder
   */
  refRoot?: string;
  /**
   * Allow `$ref`s to URLs.
   * @default false
   */
  allowRemoteRefs?: boolean;
}

/** Options after defaults and validation: what `serve` (minus the log and server identity) needs. */
export interface ResolvedServeOptions {
  readonly baseUrl?: string;
  readonly transport: 'stdio' | 'http';
  readonly host: string;
  readonly port: number;
  readonly httpToken?: string;
  readonly envPrefix: string;
  readonly env: Env;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly refRoot?: string;
  readonly allowRemoteRefs: boolean;
}

/** @see UserOptions for each default. */
export const DEFAULTS = {
  envPrefix: 'OPENAPI_MCP',
  timeoutSeconds: 30,
  maxResponseBytes: 1024 * 1024,
  transport: 'stdio',
  host: '127.0.0.1',
  port: 3000,
} as const;

const ENV_PREFIX_PATTERN = /^[A-Z][A-Z0-9_]*$/;

/**
 * Fills defaults and validates every option; throws {@link OptionsError}
 * naming the flag (or environment variable) at fault.
 */
export function resolveServeOptions(user: UserOptions, env: Env): ResolvedServeOptions {
  const envPrefix = resolveEnvPrefix(user.envPrefix);
  const transport = user.transport ?? DEFAULTS.transport;
  if (transport !== 'stdio' && transport !== 'http') {
    throw new OptionsError('--transport', `--transport must be "stdio" or "http", got "${transport}"`);
  }
  const host = user.host ?? DEFAULTS.host;
  if (host.trim() === '' || /[\s/]/.test(host)) {
    throw new OptionsError('--host', `--host must be a host name or IP address, got "${host}"`);
  }
  const port = parsePort(user.port);
  const timeoutSeconds = parsePositiveNumber(user.timeout, DEFAULTS.timeoutSeconds, '--timeout', 'seconds');
  const maxResponseBytes = parsePositiveInteger(
    user.maxResponseBytes,
    DEFAULTS.maxResponseBytes,
    '--max-response-bytes',
  );

  const baseUrlEnv = `${envPrefix}_BASE_URL`;
  const baseUrl =
    nonEmpty(user.baseUrl) !== undefined
      ? checkBaseUrl(user.baseUrl as string, '--base-url')
      : nonEmpty(env[baseUrlEnv]) !== undefined
        ? checkBaseUrl(env[baseUrlEnv] as string, baseUrlEnv)
        : undefined;

  const tokenEnv = `${envPrefix}_HTTP_TOKEN`;
  const httpToken = nonEmpty(user.httpToken) ?? nonEmpty(env[tokenEnv]);
  if (httpToken !== undefined && !/^[\x21-\x7e]+$/.test(httpToken)) {
    // Never echo the value: it is a secret.
    const source = nonEmpty(user.httpToken) !== undefined ? '--http-token' : tokenEnv;
    throw new OptionsError(source, `${source} must be printable ASCII without spaces`);
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
    ...(user.refRoot !== undefined && { refRoot: user.refRoot }),
    allowRemoteRefs: user.allowRemoteRefs ?? false,
  };
}

/** Validates `--env-prefix` alone (inspect needs it without the serve options). */
export function resolveEnvPrefix(value: string | undefined): string {
  const prefix = value ?? DEFAULTS.envPrefix;
  if (!ENV_PREFIX_PATTERN.test(prefix)) {
    throw new OptionsError('--env-prefix', `--env-prefix must match ^[A-Z][A-Z0-9_]*$, got "${prefix}"`);
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
    throw new OptionsError(source, `${source} must be an absolute http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OptionsError(source, `${source} must be an absolute http(s) URL, got "${value}"`);
  }
  if (url.username !== '' || url.password !== '') {
    // Credentials in a URL end up in logs; they belong in the scheme variables.
    throw new OptionsError(
      source,
      `${source} must not contain a user name or password; set credentials via env`,
    );
  }
  return value;
}

function parsePort(value: number | string | undefined): number {
  if (value === undefined) return DEFAULTS.port;
  const text = String(value).trim();
  const port = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new OptionsError('--port', `--port must be an integer from 0 to 65535, got "${value}"`);
  }
  return port;
}

function parsePositiveNumber(
  value: number | string | undefined,
  fallback: number,
  flag: string,
  unit: string,
): number {
  if (value === undefined) return fallback;
  const text = String(value).trim();
  const number = text === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(number) || number <= 0) {
    throw new OptionsError(flag, `${flag} must be a positive number of ${unit}, got "${value}"`);
  }
  return number;
}

function parsePositiveInteger(value: number | string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const text = String(value).trim();
  const number = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(number) || number <= 0) {
    throw new OptionsError(flag, `${flag} must be a positive whole number of bytes, got "${value}"`);
  }
  return number;
}
