/**
 * Random small OpenAPI 3.0/3.1 documents for the property tests (SECURITY.md
 * plan I.53 and B.15): random names (unicode, punctuation, prototype keys),
 * parameter locations and styles, nested schemas, `$ref` cycles, and random
 * unicode in the texts a generator writes into its files.
 */
import fc from 'fast-check';
import type { OpenAPIV3 } from 'openapi-types';

/** The servers URL of every random spec. */
export const BASE = 'https://api.example.com/base/v1';

export const nastyName = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 80 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      'hasOwnProperty',
      'a b',
      'x/y',
      '{id}',
      '..',
      '.',
      '%2e%2e',
      'é',
      '😀',
      'id',
      'body',
      'Content-Type',
      'a'.repeat(90),
    ),
  },
);

const identifier = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,9}$/);

/** A schema: leaves with constraints, objects, arrays, compositions, refs to components S0..S2 (cycles allowed). */
const schemaArb = fc.letrec<{ schema: Record<string, unknown> }>((tie) => ({
  schema: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record(
      {
        type: fc.constant('string'),
        format: fc.constantFrom('date-time', 'uuid', 'email', 'uri', 'byte'),
        maxLength: fc.integer({ min: 1, max: 40 }),
        pattern: fc.constantFrom('^[a-z]+$', '^\\d{2,4}$', '(', '^[a-zA-Z0-9_\\-\\:]+$'),
      },
      { requiredKeys: ['type'] },
    ),
    fc.record(
      {
        type: fc.constant('integer'),
        minimum: fc.integer({ min: -5, max: 5 }),
        maximum: fc.integer({ min: 6, max: 50 }),
      },
      { requiredKeys: ['type'] },
    ),
    fc.record(
      { type: fc.constantFrom('boolean', 'number'), nullable: fc.boolean() },
      { requiredKeys: ['type'] },
    ),
    fc.record({ enum: fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxLength: 4 }) }),
    fc.record({
      $ref: fc.constantFrom('#/components/schemas/S0', '#/components/schemas/S1', '#/components/schemas/S2'),
    }),
    fc.record(
      {
        type: fc.constant('object'),
        properties: fc.dictionary(nastyName, tie('schema'), { maxKeys: 4 }),
        required: fc.array(nastyName, { maxLength: 2 }),
        additionalProperties: fc.oneof(fc.boolean(), tie('schema')),
      },
      { requiredKeys: ['type'] },
    ),
    fc.record({ type: fc.constant('array'), items: tie('schema'), minItems: fc.integer({ min: 0, max: 2 }) }),
    fc.record({ oneOf: fc.array(tie('schema'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ anyOf: fc.array(tie('schema'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ allOf: fc.array(tie('schema'), { minLength: 1, maxLength: 2 }) }),
  ),
})).schema;

const STYLES: Record<string, string[]> = {
  path: ['simple', 'label', 'matrix'],
  query: ['form', 'spaceDelimited', 'pipeDelimited', 'deepObject'],
  header: ['simple'],
  cookie: ['form'],
};

const parameterArb = fc
  .record({
    name: fc.oneof(identifier, nastyName),
    in: fc.constantFrom('path', 'query', 'header', 'cookie'),
    styleIndex: fc.nat(3),
    explode: fc.boolean(),
    required: fc.boolean(),
    schema: schemaArb,
  })
  .map(({ styleIndex, ...p }) => {
    const styles = STYLES[p.in] as string[];
    return { ...p, style: styles[styleIndex % styles.length], required: p.in === 'path' ? true : p.required };
  });

const operationArb = fc.record(
  {
    operationId: nastyName,
    method: fc.constantFrom('get', 'post', 'put', 'delete', 'patch'),
    segments: fc.array(fc.oneof(identifier, nastyName), { minLength: 1, maxLength: 3 }),
    parameters: fc.array(parameterArb, { maxLength: 4 }),
    body: fc.option(
      fc.record({
        mediaType: fc.constantFrom('application/json', 'application/x-www-form-urlencoded'),
        schema: schemaArb,
      }),
      { nil: undefined },
    ),
  },
  { requiredKeys: ['method', 'segments', 'parameters'] },
);

export const specArb = fc
  .record({
    operations: fc.array(operationArb, { minLength: 1, maxLength: 5 }),
    components: fc.tuple(schemaArb, schemaArb, schemaArb),
    version: fc.constantFrom('3.0.3', '3.1.0'),
  })
  .map(({ operations, components, version }) => {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const op of operations) {
      const pathParams = op.parameters.filter((p) => p.in === 'path');
      const path = `/${[...op.segments.map((s) => encodeURIComponent(s)), ...pathParams.map((p) => `{${p.name}}`)].join('/')}`;
      const item = paths[path] ?? {};
      paths[path] = item;
      item[op.method] = {
        ...(op.operationId !== undefined && { operationId: op.operationId }),
        parameters: op.parameters,
        ...(op.body !== undefined && {
          requestBody: { required: true, content: { [op.body.mediaType]: { schema: op.body.schema } } },
        }),
        responses: {
          '200': { description: 'ok', content: { 'application/json': { schema: components[0] } } },
        },
      };
    }
    return {
      openapi: version,
      info: { title: 'random', version: '1' },
      servers: [{ url: BASE }],
      paths,
      components: { schemas: { S0: components[0], S1: components[1], S2: components[2] } },
    } as unknown as OpenAPIV3.Document;
  });
