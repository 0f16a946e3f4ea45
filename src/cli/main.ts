#!/usr/bin/env node
/** The `openapi-mcp` binary: argv in, exit code out. Signals close a running server. */
import type { RunningServer } from '../runtime/serve.js';
import { buildCli } from './build-cli.js';
import { createConsoleOutput, ExitCode, reportError } from './report.js';

/** How long a graceful close may take after SIGINT/SIGTERM before we exit anyway. */
const CLOSE_GRACE_MS = 10_000;

const output = createConsoleOutput();

function closeOnSignals(server: RunningServer): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      // Second signal: the user means it.
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }
    stopping = true;
    setTimeout(() => {
      output.err('openapi-mcp: could not close in time; exiting');
      process.exit(ExitCode.FAILURE);
    }, CLOSE_GRACE_MS).unref();
    server.close().then(
      () => {
        process.exitCode = ExitCode.OK;
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      },
      (error: unknown) => {
        process.exitCode = reportError(error, output);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

try {
  await buildCli({ env: process.env, cwd: process.cwd(), output, onRunning: closeOnSignals }).parseAsync(
    process.argv.slice(2),
  );
} catch (error) {
  process.exitCode = reportError(error, output);
}
