#!/usr/bin/env node
// Against a peer, in the same run: `openapi-mcp serve` and
// @ivotoby/openapi-mcp-server (installed at bench time into a temp folder,
// never into the project) on the same specs, both spawned with `node` over
// stdio with a loopback base URL (nothing is called), both read by SDK 1.32's
// `Client` (the client most hosts embed; its listTools() compiles every output
// schema, a start-up cost a server's tool list decides). Per spec and mode,
// medians of N runs: spawn → initialize, spawn → last tools/list page, peak
// RSS, tools, wire bytes of the tools/list results, and the tokens a model
// sees (name, description, input schema; o200k_base, as `inspect` counts),
// with ratios us/peer and a verdict per target of issue 8.
// Specs: Petstore, Stripe, Kubernetes, DigitalOcean (from ../shared/specs or
// OPENAPI_MCP_CORPUS, each skipped with a line when absent) and a
// 20,000-operation synthetic spec written into the temp folder. Our rows read a
// model cache in a temp folder written by an unmeasured first start, except
// `ours default, 1st start` (`--no-cache`: what the very first start costs).
// Usage: npm run build && node bench/peers.mjs [runs=3] [spec ...]   (specs given: those instead)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { writeLargeSpec } from './large-spec.mjs';
import { measureStdioStart } from './measure-stdio-start.mjs';

const PEER = '@ivotoby/openapi-mcp-server@1.16.1';
const BASE_URL = 'http://127.0.0.1:9';
// The SDK's default stdio read buffer: a tools/list page above it makes a
// client with default settings drop the connection. Both servers get a larger
// buffer here so that the rest is measured; such pages are flagged.
const SDK_BUFFER = 10 * 2 ** 20;
const TIMEOUT_MS = 120_000;

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = `${root}dist/bin/openapi-mcp.js`;
const runs = Number(process.argv[2] ?? 3);
const corpus = process.env.OPENAPI_MCP_CORPUS ?? join(root, '../shared/specs');
const { measureToolTokens } = await import(pathToFileURL(`${root}dist/commands/measure-tool-tokens.js`).href);

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const versionOf = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;

/** The modes compared: ours (its full modes are set against the peer's full mode, discovery against its dynamic one). */
function ourModes(cacheDir) {
  // A cache folder of the bench's own: the first start of each row writes it
  // (a warm-up, not measured), the measured ones read it, as a user's second start would.
  const cached = ['--cache-dir', cacheDir];
  return [
    { name: 'ours --tools all', args: ['--tools', 'all', ...cached], versus: 'peer --tools all', warm: true },
    {
      name: 'ours all --detail full',
      args: ['--tools', 'all', '--detail', 'full', ...cached],
      versus: 'peer --tools all',
      warm: true,
    },
    {
      name: 'ours --tools discovery',
      args: ['--tools', 'discovery', ...cached],
      versus: 'peer --tools dynamic',
      warm: true,
    },
    { name: 'ours default, 1st start', args: ['--no-cache'], versus: 'peer --tools all' },
    { name: 'ours default (auto)', args: cached, versus: 'peer --tools all', isDefault: true, warm: true },
  ];
}

const kb = (bytes) =>
  bytes >= 1e6
    ? `${(bytes / 1e6).toFixed(1)} MB`
    : bytes >= 1e3
      ? `${(bytes / 1e3).toFixed(1)} KB`
      : `${bytes} B`;
const cell = (value, width) => String(value).padStart(width);
// Small ratios keep two significant digits: 0.0014, not 0.00.
const ratio = (a, b) =>
  !Number.isFinite(a / b) ? '-' : a / b >= 0.1 ? (a / b).toFixed(2) : (a / b).toPrecision(2);
/** Top-level arguments over the whole list: a server that drops a spec's parameters shows here, not in its bytes. */
const countArguments = (tools) =>
  tools.reduce((sum, tool) => sum + Object.keys(tool.inputSchema?.properties ?? {}).length, 0);

