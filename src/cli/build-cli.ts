/** The yargs program; no side effects at import, never exits the process. */
import yargs, { type Argv, type CommandModule } from 'yargs';
import { readPackageVersion } from '../commands/package-version.js';
import { UsageError } from '../errors.js';
import { genCommand } from './commands/gen.js';
import { inspectCommand } from './commands/inspect.js';
import { serveCommand } from './commands/serve.js';
import type { CliContext } from './context.js';
import { createConsoleOutput } from './report.js';

/** The `openapi-mcp` command line. */
export interface Cli {
  /** Parses `args` (argv without node and the script) and runs the command they name. */
  parseAsync(args: readonly string[]): Promise<unknown>;
}

/** Arguments that make yargs print instead of run (only before a `--`). */
const PRINTING_FLAGS: ReadonlySet<string> = new Set(['--help', '-h', '--version']);

/**
 * Builds the `openapi-mcp` command line. Usage errors (unknown flag, missing
 * spec) reject `parseAsync` with a {@link UsageError} (exit code 2); command
 * failures reject with the command's own error.
 *
 * A command line that names a command and asks for no help is parsed by a
 * program that has only that command, as its default: yargs renders a named
 * command's whole help text before running it (to print it should the
 * handler fail), which for `serve`'s forty flags was about 50 ms of every
 * start, and it skips that for a default command. Same flags, same checks,
 * same errors; help, version and a missing or unknown command go to the
 * program with every command.
 */
export function buildCli(context: Partial<CliContext> = {}): Cli {
  const ctx: CliContext = {
    env: context.env ?? {},
    cwd: context.cwd ?? process.cwd(),
    output: context.output ?? createConsoleOutput(),
    ...(context.process !== undefined && { process: context.process }),
  };
  // biome-ignore lint/suspicious/noExplicitAny: each command checks its own arguments' type
  const commands: CommandModule<object, any>[] = [serveCommand(ctx), inspectCommand(ctx), genCommand(ctx)];
  return {
    parseAsync(args) {
      const optionsEnd = args.indexOf('--');
      const printing = (optionsEnd === -1 ? args : args.slice(0, optionsEnd)).some((arg) =>
        PRINTING_FLAGS.has(arg),
      );
      const named = commands.find((command) => commandWords(command)[0] === args[0]);
      if (named !== undefined && !printing) {
        const asDefault = { ...named, command: ['$0', ...commandWords(named).slice(1)].join(' ') };
        return baseProgram().command(asDefault).parseAsync(args.slice(1));
      }
      return commands
        .reduce((program, command) => program.command(command), baseProgram())
        .usage('$0 <command> [options]\n\nTurn an OpenAPI spec into an MCP server.')
        .demandCommand(1, 'Name a command: serve, inspect or gen.')
        .recommendCommands()
        .parseAsync([...args]);
    },
  };
}

/** `serve <spec>` → `['serve', '<spec>']`. */
function commandWords(command: CommandModule<object, unknown>): string[] {
  return String(command.command).split(' ');
}

/** What both programs share: name, strictness, help, version, width and how a failure is thrown. */
function baseProgram(): Argv {
  return yargs()
    .scriptName('openapi-mcp')
    .strict()
    .help()
    .alias('h', 'help')
    .version(readPackageVersion())
    .wrap(Math.min(110, process.stdout.columns ?? 80))
    .exitProcess(false)
    .fail((message: string | undefined, error: Error | undefined) => {
      // yargs calls this both for its own validation (message set) and for
      // errors thrown by a command handler (error set): only the first is usage.
      if (error) throw error;
      throw new UsageError(describeUsageError(message ?? 'invalid command line'));
    });
}

/** yargs says "Unknown argument: foo"; name the flag the way it was typed. */
function describeUsageError(message: string): string {
  const unknown = /^Unknown arguments?: (.+)$/.exec(message);
  if (unknown?.[1]) {
    // yargs lists both spellings of a dashed flag (`bogus-flag, bogusFlag`).
    const typed = unknown[1].split(', ');
    const names = typed
      .filter((name) => !/[A-Z]/.test(name) || !typed.includes(toKebab(name)))
      .map((name) => (name.length === 1 ? `-${name}` : `--${name}`));
    return `unknown option${names.length > 1 ? 's' : ''} ${names.join(', ')}`;
  }
  if (/^Not enough non-option arguments/.test(message)) {
    return 'missing argument <spec>: name an OpenAPI file path or URL';
  }
  return message;
}

function toKebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
