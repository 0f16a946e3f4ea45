/**
 * Installs Stoplight Prism (the mock server that judges each request against
 * the spec: 422 for a request that violates it) into `.cache/prism` from the
 * npm registry on first use, and starts it on 127.0.0.1.
 */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { npmInstallInto } from '../helpers/npm-install-into.js';

export const PRISM_VERSION = '5.14.2';

/** Installs Prism once (a marker file records the version) and returns its CLI script. */
export async function installPrism(repoRoot: string): Promise<string> {
  const dir = join(repoRoot, '.cache', 'prism');
  const marker = join(dir, `installed-prism-${PRISM_VERSION}`);
  const cli = join(dir, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js');
  if (!existsSync(marker) || !existsSync(cli)) {
    await npmInstallInto(dir, [`@stoplight/prism-cli@${PRISM_VERSION}`]);
    writeFileSync(marker, '');
  }
  return cli;
}

export interface PrismServer {
  url: string;
  /** Milliseconds from spawn to "listening". */
  startMs: number;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** `prism mock -h 127.0.0.1 -p PORT spec`, resolved once Prism says it listens. */
export async function startPrism(cli: string, spec: string, timeoutMs: number): Promise<PrismServer> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [cli, 'mock', '-h', '127.0.0.1', '-p', String(port), spec], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '' },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Prism did not start on ${spec} within ${timeoutMs} ms`));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      // Prism warns at length about big specs before it listens: keep only the tail.
      output = (output + chunk.toString('utf8')).slice(-20_000);
      if (/Prism is listening/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited with ${code} on ${spec}:\n${output.slice(-2000)}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    startMs: performance.now() - started,
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