/** One start of `row`'s server on `spec`, spawn to the last tools/list page. */
const start = (row, spec) =>
  measureStdioStart({
    Client,
    StdioClientTransport,
    command: process.execPath,
    args: row.argv(spec.file),
    timeoutMs: TIMEOUT_MS,
    maxBufferSize: 2 ** 30,
  });

/** Runs every mode `runs` times, interleaved so that the machine's drift hits all rows alike. */
async function measureSpec(spec, rows) {
  const results = new Map(rows.map((row) => [row.name, { runs: [] }]));
  for (const row of rows.filter((r) => r.warm)) {
    await start(row, spec);
  }
  for (let i = 0; i < runs; i++) {
    for (const row of rows) {
      const result = results.get(row.name);
      if (result.error !== undefined) continue;
      const run = await start(row, spec);
      if (run.error !== undefined) {
        result.error = run.error;
        continue;
      }
      // The list is the same every run: count its tokens once.
      if (result.tokens === undefined) {
        const tools = run.tools.map((tool) => ({
          name: tool.name,
          description: tool.description ?? '',
          inputSchema: tool.inputSchema,
        }));
        result.tokens = (await measureToolTokens(tools)).tokens;
        result.arguments = countArguments(run.tools);
      }
      result.runs.push({ ...run, tools: run.tools.length });
    }
  }
  return new Map(
    [...results].map(([name, result]) => {
      if (result.error !== undefined) return [name, { error: result.error }];
      const of = (key) => median(result.runs.map((run) => run[key]));
      return [
        name,
        {
          tools: result.runs[0].tools,
          initialized: of('initialized'),
          listed: of('listed'),
          rss: of('rss'),
          wireBytes: result.runs[0].wireBytes,
          largestPage: Math.max(...result.runs.map((run) => run.largestPage)),
          tokens: result.tokens,
          arguments: result.arguments,
        },
      ];
    }),
  );
}

function printSpec(spec, rows, measured) {
  console.log(`\n${spec.label}${spec.shown ? ` (${spec.shown})` : ''}, median of ${runs}`);
  console.log(
    `${'server / mode'.padEnd(24)}${cell('tools', 7)}${cell('args', 8)}${cell('init ms', 9)}${cell('list ms', 9)}${cell('RSS MB', 8)}${cell('wire', 11)}${cell('tokens', 11)}   ${'us/peer against'.padEnd(21)}${cell('list x', 8)}${cell('RSS x', 8)}${cell('wire x', 8)}${cell('tok x', 8)}`,
  );
  let oversized = false;
  for (const row of rows) {
    const r = measured.get(row.name);
    if (r.error !== undefined) {
      console.log(`${row.name.padEnd(24)}  failed: ${r.error}`);
      continue;
    }
    const big = r.largestPage > SDK_BUFFER;
    oversized ||= big;
    let line = `${row.name.padEnd(24)}${cell(r.tools, 7)}${cell(r.arguments, 8)}${cell(r.initialized.toFixed(0), 9)}${cell(r.listed.toFixed(0), 9)}${cell(r.rss.toFixed(0), 8)}${cell(`${kb(r.wireBytes)}${big ? '*' : ' '}`, 11)}${cell(r.tokens.toLocaleString('en'), 11)}`;
    const peer = row.versus && measured.get(row.versus);
    if (peer) {
      line +=
        peer.error === undefined
          ? `   ${row.versus.padEnd(21)}${cell(ratio(r.listed, peer.listed), 8)}${cell(ratio(r.rss, peer.rss), 8)}${cell(ratio(r.wireBytes, peer.wireBytes), 8)}${cell(ratio(r.tokens, peer.tokens), 8)}`
          : `   ${row.versus.padEnd(21)} (peer failed)`;
    }
    console.log(line);
  }
  if (oversized) {
    console.log(
      `* a tools/list page above ${SDK_BUFFER / 2 ** 20} MiB: an SDK client with its default buffer drops it`,
    );
  }
  const ours = measured.get(rows.find((row) => row.isDefault).name);
  const peers = rows.filter((row) => row.peer).map((row) => ({ ...row, ...measured.get(row.name) }));
  const working = peers.filter((peer) => peer.error === undefined);
  if (ours.error !== undefined) {
    console.log(`verdict: our default mode failed: ${ours.error}`);
    return;
  }
  if (working.length === 0) {
    console.log('verdict: the peer failed in every mode: nothing to compare');
    return;
  }
  const fastest = working.reduce((a, b) => (b.listed < a.listed ? b : a));
  console.log(
    `verdict: default mode: cold start ≤ fastest peer: ${ours.listed <= fastest.listed ? 'yes' : 'no'} (ours ${ours.listed.toFixed(0)} ms, ${fastest.name} ${fastest.listed.toFixed(0)} ms)`,
  );
  const peerDefault = peers.find((peer) => peer.isDefault);
  const full = measured.get('ours --tools all');
  const fullPeer = measured.get('peer --tools all');
  const wire =
    peerDefault.error === undefined
      ? `${ours.wireBytes <= peerDefault.wireBytes ? 'yes' : 'no'} (our default ${kb(ours.wireBytes)}, the peer's default ${kb(peerDefault.wireBytes)}`
      : `- (the peer's default failed`;
  const fullWire =
    full.error === undefined && fullPeer.error === undefined
      ? `; --tools all ${kb(full.wireBytes)} against ${kb(fullPeer.wireBytes)})`
      : ')';
  console.log(`verdict: tool list on the wire ≤ peer: ${wire}${fullWire}`);
}

