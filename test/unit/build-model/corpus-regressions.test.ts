/**
 * The smallest reproductions of what the real-world corpus (test/corpus/)
 * found, one fixture each under test/fixtures/corpus/.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApiModel } from '../../../src/build-model/build-api-model.js';
import { loadSpec } from '../../../src/loader/load-spec.js';
import { buildRequest } from '../../../src/runtime/build-request.js';
import { createAjv } from '../../../src/runtime/create-ajv.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/corpus');

async function build(name: string) {
  const loaded = await loadSpec(join(FIXTURES, name));
  return buildApiModel(loaded.document);
}

describe('corpus regressions', () => {
  it('output schemas accept responses that match one of several const-discriminated branches (Discord, OpenAI)', async () => {
    const { model } = await build('output-oneof-const.yaml');
    const output = model.operations[0]?.outputSchema as object;
    const validate = createAjv().compile(output);
    const response = { result: [{ kind: 1, source: { type: 'a', a: 'x' }, name: 'ok' }] };
    expect(validate(response), JSON.stringify(validate.errors)).toBe(true);
    // Still a shape: a string where an integer belongs is refused.
    expect(validate({ result: [{ kind: 'one' }] })).toBe(false);
    expect(JSON.stringify(output)).not.toContain('"oneOf"');
    expect(JSON.stringify(output)).not.toContain('"not"');
  });

  it('sends a path key with a `#suffix` (Box) to the path before the `#`', async () => {
    const { model } = await build('path-fragment.yaml');
    const [folders, remove] = model.operations;
    expect(folders?.toolName).toBe('get_shared_items_folders');
    expect(buildRequest(folders!, {}, 'https://api.example.com/2.0').url).toBe(
      'https://api.example.com/2.0/shared_items',
    );
    expect(buildRequest(remove!, { web_link_id: '12 3' }, 'https://api.example.com/2.0').url).toBe(
      'https://api.example.com/2.0/web_links/12%203',
    );
  });

  it('cuts $ref cycles that never step into a property or item, so validation finishes', async () => {
    const { model, diagnostics } = await build('unguarded-ref-cycle.yaml');
    const op = model.operations[0]!;
    const ajv = createAjv();
    const validate = ajv.compile(op.inputSchema as object);
    expect(validate({ a: 'x', b: {}, tree: { child: { child: {} } } })).toBe(true);
    expect(validate({ tree: { child: 'no' } })).toBe(false);
    expect(ajv.compile(op.outputSchema as object)({ p: {} })).toBe(true);
    expect(JSON.stringify(op.inputSchema)).toContain('"child":{"$ref":"#/$defs/Tree"}');
    expect(diagnostics.find((d) => d.code === 'OMCP_SCHEMA_CYCLE_CUT')?.message).toMatch(
      /led back to themselves/,
    );
  });

  it('keeps a pattern with needless escapes (DigitalOcean `\\:`) by dropping them, instead of dropping the pattern', async () => {
    const { model, diagnostics } = await build('pattern-identity-escape.yaml');
    const schema = model.operations[0]?.inputSchema as { properties: Record<string, { pattern?: string }> };
    expect(schema.properties.name?.pattern).toBe('^[a-zA-Z0-9_\\-:]+$');
    expect(schema.properties.label?.pattern).toBe('^@\\d+$');
    const validate = createAjv().compile(schema);
    expect(validate({ name: 'env:prod', label: '@12' })).toBe(true);
    expect(validate({ name: 'env prod' })).toBe(false);
    expect(
      diagnostics.filter((d) => d.code === 'OMCP_SCHEMA_PATTERN_REWRITTEN').map((d) => d.severity),
    ).toEqual(['info', 'info']);
  });
});
