import { describe, expect, it } from 'vitest';
import type { ArgumentModel } from '../../../src/model/types.js';
import { buildOne, propertiesOf } from './helpers.js';

const str = { type: 'string' };

function args(operation: Record<string, unknown>, options: Parameters<typeof buildOne>[1] = {}) {
  return buildOne({ responses: {}, ...operation }, options);
}

function pick(a: ArgumentModel) {
  return { name: a.name, in: a.in, wireName: a.wireName, required: a.required };
}

describe('style / explode / allowReserved defaults', () => {
  it.each([
    ['path', {}, { style: 'simple', explode: false }],
    ['query', {}, { style: 'form', explode: true, allowReserved: false }],
    ['header', {}, { style: 'simple', explode: false }],
    ['cookie', {}, { style: 'form', explode: true }],
    ['query', { style: 'deepObject' }, { style: 'deepObject', explode: false, allowReserved: false }],
    ['query', { style: 'form', explode: false }, { style: 'form', explode: false, allowReserved: false }],
    ['query', { allowReserved: true }, { style: 'form', explode: true, allowReserved: true }],
    ['path', { style: 'matrix', explode: true }, { style: 'matrix', explode: true }],
    ['header', { style: 'form' }, { style: 'simple', explode: false }],
  ])('%s %j → %j', (location, extra, expected) => {
    const { op } = args(
      { parameters: [{ name: 'p', in: location, schema: str, ...extra }] },
      { path: location === 'path' ? '/x/{p}' : '/x' },
    );
    const [a] = op.arguments;
    expect({
      style: a!.style,
      explode: a!.explode,
      ...(a!.allowReserved !== undefined && { allowReserved: a!.allowReserved }),
    }).toEqual(expected);
  });
});

