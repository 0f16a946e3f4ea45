import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, SpecLoadError } from '../../../src/errors.js';
import { loadSpec } from '../../../src/loader/load-spec.js';
import { externalRefs } from '../../helpers/external-refs.js';
import { specWithSchemaRef, writeSpecFile } from '../../helpers/spec-files.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');
const fixtures = path.join(repo, 'test/fixtures/spec');
const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

function countOperations(paths: object | undefined): number {
  let count = 0;
  for (const item of Object.values(paths ?? {})) {
    for (const key of Object.keys(item ?? {})) if (METHODS.has(key)) count++;
  }
  return count;
}

/** The paths object, typed loosely: tests poke into converted documents. */
function pathsOf(loaded: { document: { paths?: unknown } }): Record<string, any> {
  return (loaded.document.paths ?? {}) as Record<string, any>;
}

async function loadError(promise: Promise<unknown>): Promise<SpecLoadError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SpecLoadError);
  return error as SpecLoadError;
}

let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'omcp-spec-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const writeSpec = (name: string, text: string): Promise<string> => writeSpecFile(tmp, name, text);

describe('loadSpec: versions and formats', () => {
  it.each([
    ['specs/petstore.yaml', '3.0', 6],
    ['test/fixtures/spec/openapi-3.1.json', '3.1', 1],
    ['test/fixtures/spec/callbacks.yaml', '3.0', 1],
  ] as const)('loads %s as %s with %i operations', async (file, version, operations) => {
    const loaded = await loadSpec(path.join(repo, file), { cwd: repo });
    expect(loaded.inputVersion).toBe(version);
    expect(loaded.document.openapi.startsWith(version)).toBe(true);
    expect(countOperations(loaded.document.paths)).toBe(operations);
    expect(loaded.source).toBe(path.join(repo, file));
  });

  it('accepts a 3.1 spec with only webhooks', async () => {
    const loaded = await loadSpec(path.join(fixtures, 'webhooks-only.yaml'), { cwd: repo });
    expect(Object.keys((loaded.document as any).webhooks ?? {})).toEqual(['newPet']);
  });

  it('converts Swagger 2.0 YAML to OpenAPI 3.0', async () => {
    const loaded = await loadSpec(path.join(fixtures, 'swagger2.yaml'), { cwd: repo });
    expect(loaded.inputVersion).toBe('2.0');
    expect(loaded.document.openapi).toMatch(/^3\.0\./);
    expect(countOperations(loaded.document.paths)).toBe(3);
    expect(loaded.document.servers?.[0]?.url).toBe('https://api.example.com/v1');
    expect(Object.keys(loaded.document.components?.schemas ?? {})).toContain('Product');
    expect(JSON.stringify(loaded.document)).not.toContain('#/definitions/');
  });

  it('converts a multi-file Swagger 2.0 spec when the ref root covers ../common', async () => {
    const root = path.join(fixtures, 'swagger2-multi-file');
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
    // The body parameter became a request body holding the inlined Pet.json.
    const body = pathsOf(loaded)['/pets']?.post?.requestBody;
    expect(body?.content['application/json'].schema).toMatchObject({ required: ['name'] });
  });

  it('refuses the same spec when the root is the spec folder, naming the ref', async () => {
    const spec = path.join(fixtures, 'swagger2-multi-file/spec/swagger.json');
    const error = await loadError(loadSpec(spec, { cwd: repo, refRoot: path.dirname(spec) }));
    expect(error.code).toBe(ErrorCode.SPEC_REF);
    expect(error.message).toContain("'../common/Error.json'");
    expect(error.message).toContain('--ref-root DIR');
  });

  it.each([
    ['broken.yaml', ErrorCode.SPEC_PARSE, /broken\.yaml at line 8, column 3: invalid YAML/],
    ['broken.json', ErrorCode.SPEC_PARSE, /broken\.json at line 4, column \d+: invalid JSON/],
    [
      'unknown-version.yaml',
      ErrorCode.SPEC_VERSION,
      /unknown-version\.yaml at \/openapi: unsupported version "4\.0\.0"/,
    ],
    ['no-paths.yaml', ErrorCode.SPEC_INVALID, /no-paths\.yaml at \/: the spec has no 'paths' object/],
  ])('rejects %s with %s and a message naming the place', async (file, code, message) => {
    const error = await loadError(loadSpec(path.join(fixtures, file), { cwd: repo }));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(error.message.split('\n')).toHaveLength(1);
  });

  it.each([
    ['a list', '[1, 2]', /expected an OpenAPI object but found an array/],
    ['a scalar', 'hello', /expected an OpenAPI object but found string/],
    ['no version', 'info: {}\npaths: {}\n', /neither an 'openapi' nor a 'swagger' field/],
  ])('rejects %s', async (_name, text, message) => {
    const file = await writeSpec(`shape-${_name.replace(/ /g, '-')}.yaml`, text);
    const error = await loadError(loadSpec(file, { cwd: repo }));
    expect(error.message).toMatch(message);
  });

  it('detects JSON by content whatever the extension', async () => {
    const file = await writeSpec('json-as.yml', specWithSchemaRef('#/x'));
    const loaded = await loadSpec(file, { cwd: tmp });
    expect(pathsOf(loaded)['/a']).toBeDefined();
  });

  it('reports a missing spec file as OMCP_SPEC_READ', async () => {
    const error = await loadError(loadSpec('does-not-exist.yaml', { cwd: tmp }));
    expect(error.code).toBe(ErrorCode.SPEC_READ);
    expect(error.message).toContain(path.join(tmp, 'does-not-exist.yaml'));
  });

  it('refuses a spec larger than maxBytes', async () => {
    const file = await writeSpec('big.json', specWithSchemaRef('#/x'));
    const error = await loadError(loadSpec(file, { cwd: tmp, maxBytes: 100 }));
    expect(error.code).toBe(ErrorCode.SPEC_READ);
    expect(error.message).toMatch(/size limit of 100 bytes/);
    // The user cannot trim a vendor's spec: the message says which flag admits it.
    expect(error.message).toContain('--max-spec-size');
  });

  it('admits a spec past the old 50 MiB default', async () => {
    // ~60 MB of descriptions: GitHub's dereferenced description (70 MB) was refused with 50 MiB.
    const spec = JSON.parse(specWithSchemaRef('#/x')) as Record<string, unknown>;
    spec['x-padding'] = 'x'.repeat(60_000_000);
    const file = await writeSpec('large.json', JSON.stringify(spec));
    const loaded = await loadSpec(file, { cwd: tmp, validate: false });
    expect(pathsOf(loaded)).toBeDefined();
  });
});

