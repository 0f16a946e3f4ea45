/** `openapi-mcp gen <spec>`: load, build, write a standalone MCP server project. */
import { relative } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import type { CliContext } from '../context.js';
import { formatDiagnosticsSummary } from '../report.js';
import { readSelectionArgs, type SpecArgs, withSpecOptions } from '../spec-options.js';

interface GenArgs extends SpecArgs {
  out?: string;
  name?: string;
  force?: boolean;
  envPrefix?: string;
  baseUrl?: string;
  timeout?: string;
  maxResponseBytes?: string;
  tools?: string;
  detail?: string;
}

/** The `gen` command module, bound to `ctx`. */
export function genCommand(ctx: CliContext): CommandModule<object, GenArgs> {
  return {
    command: 'gen <spec>',
    describe: 'Generate a standalone MCP server project (TypeScript) for an OpenAPI spec',
    builder: (yargs: Argv) =>
      withSpecOptions(yargs)
        .options({
          out: { type: 'string', describe: 'Output folder (default: generated/<name>)' },
          name: {
            type: 'string',
            describe: 'npm package name of the project (default: a slug of the spec title)',
          },
          force: {
            type: 'boolean',
            describe: 'Write into a folder openapi-mcp did not generate (its other files stay)',
          },
          'env-prefix': {
            type: 'string',
            describe: 'Prefix of environment variable names (default: <NAME> in UPPER_SNAKE)',
          },
          'base-url': { type: 'string', describe: 'Default upstream base URL baked into the project' },
          timeout: { type: 'string', describe: 'Default upstream deadline per call, seconds (default: 30)' },
          'max-response-bytes': {
            type: 'string',
            describe: 'Default response bytes given to the model (default: 1048576)',
          },
          tools: {
            type: 'string',
            describe: 'Default tool mode baked into the project: all, discovery or auto (default: auto)',
          },
          detail: {
            type: 'string',
            describe: 'Default tool detail baked into the project: compact or full (default: compact)',
          },
        })
        .example('$0 gen petstore.yaml', 'writes generated/<title slug>/')
        .example('$0 gen library.json --name library --out ./library-mcp', 'env vars LIBRARY_*')
        .strict() as unknown as Argv<GenArgs>,
    handler: async (args) => {
      await runGen(args, ctx);
    },
  };
}

async function runGen(args: GenArgs, ctx: CliContext): Promise<void> {
  const { output } = ctx;
  // Loaded on demand: the templates and Handlebars would delay every `serve` start.
  const { generate } = await import('../../commands/generate.js');
  const result = await generate(args.spec, {
    cwd: ctx.cwd,
    ...(args.out !== undefined && { out: args.out }),
    ...(args.name !== undefined && { name: args.name }),
    ...(args.force !== undefined && { force: args.force }),
    ...(args.envPrefix !== undefined && { envPrefix: args.envPrefix }),
    ...(args.baseUrl !== undefined && { baseUrl: args.baseUrl }),
    ...(args.timeout !== undefined && { timeout: args.timeout }),
    ...(args.maxResponseBytes !== undefined && { maxResponseBytes: args.maxResponseBytes }),
    ...(args.tools !== undefined && { tools: args.tools }),
    ...(args.detail !== undefined && { detail: args.detail }),
    ...(args.refRoot !== undefined && { refRoot: args.refRoot }),
    ...(args.allowRemoteRefs !== undefined && { allowRemoteRefs: args.allowRemoteRefs }),
    ...readSelectionArgs(args),
    ...(args.maxSpecSize !== undefined && { maxSpecBytes: args.maxSpecSize }),
  });
  for (const line of formatDiagnosticsSummary(result.diagnostics, args.verbose ?? false)) output.err(line);
  const shown = relative(ctx.cwd, result.outDir) || '.';
  const count = result.model.operations.length;
  output.err(
    `openapi-mcp: wrote ${result.written.length} files to ${shown} (${count} tool${count === 1 ? '' : 's'}, env prefix ${result.envPrefix})`,
  );
  if (result.removed.length > 0) {
    output.err(`openapi-mcp: removed ${result.removed.length} stale file(s): ${result.removed.join(', ')}`);
  }
  if (result.overwritten.length > 0) {
    output.err(`openapi-mcp: --force overwrote edited file(s): ${result.overwritten.join(', ')}`);
  }
  if (result.kept.length > 0) output.err(`openapi-mcp: kept your ${result.kept.join(', ')} as it is`);
  for (const note of result.notes) output.err(`openapi-mcp: note: ${note}`);
  output.err(`next: cd ${shown} && npm install && npm run build && npm start`);
}
