/**
 * loadSpec on real specs of the corpus: versions, formats, Swagger 2.0
 * conversion, multi-file refs, a dangling ref in a vendor extension, and the
 * largest specs. The loader's core tests
 * (test/unit/loader/load-spec.test.ts) cover each feature on small fixtures.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/errors.js';
import { loadSpec } from '../../src/loader/load-spec.js';
import { externalRefs } from '../helpers/external-refs.js';
import { REPO_ROOT } from '../helpers/mcp-session.js';
import { CORPUS, HAS_CORPUS, listDocumentOperations } from './corpus-specs.js';

const repo = REPO_ROOT;
const corpus = CORPUS;

function countOperations(document: object): number {
  return listDocumentOperations(document as Record<string, unknown>).length;
}

/** The paths object, typed loosely: tests poke into converted documents. */
function pathsOf(loaded: { document: { paths?: unknown } }): Record<string, any> {
  return (loaded.document.paths ?? {}) as Record<string, any>;
}

describe.skipIf(!HAS_CORPUS)('corpus: loadSpec versions and formats', () => {
  it.each([
    ['oai/v3.0/petstore.yaml', '3.0', 3],
    ['oai/v3.0/petstore-expanded.json', '3.0', 4],
    ['oai/v3.1/non-oauth-scopes.json', '3.1', 1],
    ['oai/v3.0/callback-example.yaml', '3.0', 1],
  ] as const)('loads %s as %s with %i operations', async (file, version, operations) => {
    const loaded = await loadSpec(path.join(corpus, file), { cwd: repo });
    expect(loaded.inputVersion).toBe(version);
    expect(loaded.document.openapi.startsWith(version)).toBe(true);
    expect(countOperations(loaded.document)).toBe(operations);
    // The loader reports the real path (a corpus folder may be a symlink).
    expect(loaded.source).toBe(realpathSync(path.join(corpus, file)));
  });

  it('accepts a 3.1 spec with only webhooks', async () => {
    const loaded = await loadSpec(path.join(corpus, 'oai/v3.1/webhook-example.yaml'), { cwd: repo });
    expect(Object.keys((loaded.document as any).webhooks ?? {})).toEqual(['newPet']);
  });

  it('converts Swagger 2.0 YAML (uber) to OpenAPI 3.0', async () => {
    const loaded = await loadSpec(path.join(corpus, 'oai/v2.0/yaml/uber.yaml'), { cwd: repo });
    expect(loaded.inputVersion).toBe('2.0');
    expect(loaded.document.openapi).toMatch(/^3\.0\./);
    expect(countOperations(loaded.document)).toBe(5);
    expect(loaded.document.servers?.[0]?.url).toBe('https://api.uber.com/v1');
    expect(Object.keys(loaded.document.components?.schemas ?? {})).toContain('Product');
    expect(JSON.stringify(loaded.document)).not.toContain('#/definitions/');
  });

  it('converts the multi-file Swagger 2.0 petstore when the ref root covers ../common', async () => {
    const root = path.join(corpus, 'oai/v2.0/json/petstore-separate');
    const loaded = await loadSpec(path.join(root, 'spec/swagger.json'), { cwd: repo, refRoot: root });
    expect(loaded.inputVersion).toBe('2.0');
    expect(externalRefs(loaded.document)).toEqual([]);
    const get = pathsOf(loaded)['/pets']?.get;
    // The external parameters file was inlined and converted (collectionFormat csv → style form).
    expect(get?.parameters).toEqual([
      expect.objectContaining({ name: 'tags', in: 'query', style: 'form', explode: false }),
      expect.objectContaining({ name: 'limit', in: 'query', schema: { type: 'integer', format: 'int32' } }),
    ]);
    const errorSchema = (get as any).responses.default.content['application/json'].schema;
    expect(errorSchema).toMatchObject({ required: ['code', 'message'] });
  });

  it('refuses the same petstore when the root is the spec folder, naming the ref', async () => {
    // The corpus lies outside the repository (cwd), so the default root is the spec's own folder.
    const spec = path.join(corpus, 'oai/v2.0/json/petstore-separate/spec/swagger.json');
    await expect(loadSpec(spec, { cwd: repo })).rejects.toMatchObject({
      code: ErrorCode.SPEC_REF,
      message: expect.stringMatching(/'\.\.\/common\/Error\.json'.*--ref-root DIR/s),
    });
  });

  it('replaces a dangling ref inside a vendor extension by {} with a warning (Spotify)', async () => {
    const loaded = await loadSpec(path.join(corpus, 'spotify/official-spotify-open-api.yml'), {
      cwd: repo,
      validate: false,
    });
    expect(countOperations(loaded.document)).toBe(96);
    const policy = (loaded.document.components as Record<string, any>)['x-spotify-policy'];
    expect(policy.policies).toEqual({});
    expect(loaded.diagnostics).toEqual([
      expect.objectContaining({
        code: 'OMCP_REF_DROPPED',
        severity: 'warning',
        pointer: '/components/x-spotify-policy/policies',
        message: expect.stringContaining("$ref '../policies.yaml'"),
      }),
    ]);
  });
});

describe.skipIf(!HAS_CORPUS)('corpus: loadSpec on the largest specs', () => {
  it.each([
    ['stripe/spec3.yaml', '3.0', 468],
    ['kubernetes/swagger.json', '2.0', 1123],
    ['digitalocean/specification/DigitalOcean-public.v2.yaml', '3.0', 659],
  ] as const)('loads %s (%s, %i operations) with no schema violation', async (file, version, operations) => {
    // Load time is a benchmark figure (bench/cold-start.mjs), not a test: these machines are shared.
    const loaded = await loadSpec(path.join(corpus, file), { cwd: repo });
    expect(loaded.inputVersion).toBe(version);
    expect(countOperations(loaded.document)).toBe(operations);
    expect(externalRefs(loaded.document)).toEqual([]);
    expect(loaded.diagnostics.filter((d) => d.code === 'OMCP_SPEC_SCHEMA_VIOLATION')).toEqual([]);
  });
});
