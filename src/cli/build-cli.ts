/** The yargs program; no side effects at import, never exits the process. */
import { readFileSync } from 'node:fs';
import yargs, { type Argv } from 'yargs';
import { UsageError } from '../errors.js';
import { genCommand } from './commands/gen.js';
import { inspectCommand } from './commands/inspect.js';
import { serveCommand } from './commands/serve.js';
import type { CliContext } from './context.js';
import { createConsoleOutput } from './report.js';

/**
 * Builds the `openapi-mcp` command line. Usage errors (unknown flag, missing
 * spec) reject `parseAsync` with a {@link UsageError} (exit code 2); command
 * failures reject with the command's own error.
 */
export function buildCli(context: Partial<CliContext> = {}): Argv {
  const ctx: CliContext = {
    env: context.env ?? {},
    cwd: context.cwd ?? process.cwd(),
    output: context.output ?? createConsoleOutput(),
    ...(context.process !== undefined && { process: context.process }),
  };
  return yargs()
    .scriptName('openapi-mcp')
    .usage('$0 <command> [options]\n\nTurn an OpenAPI spec into an MCP server.')
    .command(serveCommand(ctx))
    .command(inspectCommand(ctx))
    .command(genCommand(ctx))
    .demandCommand(1, 'Name a command: serve, inspect or gen.')
    .recommendCommands()
    .strict()
    .help()
    .alias('h', 'help')
    .version(readVersion())
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

/** openapi-mcp's own version, from its package.json. */
export function readVersion(): string {
  // src/cli/ and dist/cli/ both sit two levels below package.json.
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  const version = (JSON.parse(text) as { version?: unknown }).version;
  return typeof version === 'string' ? version : '0.0.0';
}
