#!/usr/bin/env node
/** The `openapi-mcp` binary: argv in, exit code out. Signals close a running server. */
import type { RunningServer } from '../runtime/serve.js';
import { buildCli } from './build-cli.js';
import { createConsoleOutput, ExitCode, reportError } from './report.js';

/** How long a graceful close may take after SIGINT/SIGTERM before we exit anyway. */
const CLOSE_GRACE_MS = 10_000;

const output = createConsoleOutput();
let running: RunningServer | undefined;
let stopping = false;

// Installed before anything runs: a server logs its address before the
// command returns it, and a signal in that window must not be lost.
function onSignal(signal: NodeJS.Signals): void {
  const code = signal === 'SIGINT' ? 130 : 143;
  if (stopping || running === undefined) {
    // Nothing to close yet, or a second signal: the user means it.
    process.exit(code);
  }
  stopping = true;
  setTimeout(() => {
    output.err('openapi-mcp: could not close in time; exiting');
    process.exit(code);
  }, CLOSE_GRACE_MS).unref();
  running.close().then(
    () => {
      process.exitCode = ExitCode.OK;
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
    (error: unknown) => {
      process.exitCode = reportError(error, output);
    },
  );
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

try {
  const cli = buildCli({
    env: process.env,
    cwd: process.cwd(),
    output,
    onRunning: (server) => {
      running = server;
    },
  });
  await cli.parseAsync(process.argv.slice(2));
} catch (error) {
  process.exitCode = reportError(error, output);
}
// A command that is not serving is done: drop the handlers so nothing lingers.
if (running === undefined) {
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
}
