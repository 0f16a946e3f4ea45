// Runs a command with the same stdin/stderr and copies its stdout both to our
// stdout and to the file named by STDOUT_TAP_FILE, so a test can check every
// byte a stdio MCP server wrote while an SDK client consumes the stream.
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';

const [command, ...args] = process.argv.slice(2);
const tapFile = process.env.STDOUT_TAP_FILE;
const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });

process.stdin.pipe(child.stdin);
child.stdin.on('error', () => {});
child.stdout.on('data', (chunk) => {
  if (tapFile) appendFileSync(tapFile, chunk);
  process.stdout.write(chunk);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
  process.stdin.unpipe(child.stdin);
  process.stdin.destroy();
});
