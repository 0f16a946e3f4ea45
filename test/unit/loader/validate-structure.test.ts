import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../../src/loader/load-spec.js';
import { validateStructure } from '../../../src/loader/validate-structure.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures');
const VIOLATIONS = join(FIXTURES, 'spec/schema-violations.yaml');

describe('validateStructure', () => {
  it('reports each violation once, at its deepest pointer, with what is wrong', async () => {
    const { diagnostics } = await loadSpec(VIOLATIONS, { cwd: FIXTURES });
    const found = diagnostics
      .filter((d) => d.code === 'OMCP_SPEC_SCHEMA_VIOLATION')
      .map((d) => [d.pointer, d.message]);
    expect(found).toEqual([
      [
        '/paths/~1things/get/responses/200',
        'breaks the OpenAPI 3.0 schema: missing required field "description"',
      ],
      [
        '/paths/~1things/get/responses/200/content/application~1json/schema/items/required',
        'breaks the OpenAPI 3.0 schema: must be array',
      ],
      ['/paths/~1things~1{id}/get', 'breaks the OpenAPI 3.0 schema: unknown field "summery"'],
    ]);
    expect(diagnostics.every((d) => d.severity === 'warning')).toBe(true);
  });

  it('finds nothing in a valid spec of each version', async () => {
    for (const spec of ['specs/petstore.yaml', 'specs/library.swagger.json']) {
      const { diagnostics } = await loadSpec(spec, { cwd: join(import.meta.dirname, '../../..') });
      expect(diagnostics.filter((d) => d.code === 'OMCP_SPEC_SCHEMA_VIOLATION')).toEqual([]);
    }
  });

  it('is skipped with validate: false', async () => {
    const { diagnostics } = await loadSpec(VIOLATIONS, { cwd: FIXTURES, validate: false });
    expect(diagnostics.filter((d) => d.code === 'OMCP_SPEC_SCHEMA_VIOLATION')).toEqual([]);
  });

  it('checks Swagger 2.0 against its own schema, with pointers into the document as written', () => {
    const swagger = {
      swagger: '2.0',
      info: { title: 't', version: '1' },
      paths: { '/a': { get: { responses: { 200: { description: 'ok' } }, produces: 'application/json' } } },
    };
    expect(validateStructure(swagger, '2.0')).toEqual([
      expect.objectContaining({
        pointer: '/paths/~1a/get/produces',
        message: 'breaks the Swagger 2.0 schema: must be array',
      }),
    ]);
  });

  it('reports a flood as fifty violations and a count', () => {
    const paths: Record<string, unknown> = {};
    for (let i = 0; i < 60; i++) paths[`/p${i}`] = { get: { responses: { 200: {} } } };
    const found = validateStructure({ openapi: '3.0.3', info: { title: 't', version: '1' }, paths }, '3.0');
    expect(found).toHaveLength(51);
    expect(found[50]?.message).toBe('10 more places break the OpenAPI 3.0 schema (not listed)');
  });
});
