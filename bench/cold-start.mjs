#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// Cold start: spawn `openapi-mcp serve <spec>` (stdio), connect an SDK client,
// stop the clock at the first tools/list answer. Baseline in the same run: the
// same measurement on a trivial one-operation spec (Node + SDK start-up).
// Usage: npm run build && node bench/cold-start.mjs [runs=5] [spec ...]
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = `${root}dist/cli/main.js`;
const runs = Number(process.argv[2] ?? 5);
const shared = `${root}../shared/specs`;
const specs = process.argv.slice(3).length
  ? process.argv.slice(3)
  : [
      `${root}test/fixtures/conformance/json-schema-2020-12.yaml`,
      `${root}specs/petstore.yaml`,
      `${shared}/stripe/spec3.yaml`,
      `${shared}/kubernetes/swagger.json`,
    ].filter(existsSync);

async function once(spec) {
  const start = performance.now();
  const client = new Client({ name: 'bench', version: '0' });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [cli, 'serve', spec, '--base-url', 'http://127.0.0.1:9'],
      env: { PATH: process.env.PATH ?? '' },
      stderr: 'ignore',
    }),
  );
  const { tools } = await client.listTools();
  const ms = performance.now() - start;
  await client.close();
  return { ms, tools: tools.length };
}

console.log(
  `cold start to first tools/list (stdio, legacy handshake), median of ${runs}, Node ${process.version}`,
);
let baseline;
for (const spec of specs) {
  const times = [];
  let tools = 0;
  for (let i = 0; i < runs; i++) {
    const r = await once(spec);
    times.push(r.ms);
    tools = r.tools;
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(runs / 2)];
  baseline ??= median;
  console.log(
    `${spec.replace(root, '').padEnd(60)} ${String(tools).padStart(5)} tools ${median.toFixed(0).padStart(6)} ms ${(median / baseline).toFixed(2).padStart(6)}x`,
  );
}
