#!/usr/bin/env node
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// Cold start: spawn `openapi-mcp serve <spec>` (stdio), connect an SDK client
// and time two marks: the handshake answered (`initialize`, legacy era) and
// every `tools/list` page received; plus the server's peak RSS (see
// measure-stdio-start.mjs, shared with bench/peers.mjs). Baseline in the
// same run: the first spec, a trivial one-operation spec (Node + SDK start-up).
// Specs: that baseline, Petstore, Stripe and Kubernetes (from ../shared/specs
// when present), and a 20,000-operation spec written into a temp folder.
// Each spec twice: built at every start (--no-cache), and read from a model
// cache entry in a temp folder written by one start before (the "cache hit" row).
// Usage: npm run build && node bench/cold-start.mjs [runs=5] [spec ...]
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { writeLargeSpec } from './large-spec.mjs';
import { measureStdioStart } from './measure-stdio-start.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// OPENAPI_MCP_CLI: another build of the CLI to measure (e.g. the previous release, for a comparison).
const cli = process.env.OPENAPI_MCP_CLI ?? `${root}dist/bin/openapi-mcp.js`;
const runs = Number(process.argv[2] ?? 5);
const shared = `${root}../shared/specs`;
const temp = mkdtempSync(join(tmpdir(), 'openapi-mcp-cold-start-'));
const specs = process.argv.slice(3).length
  ? process.argv.slice(3)
  : [
      `${root}test/fixtures/conformance/json-schema-2020-12.yaml`,
      `${root}specs/petstore.yaml`,
      `${shared}/stripe/spec3.yaml`,
      `${shared}/kubernetes/swagger.json`,
      await writeLargeSpec(temp, 20_000),
    ].filter(existsSync);

const cacheDir = join(temp, 'model-cache');

async function once(spec, cacheArgs) {
  const result = await measureStdioStart({
    Client,
    StdioClientTransport,
    command: process.execPath,
    args: [cli, 'serve', spec, '--base-url', 'http://127.0.0.1:9', ...cacheArgs],
  });
  if (result.error !== undefined) throw new Error(`${spec}: ${result.error}`);
  return { ...result, tools: result.tools.length };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

try {
  console.log(`cold start over stdio (legacy handshake), median of ${runs}, Node ${process.version}`);
  console.log(
    `${'spec'.padEnd(48)}${'tools'.padStart(7)}${'init ms'.padStart(9)}${'x'.padStart(7)}${'list ms'.padStart(9)}${'x'.padStart(7)}${'RSS MB'.padStart(8)}`,
  );
  let baseline;
  const rows = specs.flatMap((spec) => [
    { spec, cacheArgs: ['--no-cache'], label: '' },
    { spec, cacheArgs: ['--cache-dir', cacheDir], label: ' (cache hit)', warm: true },
  ]);
  for (const { spec, cacheArgs, label, warm } of rows) {
    // The start that writes the entry the measured ones read.
    if (warm) await once(spec, cacheArgs);
    const results = [];
    for (let i = 0; i < runs; i++) results.push(await once(spec, cacheArgs));
    const r = {
      tools: results[0].tools,
      initialized: median(results.map((x) => x.initialized)),
      listed: median(results.map((x) => x.listed)),
      rss: median(results.map((x) => x.rss)),
    };
    baseline ??= r;
    const name = `${spec.startsWith(temp) ? '(temp) 20,000-op synthetic spec' : spec.replace(root, '')}${label}`;
    console.log(
      `${name.slice(-48).padEnd(48)}${String(r.tools).padStart(7)}${r.initialized.toFixed(0).padStart(9)}${(r.initialized / baseline.initialized).toFixed(2).padStart(7)}${r.listed.toFixed(0).padStart(9)}${(r.listed / baseline.listed).toFixed(2).padStart(7)}${r.rss.toFixed(0).padStart(8)}`,
    );
  }
} finally {
  rmSync(temp, { recursive: true, force: true });
}