describe('parameters', () => {
  it('path params are required; others follow `required`; names kept as written', () => {
    const { op } = args(
      {
        parameters: [
          { name: 'id', in: 'path', schema: str },
          { name: 'filter[status]', in: 'query', schema: str, required: true },
          { name: 'X-Request-Id', in: 'header', schema: str },
          { name: 'session', in: 'cookie', schema: str },
        ],
      },
      { path: '/x/{id}' },
    );
    expect(op.arguments.map(pick)).toEqual([
      { name: 'id', in: 'path', wireName: 'id', required: true },
      { name: 'filter[status]', in: 'query', wireName: 'filter[status]', required: true },
      { name: 'X-Request-Id', in: 'header', wireName: 'X-Request-Id', required: false },
      { name: 'session', in: 'cookie', wireName: 'session', required: false },
    ]);
    expect((op.inputSchema as { required: string[] }).required).toEqual(['id', 'filter[status]']);
  });

  it('operation-level parameter replaces the path-level one of the same name and location, in place', () => {
    const { op } = args(
      { parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer' }, description: 'op' }] },
      {
        pathLevel: {
          parameters: [
            { name: 'limit', in: 'query', schema: str, description: 'path' },
            { name: 'q', in: 'query', schema: str },
          ],
        },
      },
    );
    expect(op.arguments.map((a) => a.name)).toEqual(['limit', 'q']);
    expect(propertiesOf(op.inputSchema).limit).toEqual({ type: 'integer', description: 'op' });
  });

  it('parameter $refs (incl. ~1 escapes) are resolved', () => {
    const { op } = args(
      { parameters: [{ $ref: '#/components/parameters/a~1b' }] },
      { components: { parameters: { 'a/b': { name: 'page', in: 'query', schema: { type: 'integer' } } } } },
    );
    expect(op.arguments.map((a) => a.name)).toEqual(['page']);
  });

  it('content parameter: contentType set, schema from the media type, no style', () => {
    const { op } = args({
      parameters: [
        {
          name: 'filter',
          in: 'query',
          content: { 'application/json': { schema: { type: 'object', properties: { a: str } } } },
        },
      ],
    });
    const [a] = op.arguments;
    expect(a).toEqual({
      name: 'filter',
      in: 'query',
      wireName: 'filter',
      required: false,
      contentType: 'application/json',
    });
    expect(propertiesOf(op.inputSchema).filter).toEqual({ type: 'object', properties: { a: str } });
  });

  it('carries description, example, default, enum, format, deprecated', () => {
    const { op } = args({
      parameters: [
        {
          name: 'status',
          in: 'query',
          description: '  Filter by status. ',
          example: 'open',
          deprecated: true,
          schema: { type: 'string', enum: ['open', 'closed'], default: 'open', format: 'slug' },
        },
      ],
    });
    expect(propertiesOf(op.inputSchema).status).toEqual({
      type: 'string',
      description: 'Filter by status.',
      format: 'slug',
      enum: ['open', 'closed'],
      default: 'open',
      deprecated: true,
      examples: ['open'],
    });
  });

  it.each([
    'Host',
    'authorization',
    'Cookie',
    'Content-Length',
    'content-type',
    'Transfer-Encoding',
    'Connection',
    'Proxy-Authorization',
    'X-Forwarded-For',
    'Accept',
  ])('header %s is dropped with a diagnostic', (name) => {
    const { op, diagnostics } = args({ parameters: [{ name, in: 'header', schema: str }] });
    expect(op.arguments).toEqual([]);
    expect(diagnostics.map((d) => d.code)).toContain('OMCP_PARAMETER_DROPPED');
  });

  it('placeholder without a parameter gets a required string argument + diagnostic', () => {
    const { op, diagnostics } = args({}, { path: '/orgs/{org}/repos' });
    expect(op.arguments).toEqual([
      { name: 'org', in: 'path', wireName: 'org', required: true, style: 'simple', explode: false },
    ]);
    expect(propertiesOf(op.inputSchema).org).toEqual({ type: 'string' });
    expect(diagnostics.map((d) => d.code)).toContain('OMCP_PARAMETER_ADDED');
  });

  it('path parameter not in the template is dropped', () => {
    const { op, diagnostics } = args({ parameters: [{ name: 'ghost', in: 'path', schema: str }] });
    expect(op.arguments).toEqual([]);
    expect(diagnostics.map((d) => d.code)).toContain('OMCP_PARAMETER_DROPPED');
  });

  it('no-argument operation → closed empty object', () => {
    const { op } = args({});
    expect(op.inputSchema).toEqual({ type: 'object', properties: {}, additionalProperties: false });
  });
});

describe('clashes', () => {
  it.each([
    [
      'path vs query',
      {
        parameters: [
          { name: 'id', in: 'path', schema: str },
          { name: 'id', in: 'query', schema: str },
        ],
      },
      ['path_id', 'query_id'],
    ],
    [
      'param vs body property',
      {
        parameters: [{ name: 'id', in: 'path', schema: str }],
        requestBody: {
          content: { 'application/json': { schema: { type: 'object', properties: { id: str, name: str } } } },
        },
      },
      ['path_id', 'body_id', 'name'],
    ],
    [
      'prefixed name taken by another param',
      {
        parameters: [
          { name: 'id', in: 'path', schema: str },
          { name: 'id', in: 'query', schema: str },
          { name: 'query_id', in: 'header', schema: str },
        ],
      },
      ['path_id', 'query_id_2', 'query_id'],
    ],
    [
      'query param named body vs whole body',
      {
        parameters: [{ name: 'body', in: 'query', schema: str }],
        requestBody: { content: { 'application/json': { schema: { type: 'array', items: str } } } },
      },
      ['query_body', 'id', 'body_body'],
    ],
  ])('%s', (_, operation, expected) => {
    const { op, diagnostics } = args(operation, { path: '/x/{id}', method: 'post' });
    expect(op.arguments.map((a) => a.name)).toEqual(expected);
    expect(Object.keys(propertiesOf(op.inputSchema))).toEqual(expected);
    expect(diagnostics.some((d) => d.code === 'OMCP_ARGUMENT_RENAMED')).toBe(true);
    // the wire name is never renamed
    for (const a of op.arguments) if (a.in !== 'body') expect(expected).toContain(a.name);
  });
});

describe('request body', () => {
  const objectSchema = {
    type: 'object',
    required: ['name'],
    properties: { name: str, id: { type: 'integer', readOnly: true }, tag: str },
  };

  it.each([
    [{ 'application/xml': {}, 'application/json': { schema: objectSchema } }, 'application/json'],
    [
      { 'text/plain': {}, 'application/json; charset=utf-8': { schema: objectSchema } },
      'application/json; charset=utf-8',
    ],
    [
      {
        'application/vnd.api+json': { schema: objectSchema },
        'multipart/form-data': { schema: objectSchema },
      },
      'application/vnd.api+json',
    ],
    [
      {
        'multipart/form-data': { schema: objectSchema },
        'application/x-www-form-urlencoded': { schema: objectSchema },
      },
      'application/x-www-form-urlencoded',
    ],
    [
      { 'application/octet-stream': {}, 'multipart/form-data': { schema: objectSchema } },
      'multipart/form-data',
    ],
    [{ 'application/octet-stream': {}, 'text/csv': {} }, 'text/csv'],
    [{ 'image/*': {} }, 'application/octet-stream'],
    [{ 'application/xml': {} }, 'application/xml'],
  ])('media type choice %j → %s', (content, expected) => {
    const { op } = args({ requestBody: { content } }, { method: 'post' });
    expect(op.requestBody?.mediaType).toBe(expected);
  });

  it('object body is flattened; readOnly dropped; required only when the body is required', () => {
    for (const required of [true, false]) {
      const { op } = args(
        { requestBody: { required, content: { 'application/json': { schema: objectSchema } } } },
        { method: 'post' },
      );
      expect(op.arguments.map(pick)).toEqual([
        { name: 'name', in: 'body-property', wireName: 'name', required },
        { name: 'tag', in: 'body-property', wireName: 'tag', required: false },
      ]);
      expect(op.requestBody).toEqual({ mediaType: 'application/json', required });
    }
  });

  it('allOf of $ref objects is flattened (merged properties and required)', () => {
    const { op } = args(
      {
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                allOf: [
                  { $ref: '#/components/schemas/Base' },
                  { type: 'object', properties: { extra: str } },
                ],
              },
            },
          },
        },
      },
      {
        method: 'post',
        components: { schemas: { Base: { type: 'object', required: ['a'], properties: { a: str } } } },
      },
    );
    expect(op.arguments.map(pick)).toEqual([
      { name: 'a', in: 'body-property', wireName: 'a', required: true },
      { name: 'extra', in: 'body-property', wireName: 'extra', required: false },
    ]);
  });

  it.each([
    ['array', { type: 'array', items: str }],
    ['primitive', { type: 'integer' }],
    [
      'oneOf',
      {
        oneOf: [
          { type: 'object', properties: { a: str } },
          { type: 'object', properties: { b: str } },
        ],
      },
    ],
    ['free-form map', { type: 'object', additionalProperties: { type: 'string' } }],
    ['object without properties', { type: 'object' }],
  ])('non-flattenable body (%s) goes under `body`', (_, schema) => {
    const { op } = args(
      {
        requestBody: {
          required: true,
          description: 'The payload.',
          content: { 'application/json': { schema } },
        },
      },
      { method: 'post' },
    );
    expect(op.arguments).toEqual([{ name: 'body', in: 'body', wireName: '', required: true }]);
    expect(propertiesOf(op.inputSchema).body!.description).toBe('The payload.');
    expect((op.inputSchema as { required: string[] }).required).toEqual(['body']);
  });

  it.each([
    ['structured schema → JSON', { type: 'object', properties: { a: str } }, 'application/json', ['a']],
    ['binary schema → bytes', { type: 'string', format: 'binary' }, 'application/octet-stream', ['body']],
    ['no schema → bytes', undefined, 'application/octet-stream', ['body']],
  ])('*/* body with %s', (_, schema, mediaType, names) => {
    const { op } = args(
      { requestBody: { content: { '*/*': schema === undefined ? {} : { schema } } } },
      { method: 'put' },
    );
    expect(op.requestBody?.mediaType).toBe(mediaType);
    expect(op.arguments.map((a) => a.name)).toEqual(names);
  });

  it('binary body → base64 string argument', () => {
    const { op } = args(
      {
        requestBody: {
          content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
        },
      },
      { method: 'put' },
    );
    expect(op.arguments).toEqual([
      { name: 'body', in: 'body', wireName: '', required: false, encoding: 'base64' },
    ]);
    expect(propertiesOf(op.inputSchema).body).toMatchObject({ type: 'string', contentEncoding: 'base64' });
  });

  it('text body → string argument', () => {
    const { op } = args(
      { requestBody: { content: { 'text/plain': { schema: { type: 'string', maxLength: 10 } } } } },
      { method: 'post' },
    );
    expect(propertiesOf(op.inputSchema).body).toEqual({ type: 'string', maxLength: 10 });
  });

  it('unsupported-only media type → string body + diagnostic', () => {
    const { op, diagnostics } = args(
      { requestBody: { content: { 'application/xml': { schema: { type: 'object' } } } } },
      { method: 'post' },
    );
    expect(op.requestBody?.mediaType).toBe('application/xml');
    expect(propertiesOf(op.inputSchema).body).toEqual({ type: 'string' });
    expect(diagnostics.map((d) => d.code)).toContain('OMCP_MEDIA_TYPE_UNSUPPORTED');
  });

  it('multipart: binary parts → base64, encoding contentType → partContentTypes', () => {
    const { op } = args(
      {
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['file'],
                properties: {
                  file: { type: 'string', format: 'binary', description: 'The file.' },
                  files: { type: 'array', items: { type: 'string', format: 'binary' } },
                  meta: { type: 'object', properties: { a: str } },
                },
              },
              encoding: { file: { contentType: 'image/png' }, meta: { contentType: 'application/json' } },
            },
          },
        },
      },
      { method: 'post' },
    );
    expect(op.arguments).toEqual([
      { name: 'file', in: 'body-property', wireName: 'file', required: true, encoding: 'base64' },
      { name: 'files', in: 'body-property', wireName: 'files', required: false, encoding: 'base64' },
      { name: 'meta', in: 'body-property', wireName: 'meta', required: false },
    ]);
    const props = propertiesOf(op.inputSchema);
    expect(props.file).toEqual({
      type: 'string',
      contentEncoding: 'base64',
      description: 'The file. (base64-encoded bytes)',
    });
    expect(props.files).toMatchObject({
      type: 'array',
      items: { type: 'string', contentEncoding: 'base64' },
    });
    expect(op.requestBody).toEqual({
      mediaType: 'multipart/form-data',
      required: true,
      partContentTypes: { file: 'image/png', meta: 'application/json' },
    });
  });

  it('requestBody $ref is resolved', () => {
    const { op } = args(
      { requestBody: { $ref: '#/components/requestBodies/Pet' } },
      {
        method: 'post',
        components: {
          requestBodies: {
            Pet: { content: { 'application/json': { schema: { type: 'object', properties: { n: str } } } } },
          },
        },
      },
    );
    expect(op.arguments.map((a) => a.name)).toEqual(['n']);
  });
});

