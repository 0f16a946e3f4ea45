/** `openapi-mcp serve <spec>`: flags → options → the runtime's server program over the loaded spec. */
import type { Argv, CommandModule } from 'yargs';
import { loadModel } from '../../commands/load-model.js';
import { resolveServeOptions } from '../../options.js';
import { createProcessIo } from '../../runtime/program-io.js';
import { runServer } from '../../runtime/run-server.js';
import type { CliContext } from '../context.js';
import { formatDiagnosticsSummary, reportError } from '../report.js';
import { type SpecArgs, withSpecOptions } from '../spec-options.js';

interface ServeArgs extends SpecArgs {
  baseUrl?: string;
  transport?: string;
  host?: string;
  port?: string;
  httpToken?: string;
  envPrefix?: string;
  timeout?: string;
  maxResponseBytes?: string;
}

/** The `serve` command module, bound to `ctx`. */
export function serveCommand(ctx: CliContext): CommandModule<object, ServeArgs> {
  return {
    command: 'serve <spec>',
    describe: 'Serve the operations of an OpenAPI spec as MCP tools (stdio or Streamable HTTP)',
    builder: (yargs: Argv) =>
      withSpecOptions(yargs)
        .options({
          'base-url': {
            type: 'string',
            describe: 'Upstream base URL (default: the spec servers, or $<PREFIX>_BASE_URL)',
          },
          transport: { type: 'string', describe: 'stdio | http (default: stdio)' },
          host: { type: 'string', describe: 'HTTP: interface to bind (default: 127.0.0.1)' },
          port: { type: 'string', describe: 'HTTP: port, 0 for any free one (default: 3000)' },
          'http-token': {
            type: 'string',
            describe: 'HTTP: bearer token clients must send (default: $<PREFIX>_HTTP_TOKEN)',
          },
          'env-prefix': {
            type: 'string',
            describe: 'Prefix of environment variable names (default: OPENAPI_MCP)',
          },
          timeout: { type: 'string', describe: 'Upstream deadline per call, seconds (default: 30)' },
          'max-response-bytes': {
            type: 'string',
            describe: 'Response bytes given to the model before truncation (default: 1048576)',
          },
        })
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
      ...(args.baseUrl !== undefined && { baseUrl: args.baseUrl }),
      ...(args.transport !== undefined && { transport: args.transport }),
      ...(args.host !== undefined && { host: args.host }),
      ...(args.port !== undefined && { port: args.port }),
      ...(args.httpToken !== undefined && { httpToken: args.httpToken }),
      ...(args.envPrefix !== undefined && { envPrefix: args.envPrefix }),
      ...(args.timeout !== undefined && { timeout: args.timeout }),
      ...(args.maxResponseBytes !== undefined && { maxResponseBytes: args.maxResponseBytes }),
      ...(args.refRoot !== undefined && { refRoot: args.refRoot }),
      ...(args.allowRemoteRefs !== undefined && { allowRemoteRefs: args.allowRemoteRefs }),
    },
    ctx.env,
  );
  // The runtime's server program, the one every generated server runs too.
  await runServer(
    {
      name: 'openapi-mcp',
      options: resolved,
      loadModel: async () => {
        const { model, diagnostics } = await loadModel(args.spec, {
          cwd: ctx.cwd,
          allowRemoteRefs: resolved.allowRemoteRefs,
          // The schema check costs ~0.2 s of start-up; `inspect` and `gen` report it.
          validate: false,
          ...(resolved.refRoot !== undefined && { refRoot: resolved.refRoot }),
        });
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
