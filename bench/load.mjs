#!/usr/bin/env node
// Bounded load over Streamable HTTP: many SDK clients at once for a fixed
// time, each call carrying an id unique to its client and call that the
// upstream echoes, so a result delivered to the wrong client is counted
// (SECURITY.md T11/F37). Three targets against the same local upstream:
//   direct  undici.request to GET /v1/pets/{id} (the floor)
//   serve   `openapi-mcp serve specs/petstore.yaml --transport http`
//   peer    @ivotoby/openapi-mcp-server over HTTP on the same spec, installed
//           now into a temporary folder (never into this repository)
// Each MCP server first runs a warm-up at concurrency 1 (its own row: the
// first seconds of a process, while V8 still compiles the call path), then at
// concurrency 1, then at the full client count.
// Everything listens on 127.0.0.1; nothing runs longer than the durations given.
// Usage: npm run build && node bench/load.mjs [clients=32] [seconds=5] [--no-peer] [--warm-up=10]
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { Pool } from 'undici';

const positional = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const CLIENTS = Math.min(256, Number(positional[0] ?? 32));
const SECONDS = Math.min(60, Number(positional[1] ?? 5));
const WITH_PEER = !process.argv.includes('--no-peer');
// Long enough for both servers to reach their steady CPU per call (ours needs about 10 s at concurrency 1).
const WARM_UP = Math.min(
  60,
  Number(/^--warm-up=(.+)$/.exec(process.argv.find((arg) => arg.startsWith('--warm-up=')) ?? '')?.[1] ?? 10),
);
const PEER = '@ivotoby/openapi-mcp-server@1.16.1';
const root = fileURLToPath(new URL('..', import.meta.url));
const spec = `${root}specs/petstore.yaml`;

/** An upstream that answers any GET /v1/pets/{id} with that id: the echo the cross-talk check reads. */
function startEchoUpstream() {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const match = /^\/v1\/pets\/(\d+)$/.exec(req.url ?? '');
      const body = match
        ? JSON.stringify({ id: Number(match[1]), name: `pet-${match[1]}`, status: 'available' })
        : '{"code":404,"message":"no route"}';
      res.writeHead(match ? 200 : 404, { 'content-type': 'application/json' }).end(body);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        baseUrl: `http://127.0.0.1:${server.address().port}/v1`,
        close: () => new Promise((r) => server.close(r)),
      }),
    ),
  );
}

function freePort() {
  const server = createServer();
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    }),
  );
}

/** CPU milliseconds (user + system) the process has used so far. */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function rssMiB(pid) {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/** Spawns a server and resolves once `ready` matches its stderr; rejects if it exits first or takes 60 s. */
function startProcess(command, args, env, ready) {
  const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no start within 60 s:\n${err}`));
    }, 60_000);
    child.stderr.on('data', (chunk) => {
      err += chunk;
      const url = ready(err);
      if (url) {
        clearTimeout(timer);
        resolve({ child, url });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before it was ready:\n${err}`));
    });
  });
}

