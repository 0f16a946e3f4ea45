import { describe, expect, it } from 'vitest';
import { buildArgs, propertiesOf } from './helpers.js';

const str = { type: 'string' };

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
    const { op } = buildArgs({ requestBody: { content } }, { method: 'post' });
    expect(op.requestBody?.mediaType).toBe(expected);
  });

  it.each([
    ['structured schema → JSON', { type: 'object', properties: { a: str } }, 'application/json', ['a']],
    ['binary schema → bytes', { type: 'string', format: 'binary' }, 'application/octet-stream', ['body']],
    ['no schema → bytes', undefined, 'application/octet-stream', ['body']],
  ])('*/* body with %s', (_, schema, mediaType, names) => {
    const { op } = buildArgs(
      { requestBody: { content: { '*/*': schema === undefined ? {} : { schema } } } },
      { method: 'put' },
    );
    expect(op.requestBody?.mediaType).toBe(mediaType);
    expect(op.arguments.map((a) => a.name)).toEqual(names);
  });

  it('binary body → base64 string argument', () => {
    const { op } = buildArgs(
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
    const { op } = buildArgs(
      { requestBody: { content: { 'text/plain': { schema: { type: 'string', maxLength: 10 } } } } },
      { method: 'post' },
    );
    expect(propertiesOf(op.inputSchema).body).toEqual({ type: 'string', maxLength: 10 });
  });

  it('unsupported-only media type → string body + diagnostic', () => {
    const { op, diagnostics } = buildArgs(
      { requestBody: { content: { 'application/xml': { schema: { type: 'object' } } } } },
      { method: 'post' },
    );
    expect(op.requestBody?.mediaType).toBe('application/xml');
    expect(propertiesOf(op.inputSchema).body).toEqual({ type: 'string' });
    expect(diagnostics.map((d) => d.code)).toContain('OMCP_MEDIA_TYPE_UNSUPPORTED');
  });

  it('multipart: binary parts → base64, encoding contentType → partContentTypes', () => {
    const { op } = buildArgs(
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

  it('an unresolvable requestBody $ref drops the body, with a diagnostic', () => {
    const { op, diagnostics } = buildArgs(
      { requestBody: { $ref: '#/components/requestBodies/Nope' } },
      { method: 'post' },
    );
    expect(op.arguments).toEqual([]);
    expect(op.requestBody).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.pointer])).toEqual([
      ['OMCP_REQUEST_BODY_DROPPED', '/paths/~1things/post/requestBody'],
    ]);
  });

  it('requestBody $ref is resolved', () => {
    const { op } = buildArgs(
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

  describe('a body that admits only the empty object', () => {
    const empty = { type: 'object', properties: {}, additionalProperties: false };

    it.each([
      ['Stripe form body', 'application/x-www-form-urlencoded', empty],
      ['JSON body without properties', 'application/json', { type: 'object', additionalProperties: false }],
      ['maxProperties 0', 'application/json', { type: 'object', maxProperties: 0 }],
      ['3.1 type list', 'multipart/form-data', { type: ['object'], additionalProperties: false }],
    ])('%s → no argument, the media type kept', (_, mediaType, schema) => {
      const { op } = buildArgs(
        {
          parameters: [{ name: 'expand', in: 'query', schema: str }],
          requestBody: { content: { [mediaType]: { schema } } },
        },
        { method: 'get' },
      );
      expect(op.arguments.map((a) => a.name)).toEqual(['expand']);
      expect(Object.keys(propertiesOf(op.inputSchema))).toEqual(['expand']);
      expect(op.requestBody).toEqual({ mediaType, required: false });
    });

    it('through a $ref, and required: the model says so (the runtime then sends {})', () => {
      const { op } = buildArgs(
        {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Empty' } } },
          },
        },
        { method: 'post', components: { schemas: { Empty: empty } } },
      );
      expect(op.arguments).toEqual([]);
      expect(op.requestBody).toEqual({ mediaType: 'application/json', required: true });
    });

    it.each([
      ['open object', { type: 'object' }],
      ['no type (any value)', { additionalProperties: false }],
      ['nullable', { ...empty, nullable: true }],
      ['patternProperties', { ...empty, patternProperties: { '^x-': str } }],
      ['a composition', { ...empty, anyOf: [{ required: ['a'] }] }],
      ['required names it cannot have', { ...empty, required: ['a'] }],
      ['an empty map schema', { type: 'object', additionalProperties: {} }],
    ])('%s → still a body argument', (_, schema) => {
      const { op } = buildArgs(
        { requestBody: { content: { 'application/json': { schema } } } },
        { method: 'post' },
      );
      expect(op.arguments.map((a) => a.name)).toEqual(['body']);
    });
  });
});
