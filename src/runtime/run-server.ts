/**
 * The server program, the same for `openapi-mcp serve` and every generated
 * server: start the transport, load the model meanwhile, print the environment
 * variables it reads (names only), serve its tools, close gracefully on
 * SIGINT/SIGTERM (stop accepting, let calls in flight finish within
 * `--shutdown-grace`, cancel the rest), and set the exit code. Neither the CLI
 * nor a generated entry re-implements any of it.
 *
 * Exit codes: 0 after a graceful close (calls cut off at the end of the grace
 * period included: the shutdown went as configured); 130 (SIGINT) or 143
 * (SIGTERM) for a signal before the server runs, a second signal, or a close
 * that hangs past the grace period and {@link CLOSE_SLACK_MS}; 1 when the model
 * cannot be loaded or the server cannot start (and 2 for bad options, decided
 * before this program runs: see `toExitCode`).
 */
import type { ApiModel } from '../model/types.js';
import { ExitCode, toExitCode } from './exit-code.js';
import { formatError } from './format-error.js';
import { formatServerEnv, toServerEnvState } from './format-server-env.js';
import { listServerEnv } from './list-server-env.js';
import { createProcessIo, type ProgramIo, type StopSignal } from './program-io.js';
import type { ResolvedRuntimeOptions } from './resolve-runtime-options.js';
import { type ModelPreview, type RunningServer, type ServeOptions, serve } from './serve.js';

/** How long the transport stays open after the model failed to load, answering tool requests with the error. */
const LOAD_FAILURE_LINGER_MS = 250;

/** How long past the grace period a close may still take (cancelling, closing sockets) before the program exits anyway. */
export const CLOSE_SLACK_MS = 5_000;

/**
 * The {@link ServeOptions} a program passes through to `serve()` unchanged:
 * every field that is neither a resolved run-time option nor set here.
 */
export type ServeExtras = Partial<
  Omit<ServeOptions, keyof ResolvedRuntimeOptions | 'log' | 'serverName' | 'serverVersion' | 'programName'>
>;

/** Told that a start-up step (`read`, `parse`, `build`, `compile`, ...) ended, and how long it took. */
export type StepReporter = (step: string, ms: number) => void;

/** What {@link runServer} runs. */
export interface ServerProgram {
  /**
   * The program name that starts every line it prints (`openapi-mcp`, or the
   * generated project's name); also the server name announced to clients,
   * because `initialize` is answered before the model (and its title) exists.
   */
  name: string;
  /**
   * The server version announced to clients (openapi-mcp's, or the generated project's).
   * @default '0.0.0'
   */
  version?: string;
  /** Options resolved by `resolveRuntimeOptions` (bad ones never get this far). */
  options: ResolvedRuntimeOptions;
  /**
   * Gets the model. Runs after the signal handlers are installed and the
   * transport has started (clients are answered while it runs); a signal while
   * a large spec loads still ends the program at once with 130/143. A loader
   * that knows the model's size before the model (a cache header) tells
   * `preview`, so that `tools/list` in discovery mode need not wait.
   */
  loadModel(onStep: StepReporter, preview?: (preview: ModelPreview) => void): ApiModel | Promise<ApiModel>;
  /**
   * Print each start-up step with its time on stderr.
   * @default `io.stderrIsTerminal`
   */
  showProgress?: boolean;
  /** Passed to `serve()` as they are. */
  extra?: ServeExtras;
  /**
   * Prints an error and returns its exit code.
   * @default `<name>: <CODE>: <message>` on stderr, see `formatError`
   */
  reportError?: (error: unknown) => number;
  /**
   * How long a close may take in all before the program exits with 130/143.
   * @default `options.shutdownGraceMs` + {@link CLOSE_SLACK_MS}
   */
  closeGraceMs?: number;
}

/**
 * Runs `program` until it is serving: resolves to the running server, or to
 * `undefined` when it could not start (the error is reported and the exit
 * code set). Never rejects. The signal handlers stay installed while the
 * server runs (they keep nothing alive) and are removed when it could not
 * start or once a signal has closed it.
 */
export async function runServer(
  program: ServerProgram,
  io: ProgramIo = createProcessIo(),
): Promise<RunningServer | undefined> {
  const { name, options } = program;
  const graceMs = program.closeGraceMs ?? options.shutdownGraceMs + CLOSE_SLACK_MS;
  const report =
    program.reportError ??
    ((error: unknown): number => {
      for (const line of formatError(name, error)) io.writeErr(line);
      return toExitCode(error);
    });

  let running: RunningServer | undefined;
  let loaded = false;
  let stopping = false;
  // Installed before anything runs: a server logs its address before serve()
  // returns, and a signal in that window must not be lost.
  const unsubscribe = io.onSignal((signal: StopSignal) => {
    const code = signal === 'SIGINT' ? ExitCode.SIGINT : ExitCode.SIGTERM;
    if (stopping || running === undefined || !loaded) {
      // Nothing to close yet, still loading, or a second signal: the user means it.
      io.exit(code);
      return;
    }
    stopping = true;
    io.writeErr(
      `${name}: ${signal}: no longer accepting requests; calls in flight have ${options.shutdownGraceMs / 1000} s to finish`,
    );
    setTimeout(() => {
      io.writeErr(`${name}: could not close within ${graceMs / 1000} s; exiting`);
      io.exit(code);
    }, graceMs).unref();
    running.close().then(
      () => {
        io.setExitCode(ExitCode.OK);
        unsubscribe();
      },
      (error: unknown) => {
        io.setExitCode(report(error));
        unsubscribe();
      },
    );
  });

  // Started on the next turn, so a loader that blocks (a synchronous
  // JSON.parse of a large model) runs only once the transport listens.
  const onStep: StepReporter =
    (program.showProgress ?? io.stderrIsTerminal ?? false)
      ? (step, ms) => io.writeErr(`${name}: ${step} ${Math.round(ms)} ms`)
      : () => {};
  let announce: (preview: ModelPreview) => void = () => {};
  const preview = new Promise<ModelPreview>((resolve) => {
    announce = resolve;
  });
  const model = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
    program.loadModel(onStep, announce),
  );
  try {
    running = await serve(model, {
      ...options,
      ...program.extra,
      log: io.writeErr,
      serverName: name,
      serverVersion: program.version ?? '0.0.0',
      programName: name,
      onStep,
      preview,
    });
  } catch (error) {
    // The transport could not start; the load it raced is moot.
    model.catch(() => {});
    io.setExitCode(report(error));
    unsubscribe();
    return undefined;
  }

  try {
    const ready = await model;
    await running.ready;
    loaded = true;
    const vars = listServerEnv(ready, options.envPrefix, { transport: options.transport });
    io.writeErr(`${name}: environment variables read (values are never printed):`);
    for (const line of formatServerEnv(toServerEnvState(vars, options.env))) io.writeErr(line);
    const count = running.toolCount;
    const discovery =
      running.toolMode === 'discovery' ? ` (discovery mode over ${running.operationCount} operations)` : '';
    io.writeErr(
      `${name}: serving ${count} tool${count === 1 ? '' : 's'}${discovery} from "${ready.info.title}" ${ready.info.version} over ${options.transport}`,
    );
    return running;
  } catch (error) {
    io.setExitCode(report(error));
    unsubscribe();
    // Clients waiting for tools have their error: let those answers go out,
    // and a client that has just connected ask, before the transport closes
    // and the program ends with its code.
    await new Promise((resolve) => setTimeout(resolve, LOAD_FAILURE_LINGER_MS));
    await running.close().catch(() => {});
    return undefined;
  }
}
