/**
 * Every tool of every corpus spec is client-safe (issue 8, item 1): no
 * composition at the inputSchema root, argument names clients accept, object
 * property schemas, no one-member allOf, and SDK 1.32's own ToolSchema takes it
 * (test/helpers/client-safety-violations.ts). The model is built as `serve`
 * builds it, and the tools are checked as `tools/list` gives them.
 */
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../src/commands/load-model.js';
import { createAjv } from '../../src/runtime/create-ajv.js';
import { createToolCaller } from '../../src/runtime/create-tool-caller.js';
import { clientSafetyViolations } from '../helpers/client-safety-violations.js';
import { CORPUS, CORPUS_SPECS, HAS_CORPUS } from './corpus-specs.js';

describe.skipIf(!HAS_CORPUS)('corpus: every published tool is client-safe', () => {
  it.each(CORPUS_SPECS.map((spec) => [spec.name, spec] as const))('%s', async (_, spec) => {
    const { model } = await loadModel(spec.file, { refRoot: spec.refRoot, cwd: CORPUS });
    const caller = createToolCaller(model, {
      envPrefix: 'CORPUS',
      env: {},
      timeoutMs: 1_000,
      maxResponseBytes: 1_000,
      log: () => {},
    });
    try {
      expect(caller.tools.length).toBe(model.operations.length);
      expect(caller.tools.flatMap((tool) => clientSafetyViolations(tool))).toEqual([]);
    } finally {
      await caller.close();
    }
    // What the server validates with compiles wherever it differs from what is published.
    for (const op of model.operations) {
      if (op.validationSchema === undefined) continue;
      const ajv = createAjv();
      expect(() => ajv.compile(op.validationSchema as object), op.toolName).not.toThrow();
    }
  });
});
