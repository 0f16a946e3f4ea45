/**
 * Generated projects for big real specs type-check, and fast, because the model
 * is data (api-model.json), not TypeScript. Prints gen and tsc times (figures,
 * not assertions: these machines are shared and noisy).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gen, linkNodeModules, makeTempDir, runTsc } from '../helpers/generated-project.js';
import { CORPUS, HAS_CORPUS } from './corpus-specs.js';

const cases = [
  { name: 'stripe', spec: 'stripe/spec3.yaml', extra: [] as string[] },
  { name: 'kubernetes', spec: 'kubernetes/swagger.json', extra: [] as string[] },
  {
    name: 'digitalocean',
    spec: 'digitalocean/specification/DigitalOcean-public.v2.yaml',
    extra: ['--ref-root', join(CORPUS, 'digitalocean')],
  },
];

const temp = makeTempDir('gen-projects');
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe.skipIf(!HAS_CORPUS)('corpus: generated projects of large specs', () => {
  it.each(cases)(
    '$name type-checks',
    async ({ name, spec, extra }) => {
      const out = join(temp, name);
      const genStarted = performance.now();
      await gen([join(CORPUS, spec), '--name', name, '--out', out, ...extra], { timeoutMs: 180_000 });
      const genMs = Math.round(performance.now() - genStarted);
      linkNodeModules(out);
      const tsc = await runTsc(out, ['--noEmit'], 120_000);
      console.log(`gen-projects: ${name}: gen ${genMs} ms, tsc --noEmit ${tsc.ms} ms`);
      expect(tsc.code, tsc.output).toBe(0);
    },
    300_000,
  );
});
