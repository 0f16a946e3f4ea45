/**
 * The command line of a standalone server (every generated project's entry
 * calls this): argv → `node:util` `parseArgs` → `resolveRuntimeOptions` →
 * {@link runServer}. The flags and usage text are `openapi-mcp serve`'s
 * run-time flags, so both accept and refuse the same values with the same
 * messages and exit codes (2 for a bad command line or option).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ApiModel } from '../model/types.js';
import { ExitCode, toExitCode } from './exit-code.js';
import { formatError } from './format-error.js';
import { createProcessIo, type ProgramIo } from './program-io.js';
import {
  RUNTIME_DEFAULTS,
  type RuntimeDefaults,
  type RuntimeUserOptions,
  resolveRuntimeOptions,
} from './resolve-runtime-options.js';
import { runServer, type ServeExtras } from './run-server.js';
import type { RunningServer } from './serve.js';
import { UsageError } from './usage-error.js';

/** What a generated entry bakes in. */
export interface ServerCli {
  /** Program name in usage and messages (the project's npm name). */
  name: string;
  /** Defaults `gen` was given; flags and environment variables override them. */
  defaults?: Partial<RuntimeDefaults>;
  /** The model file (`api-model.json`), read at run time: no spec text is ever compiled as code. */
  model: URL;
  /** Passed to `serve()` as they are. */
  extra?: ServeExtras;
}

const FLAGS = {
  'base-url': { type: 'string' },
  transport: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  'http-token': { type: 'string' },
  'env-prefix': { type: 'string' },
  timeout: { type: 'string' },
  'max-response-bytes': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Flag → option, for the string flags. */
const OPTION_OF: ReadonlyArray<readonly [keyof typeof FLAGS, keyof RuntimeUserOptions]> = [
  ['base-url', 'baseUrl'],
  ['transport', 'transport'],
  ['host', 'host'],
  ['port', 'port'],
  ['http-token', 'httpToken'],
  ['env-prefix', 'envPrefix'],
  ['timeout', 'timeout'],
  ['max-response-bytes', 'maxResponseBytes'],
];

/**
 * Parses `io.argv` and runs the server. Resolves once it is serving (to the
 * running server) or done (`--help`, or a failure reported on stderr with its
 * code and the exit code set); never rejects.
 */
export async function runServerCli(
  cli: ServerCli,
  io: ProgramIo = createProcessIo(),
): Promise<RunningServer | undefined> {
  const { name } = cli;
  const defaults: RuntimeDefaults = { ...RUNTIME_DEFAULTS, ...cli.defaults };
  const fail = (error: unknown): undefined => {
    for (const line of formatError(name, error)) io.writeErr(line);
    io.setExitCode(toExitCode(error));
    return undefined;
  };

  let values: ReturnType<typeof parseArgs<{ options: typeof FLAGS }>>['values'];
  try {
    ({ values } = parseArgs({ args: [...io.argv], options: FLAGS, strict: true, allowPositionals: false }));
  } catch (error) {
    return fail(new UsageError(error instanceof Error ? error.message : String(error)));
  }
  if (values.help) {
    io.writeOut(renderUsage(name, defaults));
    io.setExitCode(ExitCode.OK);
    return undefined;
  }

  const user: RuntimeUserOptions = {};
  for (const [flag, option] of OPTION_OF) {
    const value = values[flag];
    if (typeof value === 'string') Object.assign(user, { [option]: value });
  }
  let options: ReturnType<typeof resolveRuntimeOptions>;
  try {
    options = resolveRuntimeOptions(user, io.env, defaults);
  } catch (error) {
    return fail(error);
  }

  return runServer(
    {
      name,
      options,
      loadModel: () => JSON.parse(readFileSync(cli.model, 'utf8')) as ApiModel,
      ...(cli.extra !== undefined && { extra: cli.extra }),
    },
    io,
  );
}

/** `--help`: the flags with this server's defaults. */
export function renderUsage(name: string, defaults: RuntimeDefaults): string {
  const prefix = defaults.envPrefix;
  return `Usage: ${name} [options]

Serves the operations of the API as MCP tools over stdio (default) or Streamable HTTP.

Options:
  --base-url URL            upstream base URL (default: $${prefix}_BASE_URL, ${defaults.baseUrl ?? "else the spec's first server"})
  --transport stdio|http    stdio for desktop clients; http serves Streamable HTTP at /mcp (default: ${defaults.transport})
  --host HOST               HTTP: interface to bind (default: ${defaults.host})
  --port N                  HTTP: port, 0 for any free one (default: ${defaults.port})
  --http-token TOKEN        HTTP: bearer token clients must send (default: $${prefix}_HTTP_TOKEN)
  --env-prefix PREFIX       prefix of environment variable names (default: ${prefix})
  --timeout SECONDS         upstream deadline per call (default: ${defaults.timeoutSeconds})
  --max-response-bytes N    response bytes given to the model before truncation (default: ${defaults.maxResponseBytes})
  -h, --help                show this help
`;
}
