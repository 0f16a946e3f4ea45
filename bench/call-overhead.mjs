#!/usr/bin/env node
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
// Per-call overhead of openapi-mcp against a direct undici call to the same
// upstream, measured in one run (so the ratio, not the absolute time, is the figure):
//   direct    undici.request to GET /v1/pets/1 over a keep-alive pool
//   caller    the runtime's ToolCaller.call('getPet') in-process (validation,
//             request building, upstream call, result mapping)
//   mcp-stdio an SDK v2 client calling getPet through `openapi-mcp serve` (stdio)
//   mcp-http  the same over Streamable HTTP
// Usage: npm run build && node bench/call-overhead.mjs [calls=2000]
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { Pool } from 'undici';
import { buildApiModel, createToolCaller, loadSpec } from '../dist/index.js';
import { startUpstream } from './upstream.mjs';

const CALLS = Number(process.argv[2] ?? 2000);
const WARMUP = Math.min(200, CALLS);
const root = fileURLToPath(new URL('..', import.meta.url));
const cli = `${root}dist/bin/openapi-mcp.js`;
const spec = `${root}specs/petstore.yaml`;

async function measure(label, fn) {
  for (let i = 0; i < WARMUP; i++) await fn();
  const times = new Float64Array(CALLS);
  for (let i = 0; i < CALLS; i++) {
    const start = process.hrtime.bigint();
    await fn();
    times[i] = Number(process.hrtime.bigint() - start) / 1e6;
  }
  times.sort();
  const pick = (q) => times[Math.min(CALLS - 1, Math.floor(q * CALLS))];
  return { label, p50: pick(0.5), p90: pick(0.9), p99: pick(0.99) };
}

const upstream = await startUpstream(0);
const origin = new URL(upstream.baseUrl).origin;
const results = [];

const pool = new Pool(origin);
results.push(
  await measure('direct undici', async () => {
    const res = await pool.request({
      method: 'GET',
      path: '/v1/pets/1',
      headers: { accept: 'application/json' },
    });
    JSON.parse(await res.body.text());
  }),
);
await pool.close();

const { document } = await loadSpec(spec);
const { model } = buildApiModel(document);
const caller = createToolCaller(model, {
  baseUrl: upstream.baseUrl,
  envPrefix: 'OPENAPI_MCP',
  env: {},
  timeoutMs: 30_000,
  maxResponseBytes: 1024 * 1024,
  log: () => {},
});
results.push(
  await measure('ToolCaller.call (in-process)', async () => {
    const r = await caller.call('getPet', { petId: 1 });
    if (r.isError) throw new Error(JSON.stringify(r));
  }),
);
await caller.close();

const env = { PATH: process.env.PATH ?? '', OPENAPI_MCP_BASE_URL: upstream.baseUrl };
const stdioClient = new Client({ name: 'bench', version: '0' }, { versionNegotiation: { mode: 'auto' } });
await stdioClient.connect(
  new StdioClientTransport({ command: process.execPath, args: [cli, 'serve', spec], env, stderr: 'ignore' }),
);
results.push(
  await measure('MCP over stdio (v2 client, 2026-07-28)', async () => {
    const r = await stdioClient.callTool({ name: 'getPet', arguments: { petId: 1 } });
    if (r.isError) throw new Error(JSON.stringify(r));
  }),
);
await stdioClient.close();

const http = spawn(process.execPath, [cli, 'serve', spec, '--transport', 'http', '--port', '0'], {
  env,
  stdio: ['ignore', 'ignore', 'pipe'],
});
const url = await new Promise((resolve, reject) => {
  let err = '';
  http.stderr.on('data', (c) => {
    err += c;
    const m = /listening on (http:\/\/\S+)/.exec(err);
    if (m) resolve(m[1]);
  });
  http.once('exit', () => reject(new Error(err)));
});
const httpClient = new Client({ name: 'bench', version: '0' }, { versionNegotiation: { mode: 'auto' } });
await httpClient.connect(new StreamableHTTPClientTransport(new URL(url)));
results.push(
  await measure('MCP over Streamable HTTP (v2 client, 2026-07-28)', async () => {
    const r = await httpClient.callTool({ name: 'getPet', arguments: { petId: 1 } });
    if (r.isError) throw new Error(JSON.stringify(r));
  }),
);
await httpClient.close();
http.kill('SIGTERM');
await upstream.close();

const base = results[0].p50;
console.log(
  `openapi-mcp per-call overhead, ${CALLS} sequential calls after ${WARMUP} warm-up, Node ${process.version}`,
);
console.log(
  'path'.padEnd(52),
  'p50 ms'.padStart(8),
  'p90 ms'.padStart(8),
  'p99 ms'.padStart(8),
  'p50 ratio'.padStart(10),
);
for (const r of results) {
  console.log(
    r.label.padEnd(52),
    r.p50.toFixed(3).padStart(8),
    r.p90.toFixed(3).padStart(8),
    r.p99.toFixed(3).padStart(8),
    `${(r.p50 / base).toFixed(2)}x`.padStart(10),
  );
}
