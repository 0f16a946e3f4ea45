/**
 * The run-time flags of a server, defined once: `openapi-mcp serve` builds its
 * yargs options from them and a generated server its `parseArgs` options and
 * `--help` text, so the two cannot offer different flags or describe them
 * differently.
 */
import { AUTO_BUDGET } from './choose-tool-mode.js';
import type { RuntimeDefaults, RuntimeUserOptions } from './resolve-runtime-options.js';

/** One `--flag VALUE` that sets a run-time option (every one takes a string). */
export interface ServerFlag {
  /** The flag without dashes, e.g. `base-url`. */
  name: string;
  /** The option it sets. */
  option: keyof RuntimeUserOptions;
  /** Placeholder for the value in usage text. */
  value: string;
  /** One line with the default; `prefix` is the env prefix as the reader should see it. */
  describe(defaults: RuntimeDefaults, prefix: string): string;
}

export const SERVER_FLAGS: readonly ServerFlag[] = [
  {
    name: 'base-url',
    option: 'baseUrl',
    value: 'URL',
    describe: (d, prefix) =>
      `upstream base URL (default: $${prefix}_BASE_URL, ${d.baseUrl ?? "else the spec's first server"})`,
  },
  {
    name: 'transport',
    option: 'transport',
    value: 'stdio|http',
    describe: (d) =>
      `stdio for desktop clients; http serves Streamable HTTP at /mcp (default: ${d.transport})`,
  },
  {
    name: 'host',
    option: 'host',
    value: 'HOST',
    describe: (d) => `HTTP: interface to bind (default: ${d.host})`,
  },
  {
    name: 'port',
    option: 'port',
    value: 'N',
    describe: (d) => `HTTP: port, 0 for any free one (default: ${d.port})`,
  },
  {
    name: 'http-token',
    option: 'httpToken',
    value: 'TOKEN',
    describe: (_d, prefix) => `HTTP: bearer token clients must send (default: $${prefix}_HTTP_TOKEN)`,
  },
  {
    name: 'env-prefix',
    option: 'envPrefix',
    value: 'PREFIX',
    describe: (d) => `prefix of environment variable names (default: ${d.envPrefix})`,
  },
  {
    name: 'timeout',
    option: 'timeout',
    value: 'SECONDS',
    describe: (d) => `upstream deadline per call in seconds (default: ${d.timeoutSeconds})`,
  },
  {
    name: 'max-response-bytes',
    option: 'maxResponseBytes',
    value: 'N',
    describe: (d) => `response bytes given to the model before truncation (default: ${d.maxResponseBytes})`,
  },
  {
    name: 'retries',
    option: 'retries',
    value: 'N',
    describe: (d) =>
      `retries of a safe upstream call (GET, HEAD, OPTIONS, PUT, DELETE; POST/PATCH with a declared Idempotency-Key) on 429/502/503/504 or a refused/reset connection, within the deadline; 0 turns them off (default: ${d.retries})`,
  },
  {
    name: 'max-concurrency',
    option: 'maxConcurrency',
    value: 'N',
    describe: (d) => `upstream calls in flight at once per origin (default: ${d.maxConcurrency})`,
  },
  {
    name: 'max-queue',
    option: 'maxQueue',
    value: 'N',
    describe: (d) =>
      `calls waiting for a turn per origin; more fail at once with an error (default: ${d.maxQueue})`,
  },
  {
    name: 'retry-budget',
    option: 'retryBudget',
    value: 'PERCENT',
    describe: (d) =>
      `retries to one origin per 100 first tries in the last 10 s, on top of 10 retries per 10 s; a retry past it is not sent (default: ${d.retryBudget})`,
  },
  {
    name: 'breaker-failures',
    option: 'breakerFailures',
    value: 'N',
    describe: (d) =>
      `failed calls to one origin in a row (429/502/503/504, no connection, no answer; a call's retries count once) that open its circuit: calls then fail fast until the cool-down ends; 0 turns the breaker off (default: ${d.breakerFailures})`,
  },
  {
    name: 'breaker-cooldown',
    option: 'breakerCooldown',
    value: 'SECONDS',
    describe: (d) =>
      `how long an open circuit fails calls fast (longer if the upstream's Retry-After asks, up to 300 s) before one probe call goes through (default: ${d.breakerCooldownSeconds})`,
  },
  {
    name: 'tools',
    option: 'tools',
    value: 'MODE',
    describe: (d) =>
      `tool mode: all (a tool per operation), discovery (search/describe/call meta-tools) or auto (discovery past ${AUTO_BUDGET.maxTools} tools or ${AUTO_BUDGET.maxBytes / 1024} KiB of tool list) (default: ${d.tools})`,
  },
  {
    name: 'detail',
    option: 'detail',
    value: 'compact|full',
    describe: (d) =>
      `compact: descriptions cut, no examples, output schemas reduced to their shape; full: all the spec gives (default: ${d.detail})`,
  },
  {
    name: 'link-local-upstream',
    option: 'linkLocalUpstream',
    value: 'refuse|allow',
    describe: () =>
      'a spec-chosen upstream at a link-local or cloud-metadata address (169.254.0.0/16, fe80::/10, fd00:ec2::254...), checked after DNS: refuse or allow; --base-url is never checked (default: refuse)',
  },
  {
    name: 'upstream-ca',
    option: 'upstreamCa',
    value: 'FILE',
    describe: () =>
      "PEM file of CA certificates to trust for upstream TLS besides Node's bundled roots; verification stays on (default: none)",
  },
  // Lifecycle and HTTP endpoint limits (issue 9).
  {
    name: 'shutdown-grace',
    option: 'shutdownGrace',
    value: 'SECONDS',
    describe: (d) =>
      `on SIGINT/SIGTERM or the end of stdin, how long calls in flight may finish before they are cancelled (default: ${d.shutdownGraceSeconds})`,
  },
  {
    name: 'max-request-bytes',
    option: 'maxRequestBytes',
    value: 'N',
    describe: (d) => `HTTP: largest MCP request body; larger ones get 413 (default: ${d.maxRequestBytes})`,
  },
  {
    name: 'rate-limit',
    option: 'rateLimit',
    value: 'N',
    describe: () =>
      'HTTP: requests per second per client (bearer token, else address), bursts of N; past it 429 with Retry-After (default: off)',
  },
];

/** The run-time options among parsed flags (keyed by dashed name, as yargs and `parseArgs` both give them). */
export function readServerFlags(values: Readonly<Record<string, unknown>>): RuntimeUserOptions {
  const user: Record<string, string> = {};
  for (const flag of SERVER_FLAGS) {
    const value = values[flag.name];
    if (typeof value === 'string') user[flag.option] = value;
  }
  return user;
}
