/**
 * `--tools auto` over real specs: Stripe (468 operations) and Kubernetes
 * (1,123) are served in discovery mode, a small spec in full; and the search
 * finds a typical task's operation among the first five on each big one.
 */
import { describe, expect, it } from 'vitest';
import { createToolCaller } from '../../src/runtime/create-tool-caller.js';
import { applyToolMode } from '../../src/runtime/discovery/apply-tool-mode.js';
import { corpusSpec, HAS_CORPUS, loadCorpusSpec } from './corpus-specs.js';

const OPTIONS = { envPrefix: 'CORPUS', env: {}, timeoutMs: 1_000, maxResponseBytes: 1_024, log: () => {} };

describe.skipIf(!HAS_CORPUS)('corpus: tool modes', () => {
  it.each([
    [
      'stripe/spec3.yaml',
      'discovery',
      'refund a charge',
      ['PostRefunds', 'PostChargesChargeRefunds', 'PostChargesChargeRefund'],
    ],
    [
      'kubernetes/swagger.json',
      'discovery',
      'scale a deployment',
      ['patchAppsV1NamespacedDeploymentScale', 'replaceAppsV1NamespacedDeploymentScale'],
    ],
    ['oai/v2.0/json/petstore-minimal.json', 'all', undefined, []],
  ] as const)('%s → %s', async (name, expected, query, answers) => {
    const { model } = await loadCorpusSpec(corpusSpec(name));
    const full = createToolCaller(model, OPTIONS);
    const { caller, mode, reason } = applyToolMode(full, 'auto');
    try {
      expect(mode, reason).toBe(expected);
      if (expected === 'all') {
        expect(caller.tools).toHaveLength(model.operations.length);
        return;
      }
      expect(reason).toBe(`${model.operations.length} tools > 40`);
      expect(caller.tools.map((tool) => tool.name)).toEqual([
        'search_operations',
        'describe_operation',
        'call_operation',
      ]);
      expect(caller.operations.size).toBe(model.operations.length);
      const result = await caller.call('search_operations', { query, limit: 5 });
      const first = result.content[0];
      const names = (first?.type === 'text' ? first.text : '')
        .split('\n\n')[0]
        ?.split('\n')
        .map((line) => line.split('  ')[0]);
      expect(names?.some((n) => (answers as readonly string[]).includes(n ?? ''))).toBe(true);
    } finally {
      await caller.close();
    }
  });
});
