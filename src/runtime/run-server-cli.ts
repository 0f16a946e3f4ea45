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
import { RUNTIME_DEFAULTS, type RuntimeDefaults, resolveRuntimeOptions } from './resolve-runtime-options.js';
import { runServer, type ServeExtras } from './run-server.js';
import type { RunningServer } from './serve.js';
import { readServerFlags, SERVER_FLAGS } from './server-flags.js';
import { UsageError } from './usage-error.js';

/** What a generated entry bakes in. */
export interface ServerCli {
  /** Program name in usage and messages (the project's npm name); also the server name clients see. */
  name: string;
  /**
   * The server version clients see (the project's package version).
   * @default '0.0.0'
   */
  version?: string;
  /** Defaults `gen` was given; flags and environment variables override them. */
  defaults?: Partial<RuntimeDefaults>;
  /** The model file (`api-model.json`), read at run time: no spec text is ever compiled as code. */
  model: URL;
  /** Passed to `serve()` as they are. */
  extra?: ServeExtras;
}

const PARSE_OPTIONS = {
  ...Object.fromEntries(SERVER_FLAGS.map((flag) => [flag.name, { type: 'string' as const }])),
  help: { type: 'boolean', short: 'h' },
} as const;

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

  let values: Record<string, string | boolean | Array<string | boolean> | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...io.argv],
      options: PARSE_OPTIONS,
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return fail(new UsageError(error instanceof Error ? error.message : String(error)));
  }
  if (values.help) {
    io.writeOut(renderUsage(name, defaults));
    io.setExitCode(ExitCode.OK);
    return undefined;
  }

  let options: ReturnType<typeof resolveRuntimeOptions>;
  try {
    options = resolveRuntimeOptions(readServerFlags(values), io.env, defaults);
  } catch (error) {
    return fail(error);
  }

  return runServer(
    {
      name,
      ...(cli.version !== undefined && { version: cli.version }),
      options,
      loadModel: (onStep) => {
        let started = performance.now();
        const text = readFileSync(cli.model, 'utf8');
        onStep('read', performance.now() - started);
        started = performance.now();
        const model = JSON.parse(text) as ApiModel;
        onStep('parse', performance.now() - started);
        return model;
      },
      ...(cli.extra !== undefined && { extra: cli.extra }),
    },
    io,
  );
}

/** `--help`: the flags with this server's defaults. */
export function renderUsage(name: string, defaults: RuntimeDefaults): string {
  const flags = [
    ...SERVER_FLAGS.map((flag) => [
      `--${flag.name} ${flag.value}`,
      flag.describe(defaults, defaults.envPrefix),
    ]),
    ['-h, --help', 'show this help'],
  ];
  return `Usage: ${name} [options]

Serves the operations of the API as MCP tools over stdio (default) or Streamable HTTP.

Options:
${flags.map(([flag, text]) => `  ${(flag ?? '').padEnd(24)}  ${text}\n`).join('')}`;
}
