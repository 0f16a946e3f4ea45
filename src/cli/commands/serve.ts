/** `openapi-mcp serve <spec>`: flags → options → the runtime's server program over the loaded spec. */
import type { Argv, CommandModule } from 'yargs';
import { readPackageVersion } from '../../commands/package-version.js';
import type { Diagnostic } from '../../diagnostics.js';
import type { ApiModel } from '../../model/types.js';
import { resolveModelCacheDir } from '../../options/model-cache-dir.js';
import { resolveServeOptions } from '../../options/serve-options.js';
import { createProcessIo } from '../../runtime/program-io.js';
import { RUNTIME_DEFAULTS } from '../../runtime/resolve-runtime-options.js';
import { runServer } from '../../runtime/run-server.js';
import { readServerFlags, SERVER_FLAGS } from '../../runtime/server-flags.js';
import type { CliContext } from '../context.js';
import { formatDiagnosticsSummary, reportError } from '../report.js';
import { readSelectionArgs, type SpecArgs, withSpecOptions } from '../spec-options.js';

/** The spec options, the model cache's, plus each of the runtime's server flags by its dashed name. */
type ServeArgs = SpecArgs & { cacheDir?: string; cache?: boolean } & Record<string, unknown>;

/** The `serve` command module, bound to `ctx`. */
export function serveCommand(ctx: CliContext): CommandModule<object, ServeArgs> {
  return {
    command: 'serve <spec>',
    describe: 'Serve the operations of an OpenAPI spec as MCP tools (stdio or Streamable HTTP)',
    builder: (yargs: Argv) =>
      withSpecOptions(yargs)
        .options({
          'cache-dir': {
            type: 'string',
            describe:
              'Folder of the built-model cache (default $XDG_CACHE_HOME/openapi-mcp/models, else ~/.cache/openapi-mcp/models)',
          },
          cache: {
            type: 'boolean',
            describe: 'Reuse the model built at an earlier start (--no-cache: build afresh, write nothing)',
          },
        })
        .options(
          Object.fromEntries(
            SERVER_FLAGS.map((flag) => [
              flag.name,
              { type: 'string', describe: capitalize(flag.describe(RUNTIME_DEFAULTS, '<PREFIX>')) },
            ]),
          ) as Record<string, { type: 'string'; describe: string }>,
        )
        .example(
          '$0 serve petstore.yaml --base-url https://petstore.example.com/v2',
          'stdio for a desktop client',
        )
        .example(
          '$0 serve petstore.yaml --transport http --port 3000',
          'Streamable HTTP on 127.0.0.1:3000/mcp',
        )
        .strict() as unknown as Argv<ServeArgs>,
    handler: async (args) => {
      await runServe(args, ctx);
    },
  };
}

async function runServe(args: ServeArgs, ctx: CliContext): Promise<void> {
  const { output } = ctx;
  // Options first: a typo in a flag should not wait for a large spec to load.
  const resolved = resolveServeOptions(
    {
      ...readServerFlags(args),
      ...(args.refRoot !== undefined && { refRoot: args.refRoot }),
      ...(args.allowRemoteRefs !== undefined && { allowRemoteRefs: args.allowRemoteRefs }),
      ...readSelectionArgs(args),
      ...(args.maxSpecSize !== undefined && { maxSpecBytes: args.maxSpecSize }),
      cwd: ctx.cwd,
    },
    ctx.env,
  );
  const cacheDir = resolveModelCacheDir(
    {
      ...(args.cacheDir !== undefined && { cacheDir: args.cacheDir }),
      ...(args.cache !== undefined && { cache: args.cache }),
    },
    ctx.env,
    ctx.cwd,
  );
  // The runtime's server program, the one every generated server runs too.
  await runServer(
    {
      name: 'openapi-mcp',
      version: readPackageVersion(),
      options: resolved,
      // --verbose shows the step times even when stderr is not a terminal.
      ...(args.verbose === true && { showProgress: true }),
      loadModel: async (onStep, preview) => {
        // The loader and model builder load after the transport listens: `initialize` need not wait for them.
        let loaded: { model: ApiModel; diagnostics: Diagnostic[] };
        if (cacheDir === undefined) {
          const { loadModel } = await import('../../commands/load-model.js');
          loaded = await loadModel(args.spec, resolved, onStep);
        } else {
          const { cachedLoadModel } = await import('../../commands/cached-load-model.js');
          loaded = await cachedLoadModel(
            args.spec,
            resolved,
            {
              dir: cacheDir,
              version: readPackageVersion(),
              warn: (line) => output.err(`openapi-mcp: ${line}`),
            },
            onStep,
            preview,
          );
        }
        const { model, diagnostics } = loaded;
        for (const line of formatDiagnosticsSummary(diagnostics, args.verbose ?? false)) output.err(line);
        return model;
      },
      reportError: (error) => reportError(error, output),
    },
    {
      ...(ctx.process ?? createProcessIo()),
      argv: [],
      env: ctx.env,
      writeOut: (text) => output.out(text),
      writeErr: (line) => output.err(line),
    },
  );
}

/** yargs help starts every description with a capital. */
function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
