/**
 * Smoke test over the real-world corpus (/work/shared/specs, or
 * OPENAPI_MCP_CORPUS): every single-file spec builds, fast, into valid,
 * bounded tool definitions. Multi-file specs belong to the loader's tests.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApiModel } from '../../../src/build-model/build-api-model.js';
import { createAjv } from './helpers.js';

const CORPUS = process.env.OPENAPI_MCP_CORPUS ?? '/work/shared/specs';
const require = createRequire(import.meta.url);

const SPECS = [
  'oai/v3.0/petstore-expanded.json',
  'oai/v3.0/petstore.yaml',
  'oai/v3.0/uspto.yaml',
  'oai/v3.0/link-example.yaml',
  'oai/v3.0/callback-example.yaml',
  'oai/v3.0/api-with-examples.yaml',
  'oai/v3.1/non-oauth-scopes.json',
  'oai/v3.1/webhook-example.yaml',
  'oai/v2.0/json/petstore-minimal.json',
  'oai/v2.0/yaml/uber.yaml',
  'stripe/spec3.yaml',
  'kubernetes/swagger.json',
  'box/openapi.json',
  'discord/openapi.json',
  'pagerduty/rest-openapiv3.json',
  'pagerduty/events-v2-openapiv3.json',
  'sentry/openapi-derefed.json',
  'openai/openapi.yaml',
  'plaid/2020-09-14.yml',
  'slack/slack_web_openapi_v2.json',
  'adyen/CheckoutService-v72.json',
  'adyen/BalancePlatformBalanceNotification-v1.json',
  'twilio/twilio_api_v2010.json',
  'twilio/twilio_messaging_v1.yaml',
  'line/messaging-api.yml',
  'overseerr/overseerr-api.yml',
  'spotify/official-spotify-open-api.yml',
  'zoom/zoom-video-sdk.json',
];

async function loadDocument(file: string): Promise<Record<string, unknown>> {
  const text = readFileSync(file, 'utf8');
  let doc: Record<string, unknown>;
  if (file.endsWith('.json')) doc = JSON.parse(text);
  else {
    // js-yaml ships without types; it is only a transitive dependency, fine for a test.
    const yaml = require('js-yaml') as { load: (s: string) => unknown };
    doc = yaml.load(text) as Record<string, unknown>;
  }
  if (typeof doc.swagger === 'string') {
    const s2o = require('swagger2openapi') as {
      convertObj: (d: unknown, o: object) => Promise<{ openapi: Record<string, unknown> }>;
    };
    doc = (await s2o.convertObj(doc, { patch: true, warnOnly: true, resolve: false })).openapi;
  }
  return doc;
}

/** `$ref` values that do not point into the tool schema's own `$defs`. */
function foreignRefs(schema: unknown, out: string[] = []): string[] {
  if (Array.isArray(schema)) for (const s of schema) foreignRefs(s, out);
  else if (typeof schema === 'object' && schema !== null) {
    for (const [key, value] of Object.entries(schema)) {
      // examples/default/const/enum hold data, not schemas
      if (key === 'examples' || key === 'default' || key === 'const' || key === 'enum') continue;
      if (key === '$ref' && typeof value === 'string' && !value.startsWith('#/$defs/')) out.push(value);
      else foreignRefs(value, out);
    }
  }
  return out;
}

describe.skipIf(!existsSync(CORPUS))('corpus', () => {
  it.each(SPECS)('%s', async (name) => {
    const file = join(CORPUS, name);
    const doc = await loadDocument(file);
    const start = performance.now();
    const { model, diagnostics } = buildApiModel(doc as never);
    const ms = performance.now() - start;
    const json = JSON.stringify(model);
    console.log(
      `${name}: ${model.operations.length} tools in ${ms.toFixed(0)} ms, model ${(json.length / 1e6).toFixed(2)} MB, ${diagnostics.length} diagnostics`,
    );

    // Generous: the corpus runs on loaded CI machines; Stripe/Kubernetes take ~0.3–0.6 s warm.
    expect(ms).toBeLessThan(5000);
    expect(json.length).toBeLessThan(6 * statSync(file).size + 1_000_000);
    const badRefs = model.operations.flatMap((o) => [
      ...foreignRefs(o.inputSchema),
      ...foreignRefs(o.outputSchema),
    ]);
    expect(badRefs).toEqual([]);

    const names = model.operations.map((o) => o.toolName);
    for (const n of names) expect(n).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(new Set(names.map((n) => n.toLowerCase().replace(/-/g, '_'))).size).toBe(names.length);

    // Compiling thousands of big schemas dominates the run; sample outputs on the largest specs.
    const outputStep = Math.ceil(model.operations.length / 60);
    const ajv = createAjv();
    for (const [index, op] of model.operations.entries()) {
      const input = op.inputSchema as Record<string, unknown>;
      expect(input.type).toBe('object');
      expect(input.additionalProperties).toBe(false);
      expect(op.description.length).toBeGreaterThan(0);
      expect(op.description.length).toBeLessThanOrEqual(1024);
      expect(() => ajv.compile(input), `${op.toolName} input`).not.toThrow();
      if (op.outputSchema !== undefined && index % outputStep === 0) {
        expect((op.outputSchema as Record<string, unknown>).type).toBe('object');
        expect(() => ajv.compile(op.outputSchema as object), `${op.toolName} output`).not.toThrow();
      }
      ajv.removeSchema();
    }
  });

  it('is deterministic on a large spec', async () => {
    const doc = await loadDocument(join(CORPUS, 'box/openapi.json'));
    const a = JSON.stringify(buildApiModel(doc as never));
    const b = JSON.stringify(buildApiModel(structuredClone(doc) as never));
    expect(a === b).toBe(true);
  });
});
