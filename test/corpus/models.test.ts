/**
 * Every root document of the corpus goes through the real pipeline and gives
 * valid, bounded tools: names, operation accounting (tool or skipped, with the
 * reason), schemas that compile under Ajv 2020 (each distinct schema once).
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApiModel } from '../../src/build-model/build-api-model.js';
import { MAX_TOOL_DESCRIPTION_LENGTH } from '../../src/build-model/description.js';
import { DiagnosticCode } from '../../src/diagnostics.js';
import { SpecLoadError } from '../../src/errors.js';
import { createAjv } from '../../src/runtime/create-ajv.js';
import {
  CORPUS_SPECS,
  corpusSpec,
  countWebhookOperations,
  HAS_CORPUS,
  INDEX,
  listDocumentOperations,
  loadCorpusSpec,
  ROOT_DOCUMENTS,
} from './corpus-specs.js';

const TOOL_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Root documents that must fail to load, with the message expected (it names
 * the file and the JSON pointer). None today: every wart of the corpus is a
 * diagnostic, not a failure (see the Spotify case below); the DigitalOcean case
 * below shows the failure message on a real spec loaded with a wrong ref root.
 */
const EXPECTED_FAILURES: Record<string, RegExp> = {};

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

/** Compiles each distinct schema once; returns `label: message` for those Ajv refuses. */
function compileAll(schemas: Map<string, string>): string[] {
  const ajv = createAjv();
  const failures: string[] = [];
  for (const [json, label] of schemas) {
    try {
      ajv.compile(JSON.parse(json) as object);
    } catch (error) {
      failures.push(`${label}: ${(error as Error).message}`);
    }
    // Keep memory flat: nothing is looked up again.
    ajv.removeSchema();
  }
  return failures;
}

describe.skipIf(!HAS_CORPUS)('corpus: load, build, validate', () => {
  it('covers every root document of SOURCES.md and index.json', () => {
    expect([...ROOT_DOCUMENTS].sort()).toEqual(INDEX.map((entry) => entry.file).sort());
  });

  it.each(CORPUS_SPECS.map((spec) => [spec.name, spec] as const))('%s', async (name, spec) => {
    const expectedFailure = EXPECTED_FAILURES[name];
    if (expectedFailure !== undefined) {
      await expect(loadCorpusSpec(spec)).rejects.toThrow(expectedFailure);
      return;
    }
    const { loaded, model, diagnostics, loadMs, buildMs } = await loadCorpusSpec(spec);
    const document = loaded.document as unknown as Record<string, unknown>;

    // Operation accounting, counted from the document and checked against index.json.
    const operations = listDocumentOperations(document);
    expect(operations.length, 'operations under paths').toBe(spec.expected.operations);
    expect(countWebhookOperations(document), 'webhook operations').toBe(spec.expected.webhookOperations);
    const skipped = diagnostics.filter((d) => d.code === DiagnosticCode.OPERATION_SKIPPED);
    const sources = new Set(model.operations.map((op) => op.source));
    const skippedPointers = new Set(skipped.map((d) => d.pointer));
    const unaccounted = operations.filter(
      (op) => !sources.has(op.pointer) && !skippedPointers.has(op.pointer),
    );
    expect(unaccounted, 'operations neither a tool nor skipped').toEqual([]);
    expect(model.operations.length + skipped.filter((d) => d.pointer?.startsWith('/paths/')).length).toBe(
      operations.length,
    );
    for (const d of skipped) expect(d.message.length, `reason of ${d.pointer}`).toBeGreaterThan(10);
    if (spec.expected.webhookOperations > 0) {
      expect(skipped.some((d) => d.pointer === '/webhooks' && /webhook/.test(d.message))).toBe(true);
    }

    // Tool names: safe, unique (also for clients that fold case or `-`/`_`).
    const names = model.operations.map((op) => op.toolName);
    expect(names.filter((n) => !TOOL_NAME.test(n))).toEqual([]);
    expect(new Set(names.map((n) => n.toLowerCase().replace(/-/g, '_'))).size).toBe(names.length);

    // Bounded, self-contained definitions.
    // The bundled document counts too: DigitalOcean's root file is 2% of its spec.
    const json = JSON.stringify(model);
    const specSize = Math.max(statSync(spec.file).size, JSON.stringify(document).length);
    expect(json.length).toBeLessThan(6 * specSize + 1_000_000);
    const badRefs = model.operations.flatMap((op) => [
      ...foreignRefs(op.inputSchema).map((ref) => `${op.toolName} input: ${ref}`),
      ...foreignRefs(op.outputSchema).map((ref) => `${op.toolName} output: ${ref}`),
    ]);
    expect(badRefs).toEqual([]);

    const schemas = new Map<string, string>();
    for (const op of model.operations) {
      const input = op.inputSchema as Record<string, unknown>;
      expect(input.type, `${op.toolName} input root`).toBe('object');
      expect(input.additionalProperties, `${op.toolName} additionalProperties`).toBe(false);
      expect(op.description.length, `${op.toolName} description`).toBeGreaterThan(0);
      expect(op.description.length).toBeLessThanOrEqual(MAX_TOOL_DESCRIPTION_LENGTH);
      const inputJson = JSON.stringify(input);
      if (!schemas.has(inputJson)) schemas.set(inputJson, `${op.toolName} input`);
      if (op.outputSchema !== undefined) {
        expect((op.outputSchema as Record<string, unknown>).type, `${op.toolName} output root`).toBe(
          'object',
        );
        const outputJson = JSON.stringify(op.outputSchema);
        if (!schemas.has(outputJson)) schemas.set(outputJson, `${op.toolName} output`);
      }
    }
    const compileStart = performance.now();
    expect(compileAll(schemas)).toEqual([]);
    const compileMs = performance.now() - compileStart;

    console.log(
      `${name}: ${operations.length} operations → ${model.operations.length} tools, ${skipped.length} skipped; ` +
        `load ${loadMs.toFixed(0)} ms, build ${buildMs.toFixed(0)} ms, ${schemas.size} distinct schemas compiled in ${compileMs.toFixed(0)} ms; ` +
        `${diagnostics.length} diagnostics`,
    );
  });

  it('refuses DigitalOcean under too narrow a ref root, naming the file, the $ref and its pointer', async () => {
    const spec = corpusSpec('digitalocean');
    const error = await loadCorpusSpec({
      ...spec,
      refRoot: join(spec.refRoot, 'specification/resources/apps'),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecLoadError);
    const loadError = error as SpecLoadError;
    expect(loadError.message).toMatch(
      /^\$ref 'description\.yml#\/introduction' in \S+DigitalOcean-public\.v2\.yaml resolves outside the ref root/,
    );
    expect(loadError.pointer).toBe('/tags/0/description');
  });

  it('reports the dangling Spotify $ref with its file and pointer instead of failing', async () => {
    const { diagnostics, model } = await loadCorpusSpec(corpusSpec('spotify'));
    const dropped = diagnostics.find((d) => d.code === DiagnosticCode.REF_DROPPED);
    expect(dropped?.pointer).toBe('/components/x-spotify-policy/policies');
    expect(dropped?.message).toContain("'../policies.yaml'");
    expect(dropped?.message).toContain('official-spotify-open-api.yml');
    expect(model.operations).toHaveLength(96);
  });

  it('is deterministic on a large spec', async () => {
    const { loaded } = await loadCorpusSpec(corpusSpec('box/'));
    const a = JSON.stringify(buildApiModel(loaded.document));
    const b = JSON.stringify(buildApiModel(structuredClone(loaded.document)));
    expect(a === b).toBe(true);
  });
});