const temp = mkdtempSync(join(tmpdir(), 'openapi-mcp-peers-'));
try {
  execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', temp, PEER], {
    stdio: 'ignore',
  });
  const peerName = PEER.slice(0, PEER.lastIndexOf('@'));
  const peerBin = join(temp, 'node_modules', peerName, 'bin/mcp-server.js');
  const modes = ourModes(join(temp, 'model-cache'));
  const peerRow = (tools, isDefault) => ({
    name: `peer --tools ${tools}`,
    peer: true,
    isDefault,
    argv: (spec) => [
      peerBin,
      '--api-base-url',
      BASE_URL,
      '--openapi-spec',
      spec,
      '--transport',
      'stdio',
      '--tools',
      tools,
    ],
  });
  const rows = [
    ...modes.map((mode) => ({
      ...mode,
      argv: (spec) => [cli, 'serve', spec, '--base-url', BASE_URL, ...mode.args],
    })),
    peerRow('all', true),
    peerRow('dynamic', false),
  ];
  console.log(
    `openapi-mcp ${versionOf(root)} (this build) against ${peerName} ${versionOf(join(temp, 'node_modules', peerName))}, read by @modelcontextprotocol/sdk ${versionOf(join(root, 'node_modules/@modelcontextprotocol/sdk'))} Client over stdio; Node ${process.version}; timeout ${TIMEOUT_MS / 1000} s per start`,
  );
  console.log(
    "args: top-level input arguments over all tools; list ms: spawn to the last tools/list page; RSS: the server's peak (VmHWM) after it; wire: JSON of the tools/list results; tokens: name + description + input schema (o200k_base)",
  );

  const given = process.argv.slice(3).map((file) => ({ label: file, file }));
  const specs = given.length
    ? given
    : [
        {
          label: 'Petstore (small spec)',
          file: join(root, 'specs/petstore.yaml'),
          shown: 'specs/petstore.yaml',
        },
        ...[
          ['Stripe', 'stripe/spec3.yaml'],
          ['Kubernetes', 'kubernetes/swagger.json'],
          ['DigitalOcean', 'digitalocean/specification/DigitalOcean-public.v2.yaml'],
        ].map(([label, path]) => ({ label, file: join(corpus, path), shown: path })),
        {
          label: '20,000 operations (synthetic)',
          file: await writeLargeSpec(temp, 20_000),
          shown: 'bench/large-spec.mjs, temp file',
        },
      ];
  for (const spec of specs) {
    if (!existsSync(spec.file)) {
      console.log(`\n${spec.label}: skipped, no ${spec.file} (set OPENAPI_MCP_CORPUS to the spec corpus)`);
      continue;
    }
    printSpec(spec, rows, await measureSpec(spec, rows));
  }
} finally {
  rmSync(temp, { recursive: true, force: true });
}