describe('loadSpec: $ref bundling', () => {
  const multi = path.join(fixtures, 'multi-file');

  it('bundles ../common/Error.yaml when the ref root holds it, keeping internal refs', async () => {
    const loaded = await loadSpec(path.join(multi, 'spec/api.yaml'), { cwd: repo, refRoot: multi });
    expect(externalRefs(loaded.document)).toEqual([]);
    const responses = pathsOf(loaded)['/pets']?.get?.responses as Record<string, any>;
    expect(responses.default.content['application/json'].schema).toEqual({
      type: 'object',
      required: ['code'],
      properties: { code: { type: 'integer' }, message: { type: 'string' } },
    });
    // Pet.yaml's ref back into the root document becomes an internal ref.
    expect(responses['200'].content['application/json'].schema.items.properties.kind).toEqual({
      $ref: '#/components/schemas/Local',
    });
  });

  it('uses cwd as the default root when the spec lies inside it', async () => {
    const loaded = await loadSpec('spec/api.yaml', { cwd: multi });
    expect(externalRefs(loaded.document)).toEqual([]);
  });

  it('refuses ../common/Error.yaml when the root is the spec folder, naming ref, file and flag', async () => {
    const spec = path.join(multi, 'spec/api.yaml');
    const error = await loadError(loadSpec(spec, { cwd: repo, refRoot: path.join(multi, 'spec') }));
    expect(error.code).toBe(ErrorCode.SPEC_REF);
    expect(error.message).toContain("$ref '../common/Error.yaml#/Error'");
    expect(error.message).toContain(spec);
    expect(error.message).toContain('--ref-root DIR');
  });

  it.each([
    ['a ../ escape', '../../../../../../etc/passwd'],
    ['an absolute path', '/etc/passwd'],
    ['a file: URL', 'file:///etc/passwd'],
    ['/proc', '/proc/self/environ'],
  ])('refuses %s', async (_name, ref) => {
    const file = await writeSpec(`escape/${_name.replace(/\W+/g, '-')}.json`, specWithSchemaRef(ref));
    const error = await loadError(loadSpec(file, { cwd: repo }));
    expect(error.code).toBe(ErrorCode.SPEC_REF);
    expect(error.message).toContain(`$ref '${ref}'`);
    expect(error.message).toContain('outside the ref root');
    expect(error.message).not.toContain('root:x:0:0');
  });

  it('refuses a symlink that leads out of the root', async () => {
    const outside = await writeSpec('outside/secret.json', '{"type": "string", "description": "SECRET"}');
    const file = await writeSpec('linked/api.json', specWithSchemaRef('link/secret.json'));
    await symlink(path.dirname(outside), path.join(tmp, 'linked/link'));
    const error = await loadError(loadSpec(file, { cwd: repo }));
    expect(error.code).toBe(ErrorCode.SPEC_REF);
    expect(error.message).toContain("$ref 'link/secret.json'");
    expect(error.message).toContain('outside the ref root');
    expect(error.message).not.toContain('SECRET');
  });

  it('follows a symlink that stays inside the root', async () => {
    await writeSpec('inlink/real/schema.json', '{"type": "string", "description": "inside"}');
    const file = await writeSpec('inlink/api.json', specWithSchemaRef('alias/schema.json'));
    await symlink(path.join(tmp, 'inlink/real'), path.join(tmp, 'inlink/alias'));
    const loaded = await loadSpec(file, { cwd: repo });
    expect(JSON.stringify(loaded.document)).toContain('"description":"inside"');
  });

  it('keeps an internal cycle as $ref and stays JSON-serialisable', async () => {
    const loaded = await loadSpec(path.join(fixtures, 'circular.yaml'), { cwd: repo });
    const schemas = loaded.document.components?.schemas as Record<string, any>;
    expect(schemas.A.properties.b).toEqual({ $ref: '#/components/schemas/B' });
    expect(schemas.A.properties.self.items).toEqual({ $ref: '#/components/schemas/A' });
    expect(schemas.B.properties.a).toEqual({ $ref: '#/components/schemas/A' });
    expect(() => JSON.stringify(loaded.document)).not.toThrow();
  });

  it('cuts a cycle through an external file by hoisting it into components.schemas', async () => {
    const loaded = await loadSpec(path.join(fixtures, 'external-cycle/api.json'), { cwd: repo });
    const schema = (loaded.document.paths as any)['/tree'].get.responses['200'].content['application/json']
      .schema;
    expect(schema).toEqual({ $ref: '#/components/schemas/tree' });
    expect(loaded.document.components?.schemas?.tree).toEqual({
      type: 'object',
      properties: { children: { type: 'array', items: { $ref: '#/components/schemas/tree' } } },
    });
  });

  it('fails with the ref and file when a referenced file is missing', async () => {
    const file = await writeSpec('missing/api.json', specWithSchemaRef('nope.json'));
    const error = await loadError(loadSpec(file, { cwd: repo }));
    expect(error.code).toBe(ErrorCode.SPEC_REF);
    expect(error.message).toMatch(
      /\$ref 'nope\.json' in .*api\.json points to .*nope\.json, which does not exist/,
    );
  });

  it('replaces a dangling ref inside a vendor extension by {} with a warning', async () => {
    const loaded = await loadSpec(path.join(fixtures, 'extension-ref.yaml'), { cwd: repo, validate: false });
    expect(countOperations(loaded.document.paths)).toBe(1);
    const policy = (loaded.document.components as Record<string, any>)['x-policy'];
    expect(policy.policies).toEqual({});
    expect(loaded.diagnostics).toEqual([
      expect.objectContaining({
        code: 'OMCP_REF_DROPPED',
        severity: 'warning',
        pointer: '/components/x-policy/policies',
        message: expect.stringContaining("$ref '../policies.yaml'"),
      }),
    ]);
  });
});
