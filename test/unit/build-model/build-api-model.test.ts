import { describe, expect, it } from 'vitest';
import { buildApiModel } from '../../../src/build-model/build-api-model.js';
import { getAtPointer, parseRef, resolveRef } from '../../../src/build-model/resolve-ref.js';
import { toPointer } from '../../../src/json-pointer.js';
import { makeDoc } from './helpers.js';

describe('operations', () => {
  it('every path × method in document order, ids, sources, tags, deprecated', () => {
    const doc = makeDoc({
      '/pets/{petId}': {
        parameters: [{ name: 'petId', in: 'path', required: true, schema: { type: 'string' } }],
        delete: { responses: {} },
        get: { operationId: 'getPet', tags: ['pets', 3], deprecated: true, responses: {} },
        summary: 'not an operation',
        'x-ext': { get: {} },
      },
      '/a~b': { post: { responses: {} } },
    });
    const { model } = buildApiModel(doc);
    expect(model.operations.map((o) => [o.id, o.method, o.pathTemplate, o.source, o.toolName])).toEqual([
      [
        'DELETE /pets/{petId}',
        'delete',
        '/pets/{petId}',
        '/paths/~1pets~1{petId}/delete',
        'delete_pets_petId',
      ],
      ['getPet', 'get', '/pets/{petId}', '/paths/~1pets~1{petId}/get', 'getPet'],
      ['POST /a~b', 'post', '/a~b', '/paths/~1a~0b/post', 'post_a_b'],
    ]);
    expect(model.operations[1]!.tags).toEqual(['pets']);
    expect(model.operations[1]!.deprecated).toBe(true);
    expect(model.operations[1]!.description).toBe('Deprecated. GET /pets/{petId}');
  });

  it('path-item $ref is resolved', () => {
    const doc = makeDoc(
      { '/x': { $ref: '#/components/pathItems/X' } },
      {
        openapi: '3.1.0',
        components: { pathItems: { X: { get: { operationId: 'viaRef', responses: {} } } } },
      },
    );
    expect(buildApiModel(doc).model.operations.map((o) => o.id)).toEqual(['viaRef']);
  });

  it('webhooks and callbacks are not tools', () => {
    const doc = makeDoc(
      {
        '/s': {
          post: {
            operationId: 'subscribe',
            callbacks: { ev: { '{$request.body#/url}': { post: { operationId: 'cb', responses: {} } } } },
            responses: {},
          },
        },
      },
      { openapi: '3.1.0', webhooks: { newPet: { post: { operationId: 'wh', responses: {} } } } },
    );
    const { model, diagnostics } = buildApiModel(doc);
    expect(model.operations.map((o) => o.id)).toEqual(['subscribe']);
    expect(diagnostics).toContainEqual(expect.objectContaining({ pointer: '/webhooks', severity: 'info' }));
  });

  it('an operation that cannot be modelled is skipped with a diagnostic; the rest survive', () => {
    const doc = makeDoc({
      '/bad': { get: 'nope', post: { responses: {} } },
      '/worse': { get: { parameters: 5, responses: null } },
    });
    const getter = {
      get: () => {
        throw new Error('boom');
      },
      enumerable: true,
    };
    const exploding = Object.defineProperty({ responses: {} }, 'requestBody', getter);
    (doc.paths as Record<string, Record<string, unknown>>)['/boom'] = { put: exploding };
    const { model, diagnostics } = buildApiModel(doc);
    expect(model.operations.map((o) => o.id)).toEqual(['POST /bad', 'GET /worse']);
    const skipped = diagnostics.filter((d) => d.code === 'OMCP_OPERATION_SKIPPED');
    expect(skipped.map((d) => d.pointer)).toEqual(['/paths/~1bad/get', '/paths/~1boom/put']);
    expect(skipped[1]!.message).toMatch(/boom/);
  });

  it('schemas cut to their size budget are reported once per build', () => {
    const schemas: Record<string, unknown> = {};
    for (let i = 0; i < 60; i++) {
      schemas[`S${i}`] = {
        type: 'object',
        description: 'd'.repeat(1000),
        properties: { next: { $ref: `#/components/schemas/S${(i + 1) % 60}` } },
      };
    }
    const response = {
      '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/S0' } } } },
    };
    const doc = makeDoc(
      { '/a': { get: { responses: response } }, '/b': { get: { responses: response } } },
      { components: { schemas } },
    );
    const budget = buildApiModel(doc).diagnostics.filter((d) => /size budget/.test(d.message));
    expect(budget).toHaveLength(1);
    expect(budget[0]!.message).toMatch(/^0 input and 2 output/);
  });

  it('info defaults and sanitising', () => {
    expect(buildApiModel(makeDoc({}, { info: {} })).model.info).toEqual({ title: 'API', version: '0.0.0' });
    expect(
      buildApiModel(makeDoc({}, { info: { title: 'Pet\u202Estore', version: 2, description: ' Hi ' } })).model
        .info,
    ).toEqual({
      title: 'Petstore',
      version: '2',
      description: 'Hi',
    });
  });

  it('deterministic: same document → byte-identical JSON; the input is not mutated', () => {
    const doc = makeDoc(
      {
        '/a/{id}': {
          get: {
            parameters: [{ name: 'id', in: 'path', schema: { $ref: '#/components/schemas/Id' } }],
            responses: {
              '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Node' } } } },
            },
          },
        },
      },
      {
        components: {
          schemas: {
            Id: { type: 'string', nullable: true, example: 'x' },
            Node: { type: 'object', properties: { next: { $ref: '#/components/schemas/Node' } } },
          },
        },
      },
    );
    const before = JSON.stringify(doc);
    const a = JSON.stringify(buildApiModel(doc));
    const b = JSON.stringify(buildApiModel(structuredClone(doc)));
    expect(a).toBe(b);
    expect(JSON.stringify(doc)).toBe(before);
    expect(a).not.toContain('#/components');
  });

  it('Object.prototype stays untouched by hostile names everywhere', () => {
    const doc = JSON.parse(`{
      "openapi": "3.0.0", "info": {"title": "t", "version": "1"},
      "paths": {"/__proto__/{constructor}": {"get": {"operationId": "__proto__",
        "parameters": [{"name": "constructor", "in": "path", "schema": {"type": "string"}}],
        "responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/__proto__"}}}}}}}},
      "components": {
        "schemas": {"__proto__": {"type": "object", "properties": {"__proto__": {"type": "string"}, "x": {"$ref": "#/components/schemas/__proto__"}}}},
        "securitySchemes": {"__proto__": {"type": "http", "scheme": "bearer"}}
      }
    }`);
    const { model } = buildApiModel(doc);
    expect(({} as Record<string, unknown>).type).toBeUndefined();
    expect(Object.hasOwn(model.securitySchemes, '__proto__')).toBe(true);
    const op = model.operations[0]!;
    expect(op.toolName).toBe('proto');
    expect(op.arguments.map((a) => a.name)).toEqual(['constructor']);
    const out = op.outputSchema as { $defs: Record<string, unknown> };
    expect(Object.hasOwn(out.$defs, '__proto__')).toBe(true);
    const reparsed = JSON.parse(JSON.stringify(out)).$defs;
    expect(Object.getOwnPropertyDescriptor(reparsed, '__proto__')?.value.properties.x).toEqual({
      $ref: '#/$defs/__proto__',
    });
  });
});

