#!/usr/bin/env node
/**
 * The `openapi-mcp` binary: argv in, exit code out. `serve` runs the runtime's
 * server program, which owns signals, graceful close and its exit code.
 */
import { buildCli } from './build-cli.js';
import { createConsoleOutput, reportError } from './report.js';

const output = createConsoleOutput();
try {
  await buildCli({ env: process.env, cwd: process.cwd(), output }).parseAsync(process.argv.slice(2));
} catch (error) {
  process.exitCode = reportError(error, output);
}