function stop(child) {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * `clients` loops, each calling `call(client, id)` until the time is up, with
 * ids unique to the loop (client * 1e9 + sequence); counts calls, failures and
 * answers carrying another loop's id.
 */
async function drive(clients, seconds, call) {
  const times = [];
  let failures = 0;
  let crossTalk = 0;
  let firstFailure;
  let firstCrossTalk;
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_unused, client) => {
      for (let seq = 1; performance.now() < end; seq++) {
        const id = client * 1_000_000_000 + seq;
        const at = performance.now();
        try {
          const got = await call(client, id);
          times.push(performance.now() - at);
          if (got !== id) {
            // Another loop's id is cross-talk; an id of its own but not this call's is a wrong answer.
            if (Math.floor(got / 1_000_000_000) !== client) {
              crossTalk++;
              firstCrossTalk ??= `client ${client} sent ${id}, got ${got}`;
            } else failures++;
          }
        } catch (error) {
          failures++;
          firstFailure ??= error;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const pick = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? Number.NaN;
  return {
    calls: times.length + failures,
    failures,
    crossTalk,
    elapsed,
    p50: pick(0.5),
    p99: pick(0.99),
    rate: times.length / elapsed,
    firstFailure,
    firstCrossTalk,
  };
}

/** The id in a tool result's text (both servers give the upstream's JSON as text). */
function idOf(result) {
  if (result.isError) throw new Error(`isError: ${JSON.stringify(result.content).slice(0, 200)}`);
  const text = result.content.map((part) => part.text ?? '').join('');
  const match = /"id"\s*:\s*(\d+)/.exec(text);
  if (!match) throw new Error(`no id in ${text.slice(0, 200)}`);
  return Number(match[1]);
}

async function connectClients(url, count) {
  return Promise.all(
    Array.from({ length: count }, async (_unused, index) => {
      const client = new Client(
        { name: `load-${index}`, version: '0' },
        { versionNegotiation: { mode: 'auto' } },
      );
      await client.connect(new StreamableHTTPClientTransport(new URL(url)));
      return client;
    }),
  );
}

/** Both phases against one MCP server; RSS read before the first call and after the last. */
async function measureMcp(label, child, url, pickTool) {
  const clients = await connectClients(url, CLIENTS);
  const { tools } = await clients[0].listTools();
  const tool = pickTool(tools);
  if (!tool) throw new Error(`${label}: no getPet tool among ${tools.map((t) => t.name).join(', ')}`);
  const call = (client, id) =>
    clients[client].callTool({ name: tool.name, arguments: { petId: id } }).then(idOf);
  // The server's own CPU per call: steadier than wall time on a busy machine.
  const perCall = async (clients, seconds) => {
    const before = cpuMs(child.pid);
    const result = await drive(clients, seconds, call);
    return { ...result, cpuPerCall: (cpuMs(child.pid) - before) / Math.max(1, result.calls) };
  };
  const warmUp = await perCall(1, WARM_UP);
  const rssStart = rssMiB(child.pid);
  const single = await perCall(1, SECONDS);
  const loaded = await perCall(CLIENTS, SECONDS);
  const rssEnd = rssMiB(child.pid);
  await Promise.all(clients.map((client) => client.close().catch(() => {})));
  return { label, warmUp, single, loaded, rssStart, rssEnd };
}

const upstream = await startEchoUpstream();
const results = [];

{
  const pool = new Pool(new URL(upstream.baseUrl).origin, { connections: CLIENTS });
  const call = async (_client, id) => {
    const res = await pool.request({
      method: 'GET',
      path: `/v1/pets/${id}`,
      headers: { accept: 'application/json' },
    });
    return JSON.parse(await res.body.text()).id;
  };
  await drive(1, 0.5, call);
  const single = await drive(1, SECONDS, call);
  const loaded = await drive(CLIENTS, SECONDS, call);
  await pool.close();
  results.push({ label: 'direct undici', single, loaded, rssStart: Number.NaN, rssEnd: Number.NaN });
}

{
  const { child, url } = await startProcess(
    process.execPath,
    [`${root}dist/bin/openapi-mcp.js`, 'serve', spec, '--transport', 'http', '--port', '0', '--tools', 'all'],
    { PATH: process.env.PATH ?? '', OPENAPI_MCP_BASE_URL: upstream.baseUrl },
    (err) => (/: serving \d+ tools/.test(err) ? /listening on (http:\/\/\S+)/.exec(err)?.[1] : undefined),
  );
  try {
    results.push(
      await measureMcp('openapi-mcp serve', child, url, (tools) => tools.find((t) => t.name === 'getPet')),
    );
  } finally {
    await stop(child);
  }
}

if (WITH_PEER) {
  const dir = mkdtempSync(join(tmpdir(), 'openapi-mcp-peer-'));
  try {
    await promisify(execFile)(
      'npm',
      ['install', '--prefix', dir, '--no-audit', '--no-fund', '--silent', PEER],
      {
        timeout: 300_000,
      },
    );
    const port = await freePort();
    const entry = join(dir, 'node_modules/@ivotoby/openapi-mcp-server/bin/mcp-server.js');
    const { child, url } = await startProcess(
      process.execPath,
      [
        entry,
        '--transport',
        'http',
        '--host',
        '127.0.0.1',
        '--port',
        String(port),
        '--api-base-url',
        upstream.baseUrl,
        '--openapi-spec',
        spec,
      ],
      { PATH: process.env.PATH ?? '' },
      (err) => (/running on (http:\/\/\S+)/.exec(err) ? `http://127.0.0.1:${port}/mcp` : undefined),
    );
    try {
      results.push(
        await measureMcp(PEER.replace(/@[^@]*$/, ''), child, url, (tools) =>
          tools.find(
            (t) => /get.?pet$/i.test(t.name) || /^get.?pet/i.test(t.name) || /pets.?petid/i.test(t.name),
          ),
        ),
      );
    } finally {
      await stop(child);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
await upstream.close();

const ms = (value) => value.toFixed(2).padStart(8);
console.log(
  `Load over Streamable HTTP: ${CLIENTS} SDK v2 clients, ${SECONDS} s per phase after a ${WARM_UP} s warm-up, Node ${process.version}, 127.0.0.1`,
);
console.log(
  [
    'target'.padEnd(39),
    'conc'.padStart(4),
    'calls'.padStart(7),
    'fail'.padStart(5),
    'xtalk'.padStart(5),
    'secs'.padStart(5),
    'calls/s'.padStart(8),
    'p50 ms'.padStart(8),
    'p99 ms'.padStart(8),
    'RSS MiB start→end'.padStart(18),
    'server CPU ms/call'.padStart(19),
  ].join(' '),
);
for (const r of results) {
  for (const [conc, m, phase] of [
    ...(r.warmUp === undefined ? [] : [[1, r.warmUp, ' (warm-up)']]),
    [1, r.single, ''],
    [CLIENTS, r.loaded, ''],
  ]) {
    const rss = Number.isNaN(r.rssStart) ? '-' : `${r.rssStart.toFixed(0)}→${r.rssEnd.toFixed(0)}`;
    console.log(
      [
        `${r.label}${phase}`.padEnd(39),
        String(conc).padStart(4),
        String(m.calls).padStart(7),
        String(m.failures).padStart(5),
        String(m.crossTalk).padStart(5),
        m.elapsed.toFixed(1).padStart(5),
        m.rate.toFixed(0).padStart(8),
        ms(m.p50),
        ms(m.p99),
        rss.padStart(18),
        (m.cpuPerCall === undefined ? '-' : m.cpuPerCall.toFixed(3)).padStart(19),
      ].join(' '),
    );
    if (m.firstFailure) console.log(`  first failure: ${m.firstFailure.message ?? m.firstFailure}`);
    if (m.firstCrossTalk) console.log(`  first cross-talk: ${m.firstCrossTalk}`);
  }
}
const faults = (r) =>
  [r.warmUp, r.single, r.loaded]
    .filter((m) => m !== undefined)
    .reduce((sum, m) => sum + m.failures + m.crossTalk, 0);
const failed = results.some((r) => faults(r) > 0);
const ours = results.find((r) => r.label === 'openapi-mcp serve');
if (ours && faults(ours) > 0) process.exitCode = 1;
if (failed) console.log('failures or cross-talk above (exit code 1 when openapi-mcp has any)');
