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
});