describe('resolve-ref', () => {
  it.each<[string, string[] | undefined]>([
    ['#/components/schemas/a~1b~0c', ['components', 'schemas', 'a/b~c']],
    ['#/paths/~1pets~1%7BpetId%7D', ['paths', '/pets/{petId}']],
    ['#', []],
    ['other.yaml#/x', undefined],
    ['#anchor', undefined],
    ['#/%E0%A4%A', undefined],
  ])('parseRef %s', (ref, expected) => {
    expect(parseRef(ref)).toEqual(expected);
  });

  it('toPointer escapes ~ before /', () => {
    expect(toPointer(['paths', '/a~b/{c}'])).toBe('/paths/~1a~0b~1{c}');
  });

  it('array indices and own properties only', () => {
    const doc = { a: [{ b: 1 }], o: {} };
    expect(getAtPointer(doc, ['a', '0', 'b'])).toEqual({ found: true, value: 1 });
    expect(getAtPointer(doc, ['a', '01'])).toEqual({ found: false, value: undefined });
    expect(getAtPointer(doc, ['o', 'toString'])).toEqual({ found: false, value: undefined });
  });

  it('refs to refs resolve to the final canonical ref; loops fail', () => {
    const doc = {
      c: { a: { $ref: '#/c/b' }, b: { $ref: '#/c/t' }, t: { type: 'string' }, l: { $ref: '#/c/l' } },
    };
    expect(resolveRef(doc, '#/c/a')).toEqual({ ok: true, value: { type: 'string' }, ref: '#/c/t' });
    expect(resolveRef(doc, '#/c/l')).toMatchObject({ ok: false });
  });
});
