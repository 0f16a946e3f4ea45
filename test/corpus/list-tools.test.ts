/**
 * A real SDK client lists ALL tools of every corpus spec without throwing: the
 * v2 client in `auto` mode and the legacy SDK 1.32 client (which compiles every
 * outputSchema with its own draft-07 Ajv as it lists).
 */
import { describe, expect, it, vi } from 'vitest';
import type { JsonSchema } from '../../src/model/types.js';
import { compactDefinition } from '../../src/runtime/compact-definition.js';
import { CORPUS_SPECS, HAS_CORPUS, loadCorpusSpec } from './corpus-specs.js';
import { connectInProcess, type InProcessClientKind } from './mcp-clients.js';

const KINDS: InProcessClientKind[] = ['v2-auto', 'sdk-1.32'];

describe.skipIf(!HAS_CORPUS)('corpus: tools/list through real MCP clients', () => {
  it.each(CORPUS_SPECS.map((spec) => [spec.name, spec] as const))('%s', async (name, spec) => {
    const { model } = await loadCorpusSpec(spec);
    const expected = model.operations.map((op) => op.toolName);
    const timings: string[] = [];
    for (const kind of KINDS) {
      const session = await connectInProcess(model, kind);
      try {
        // SDK 1.32's Ajv warns once per unknown format (`unix-time`, `uint64`, ...): thousands of lines.
        const quiet = vi.spyOn(console, 'warn').mockImplementation(() => {});
        const start = performance.now();
        const tools = await session.listTools().finally(() => quiet.mockRestore());
        timings.push(`${kind} ${(performance.now() - start).toFixed(0)} ms`);
        expect(
          tools.map((tool) => tool.name),
          kind,
        ).toEqual(expected);
        for (const [index, tool] of tools.entries()) {
          const op = model.operations[index];
          // Compact detail, the default: the model's schemas, compacted, arrive through the client as sent.
          const compact = compactDefinition({
            name: tool.name,
            description: '',
            inputSchema: op?.inputSchema as JsonSchema & { type: 'object' },
            ...(op?.outputSchema !== undefined && {
              outputSchema: op.outputSchema as JsonSchema & { type: 'object' },
            }),
          });
          expect(tool.inputSchema, `${kind} ${tool.name}`).toEqual(compact.inputSchema);
          expect(tool.outputSchema, `${kind} ${tool.name}`).toEqual(compact.outputSchema);
        }
      } finally {
        await session.close();
      }
    }
    console.log(`${name}: ${expected.length} tools listed (${timings.join(', ')})`);
  });
});
