#!/usr/bin/env node
// Loading at size: time of each step and peak RSS for specs of 2,500 / 5,000 /
// 10,000 / 20,000 operations, each in a fresh process, with ratios against the
// smallest size in the same run (linear loading keeps time/ops ratios near 1).
// The specs are written into a temp folder and removed afterwards.
// Usage: npm run build && node bench/scale.mjs [base-spec.json|yaml]
//   without a base spec: synthetic (see bench/large-spec.mjs); with one: its
//   paths replicated, e.g. ../shared/specs/box/openapi.json
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeLargeSpec } from './large-spec.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

if (process.argv[2] === '--child') {
  // One measurement: the same steps `serve` runs before its tools are ready.
  const { loadModel } = await import(`${root}dist/commands/load-model.js`);
  const { createToolCaller } = await import(`${root}dist/runtime/create-tool-caller.js`);
  const { resolveRuntimeOptions } = await import(`${root}dist/runtime/resolve-runtime-options.js`);
  // What Node and our modules take before the spec is read: the rest is the load's.
  const rssBeforeMb = process.memoryUsage().rss / 2 ** 20;
  const steps = {};
  const onStep = (step, ms) => {
    steps[step] = (steps[step] ?? 0) + ms;
  };
  const start = performance.now();
  const { model } = await loadModel(process.argv[3], { validate: false }, onStep);
  let t = performance.now();
  const options = resolveRuntimeOptions({ baseUrl: 'http://127.0.0.1:9' }, {});
  const caller = createToolCaller(model, options);
  onStep('compile', performance.now() - t);
  t = performance.now();
  const listed = Buffer.byteLength(JSON.stringify(caller.tools));
  onStep('serialise', performance.now() - t);
  await caller.close();
  const totalMs = performance.now() - start;
  console.log(
    JSON.stringify({
      operations: model.operations.length,
      steps,
      totalMs,
      listBytes: listed,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      rssBeforeMb,
    }),
  );
  process.exit(0);
}

const base = process.argv[2];
const sizes = [2500, 5000, 10000, 20000];
const dir = mkdtempSync(join(tmpdir(), 'openapi-mcp-scale-'));
try {
  console.log(
    `loading at size (${base ? `paths of ${base} replicated` : 'synthetic spec'}), Node ${process.version}`,
  );
  console.log(
    'ratios against the smallest size: time per operation, and peak RSS above the start-up RSS per operation; 1.00 is linear',
  );
  let first;
  const header = [
    'ops',
    'MB',
    'parse',
    'bundle',
    'convert',
    'build',
    'compile',
    'total ms',
    'RSS MB',
    'list MB',
    'ms/op x',
    '+RSS/op x',
  ];
  console.log(header.map((h) => h.padStart(9)).join(''));
  for (const size of sizes) {
    const spec = await writeLargeSpec(dir, size, base);
    const { size: bytes } = await import('node:fs').then((fs) => fs.statSync(spec));
    const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', spec], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    const r = JSON.parse(out.trim().split('\n').at(-1));
    first ??= r;
    const perOp = r.totalMs / r.operations / (first.totalMs / first.operations);
    const grown = (x) => Math.max(1, x.peakRssMb - x.rssBeforeMb) / x.operations;
    const rssPerOp = grown(r) / grown(first);
    const ms = (step) => (r.steps[step] ?? 0).toFixed(0);
    console.log(
      [
        r.operations,
        (bytes / 1e6).toFixed(1),
        ms('parse'),
        ms('bundle'),
        ms('convert'),
        ms('build'),
        ms('compile'),
        r.totalMs.toFixed(0),
        r.peakRssMb.toFixed(0),
        (r.listBytes / 1e6).toFixed(1),
        perOp.toFixed(2),
        rssPerOp.toFixed(2),
      ]
        .map((v) => String(v).padStart(9))
        .join(''),
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