describe('dangerous names', () => {
  it('__proto__ / constructor as parameter and property names are plain own keys', () => {
    const { op } = args(
      {
        parameters: [
          { name: '__proto__', in: 'query', schema: str },
          { name: 'constructor', in: 'query', schema: { type: 'integer' } },
        ],
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: JSON.parse('{"__proto__": {"type": "boolean"}, "prototype": {"type": "string"}}'),
              },
            },
          },
        },
      },
      { method: 'post' },
    );
    expect(op.arguments.map((a) => a.name)).toEqual([
      'query___proto__',
      'constructor',
      'body___proto__',
      'prototype',
    ]);
    const props = propertiesOf(op.inputSchema);
    expect(Object.keys(props)).toEqual(['query___proto__', 'constructor', 'body___proto__', 'prototype']);
    expect(Object.getPrototypeOf(props)).toBe(Object.prototype);
    expect(props.constructor).toEqual({ type: 'integer' });
    expect(({} as Record<string, unknown>).type).toBeUndefined();
    const { op: solo } = args({ parameters: [{ name: '__proto__', in: 'query', schema: str }] });
    expect(Object.hasOwn(propertiesOf(solo.inputSchema), '__proto__')).toBe(true);
    expect(
      Object.getOwnPropertyDescriptor(JSON.parse(JSON.stringify(solo.inputSchema)).properties, '__proto__')
        ?.value,
    ).toEqual({
      type: 'string',
    });
  });
});
