import { describe, expect, it } from 'vitest';
import type { ArgumentModel, ParameterStyle } from '../../../src/model/types.js';
import { buildRequest } from '../../../src/runtime/build-request.js';
import { RequestBuildError } from '../../../src/runtime/request-build-error.js';
import { arg, operation } from '../../helpers/model-factory.js';

const BASE = 'https://api.example.com/v1';
const blue = 'blue';
const colors = ['blue', 'black', 'brown'];
const rgb = { R: 100, G: 200, B: 150 };

function param(location: ArgumentModel['in'], style: ParameterStyle, explode: boolean): ArgumentModel {
  return arg({ name: 'color', in: location, style, explode, required: true });
}

// The OpenAPI 3.1 style examples table, row by row (value kinds: string, array, object).
// https://spec.openapis.org/oas/v3.1.0#style-examples
const pathCases: Array<[ParameterStyle, boolean, unknown, string]> = [
  ['simple', false, blue, '/v1/c/blue'],
  ['simple', false, colors, '/v1/c/blue,black,brown'],
  ['simple', false, rgb, '/v1/c/R,100,G,200,B,150'],
  ['simple', true, blue, '/v1/c/blue'],
  ['simple', true, colors, '/v1/c/blue,black,brown'],
  ['simple', true, rgb, '/v1/c/R=100,G=200,B=150'],
  ['label', false, blue, '/v1/c/.blue'],
  ['label', false, colors, '/v1/c/.blue,black,brown'],
  ['label', false, rgb, '/v1/c/.R,100,G,200,B,150'],
  ['label', true, blue, '/v1/c/.blue'],
  ['label', true, colors, '/v1/c/.blue.black.brown'],
  ['label', true, rgb, '/v1/c/.R=100.G=200.B=150'],
  ['matrix', false, blue, '/v1/c/;color=blue'],
  ['matrix', false, colors, '/v1/c/;color=blue,black,brown'],
  ['matrix', false, rgb, '/v1/c/;color=R,100,G,200,B,150'],
  ['matrix', true, blue, '/v1/c/;color=blue'],
  ['matrix', true, colors, '/v1/c/;color=blue;color=black;color=brown'],
  ['matrix', true, rgb, '/v1/c/;R=100;G=200;B=150'],
];

const queryCases: Array<[ParameterStyle, boolean, unknown, string]> = [
  ['form', false, blue, 'color=blue'],
  ['form', false, colors, 'color=blue,black,brown'],
  ['form', false, rgb, 'color=R,100,G,200,B,150'],
  ['form', true, blue, 'color=blue'],
  ['form', true, colors, 'color=blue&color=black&color=brown'],
  ['form', true, rgb, 'R=100&G=200&B=150'],
  ['form', true, '', 'color='],
  ['spaceDelimited', false, colors, 'color=blue%20black%20brown'],
  ['spaceDelimited', false, rgb, 'color=R%20100%20G%20200%20B%20150'],
  ['spaceDelimited', true, colors, 'color=blue&color=black&color=brown'],
  ['pipeDelimited', false, colors, 'color=blue|black|brown'],
  ['pipeDelimited', false, rgb, 'color=R|100|G|200|B|150'],
  ['pipeDelimited', true, colors, 'color=blue&color=black&color=brown'],
  ['deepObject', true, rgb, 'color[R]=100&color[G]=200&color[B]=150'],
];

const headerCases: Array<[boolean, unknown, string]> = [
  [false, blue, 'blue'],
  [false, colors, 'blue,black,brown'],
  [false, rgb, 'R,100,G,200,B,150'],
  [true, colors, 'blue,black,brown'],
  [true, rgb, 'R=100,G=200,B=150'],
  [false, 42, '42'],
  [false, true, 'true'],
];

const cookieCases: Array<[boolean, unknown, string]> = [
  [true, blue, 'color=blue'],
  [false, colors, 'color=blue,black,brown'],
  [true, colors, 'color=blue; color=black; color=brown'],
  [false, rgb, 'color=R,100,G,200,B,150'],
  [true, rgb, 'R=100; G=200; B=150'],
  [true, 'a; admin=1', 'color=a%3B%20admin%3D1'],
];

describe('buildRequest: parameter styles', () => {
  it.each(pathCases)('path %s explode=%s %j → %s', (style, explode, value, expected) => {
    const op = operation({ pathTemplate: '/c/{color}', arguments: [param('path', style, explode)] });
    const request = buildRequest(op, { color: value }, BASE);
    expect(request.url).toBe(`https://api.example.com${expected}`);
  });

  it.each(queryCases)('query %s explode=%s %j → %s', (style, explode, value, expected) => {
    const op = operation({ pathTemplate: '/q', arguments: [param('query', style, explode)] });
    const request = buildRequest(op, { color: value }, BASE);
    expect(request.url).toBe(`https://api.example.com/v1/q?${expected}`);
  });

  it.each(headerCases)('header simple explode=%s %j → %s', (explode, value, expected) => {
    const op = operation({ arguments: [arg({ name: 'x-color', in: 'header', style: 'simple', explode })] });
    expect(buildRequest(op, { 'x-color': value }, BASE).headers['x-color']).toBe(expected);
  });

  it.each(cookieCases)('cookie form explode=%s %j → %s', (explode, value, expected) => {
    const op = operation({ arguments: [param('cookie', 'form', explode)] });
    expect(buildRequest(op, { color: value }, BASE).headers.cookie).toBe(expected);
  });

  it.each([
    ['query', { filter: { a: 1 } }, 'https://api.example.com/v1/?filter=%7B%22a%22%3A1%7D'],
    ['path', { filter: { a: 1 } }, 'https://api.example.com/v1/%7B%22a%22%3A1%7D'],
  ] as const)('contentType %s parameter is JSON, then encoded', (location, args, expected) => {
    const op = operation({
      pathTemplate: location === 'path' ? '/{filter}' : '/',
      arguments: [arg({ name: 'filter', in: location, contentType: 'application/json' })],
    });
    expect(buildRequest(op, args, BASE).url).toBe(expected);
  });

  it('contentType header parameter is JSON text', () => {
    const op = operation({
      arguments: [arg({ name: 'x-f', in: 'header', contentType: 'application/json' })],
    });
    expect(buildRequest(op, { 'x-f': { a: [1] } }, BASE).headers['x-f']).toBe('{"a":[1]}');
  });

  it.each([
    [false, 'a/b:c@d?e#f&g=h', 'q=a%2Fb%3Ac%40d%3Fe%23f%26g%3Dh'],
    [true, 'a/b:c@d?e#f&g=h', 'q=a/b:c@d?e%23f%26g%3Dh'],
  ])('allowReserved=%s keeps reserved characters but never #, & or =', (allowReserved, value, expected) => {
    const op = operation({
      arguments: [arg({ name: 'q', in: 'query', style: 'form', explode: true, allowReserved })],
    });
    expect(buildRequest(op, { q: value }, BASE).url).toBe(`https://api.example.com/v1/?${expected}`);
  });

  it('uses wireName on the wire and name in the arguments', () => {
    const op = operation({
      pathTemplate: '/u/{id}',
      arguments: [
        arg({ name: 'path_id', wireName: 'id', in: 'path', style: 'simple', explode: false }),
        arg({ name: 'query_id', wireName: 'id', in: 'query', style: 'form', explode: true }),
      ],
    });
    expect(buildRequest(op, { path_id: 'p', query_id: 'q' }, BASE).url).toBe(
      'https://api.example.com/v1/u/p?id=q',
    );
  });

  it('skips absent optional arguments and sends only declared ones', () => {
    const op = operation({ arguments: [arg({ name: 'a', in: 'query', style: 'form', explode: true })] });
    expect(buildRequest(op, { b: 'x' }, BASE).url).toBe('https://api.example.com/v1/');
  });
});

describe('buildRequest: path safety', () => {
  const op = operation({
    pathTemplate: '/users/{id}',
    arguments: [arg({ name: 'id', in: 'path', style: 'simple', explode: false, required: true })],
  });

  it.each([
    ['..'],
    ['.'],
    ['%2e%2e'],
    ['.%2E'],
    ['%2E'],
    ['%252e%252e'],
    [''],
    [['..']],
    ['../admin'],
    ['..%2Fadmin'],
    ['a/../b'],
    ['..\\admin'],
    ['%252e%252e%252fadmin'],
  ])('refuses %j naming the argument', (value) => {
    expect(() => buildRequest(op, { id: value }, BASE)).toThrow(RequestBuildError);
    expect(() => buildRequest(op, { id: value }, BASE)).toThrow(/path argument "id"/);
  });

  it.each([
    ['a/b', '/v1/users/a%2Fb'],
    ['a..b/c', '/v1/users/a..b%2Fc'],
    ['a\\b', '/v1/users/a%5Cb'],
    ['a?x=1', '/v1/users/a%3Fx%3D1'],
    ['a#f', '/v1/users/a%23f'],
    ['%', '/v1/users/%25'],
    ['//evil.example', '/v1/users/%2F%2Fevil.example'],
    ['http://evil.example', '/v1/users/http%3A%2F%2Fevil.example'],
    ['...', '/v1/users/...'],
    ['é', '/v1/users/%C3%A9'],
    [7, '/v1/users/7'],
  ])('encodes %j as one segment', (value, expected) => {
    const url = new URL(buildRequest(op, { id: value }, BASE).url);
    expect(url.origin).toBe('https://api.example.com');
    expect(url.pathname).toBe(expected);
    expect(url.search).toBe('');
  });

  it('refuses a label-style "." that would make a dot segment', () => {
    const label = operation({
      pathTemplate: '/x/{id}',
      arguments: [arg({ name: 'id', in: 'path', style: 'label', explode: false })],
    });
    expect(() => buildRequest(label, { id: '.' }, BASE)).toThrow(RequestBuildError);
  });

  it('refuses a template whose own dot segments would be normalised away', () => {
    const weird = operation({ pathTemplate: '/a/../b' });
    expect(() => buildRequest(weird, {}, BASE)).toThrow(/normalisation/);
  });

  it('keeps the base path and trims its trailing slash', () => {
    expect(buildRequest(op, { id: 'x' }, 'http://127.0.0.1:8080/api/').url).toBe(
      'http://127.0.0.1:8080/api/users/x',
    );
    expect(buildRequest(op, { id: 'x' }, 'http://127.0.0.1:8080').url).toBe('http://127.0.0.1:8080/users/x');
  });

  it('encodes literal template characters a URL parser would change', () => {
    const spaced = operation({ pathTemplate: '/a b/{id}', arguments: op.arguments });
    expect(buildRequest(spaced, { id: 'x' }, BASE).url).toBe('https://api.example.com/v1/a%20b/x');
  });

  it('fails clearly when a path value is missing', () => {
    expect(() => buildRequest(op, {}, BASE)).toThrow(/Missing value for path argument "id"/);
  });
});

describe('buildRequest: query and header safety', () => {
  it('sends a & injection as one encoded value', () => {
    const op = operation({ arguments: [arg({ name: 'q', in: 'query', style: 'form', explode: true })] });
    const url = new URL(buildRequest(op, { q: 'a&admin=true' }, BASE).url);
    expect(url.search).toBe('?q=a%26admin%3Dtrue');
    expect([...url.searchParams.keys()]).toEqual(['q']);
  });

  it.each([
    ['a\r\nX-Admin: 1'],
    ['a\nb'],
    ['a\rb'],
    ['a\u0000b'],
    ['a\u0085b'],
    ['a\u2028b'],
    ['x'.repeat(100_000)],
  ])('refuses header value %j', (value) => {
    const op = operation({ arguments: [arg({ name: 'x-trace', in: 'header', style: 'simple' })] });
    expect(() => buildRequest(op, { 'x-trace': value }, BASE)).toThrow(/header argument "x-trace"/);
  });

  it('allows a tab in a header value', () => {
    const op = operation({ arguments: [arg({ name: 'x-trace', in: 'header', style: 'simple' })] });
    expect(buildRequest(op, { 'x-trace': 'a\tb' }, BASE).headers['x-trace']).toBe('a\tb');
  });

  it.each([
    ['Host'],
    ['Content-Length'],
    ['Transfer-Encoding'],
    ['Cookie'],
    ['X-Forwarded-For'],
    ['Proxy-Authorization'],
  ])('refuses a %s header argument', (name) => {
    const op = operation({ arguments: [arg({ name: 'h', wireName: name, in: 'header', style: 'simple' })] });
    expect(() => buildRequest(op, { h: 'x' }, BASE)).toThrow(/cannot be set by a tool argument/);
  });

  it.each([['Accept'], ['Content-Type'], ['Authorization']])(
    'ignores a %s header parameter (OpenAPI)',
    (name) => {
      const op = operation({
        arguments: [arg({ name: 'h', wireName: name, in: 'header', style: 'simple' })],
      });
      const headers = buildRequest(op, { h: 'evil' }, BASE).headers;
      expect(Object.values(headers)).not.toContain('evil');
    },
  );

  it('lets credentials override headers, query and cookies of the same name', () => {
    const op = operation({
      arguments: [
        arg({ name: 'x-api-key', in: 'header', style: 'simple' }),
        arg({ name: 'key', in: 'query', style: 'form', explode: true }),
        arg({ name: 'sid', in: 'cookie', style: 'form', explode: true }),
      ],
    });
    const request = buildRequest(op, { 'x-api-key': 'mine', key: 'mine', sid: 'mine' }, BASE, {
      headers: { 'X-API-Key': 'secret' },
      query: [['key', 's e']],
      cookies: [['sid', 'secret']],
    });
    expect(request.headers['x-api-key']).toBe('secret');
    expect(request.url).toBe('https://api.example.com/v1/?key=s%20e');
    expect(request.headers.cookie).toBe('sid=secret');
  });

  it('sends default accept, identity encoding and a user agent', () => {
    const headers = buildRequest(operation(), {}, BASE).headers;
    expect(headers).toMatchObject({ accept: 'application/json, */*;q=0.8', 'accept-encoding': 'identity' });
    expect(headers['user-agent']).toBeTruthy();
  });
});

describe('buildRequest: bodies', () => {
  const jsonOp = operation({
    method: 'post',
    requestBody: { mediaType: 'application/json', required: true },
    arguments: [
      arg({ name: 'name', in: 'body-property', required: true }),
      arg({ name: 'body_id', wireName: 'id', in: 'body-property' }),
      arg({ name: '__proto__', in: 'body-property' }),
      arg({ name: 'limit', in: 'query', style: 'form', explode: true }),
    ],
  });

  it('collects body properties under their wire names as JSON', () => {
    const request = buildRequest(jsonOp, { name: 'Rex', body_id: 3, limit: 1 }, BASE);
    expect(request.method).toBe('POST');
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body as string)).toEqual({ name: 'Rex', id: 3 });
  });

  it('keeps a __proto__ property as data and never pollutes Object.prototype', () => {
    const args = JSON.parse('{"name":"x","__proto__":{"isAdmin":true}}') as Record<string, unknown>;
    const request = buildRequest(jsonOp, args, BASE);
    expect(request.body).toBe('{"name":"x","__proto__":{"isAdmin":true}}');
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it.each([
    ['application/json', { a: [1, 'x'] }, '{"a":[1,"x"]}', 'application/json'],
    ['application/merge-patch+json', [1, 2], '[1,2]', 'application/merge-patch+json'],
    ['application/json; charset=utf-8', 'str', '"str"', 'application/json; charset=utf-8'],
    ['text/plain', 'hello', 'hello', 'text/plain'],
    ['application/xml', '<a/>', '<a/>', 'application/xml'],
  ])('whole body %s', (mediaType, value, body, contentType) => {
    const op = operation({
      method: 'put',
      requestBody: { mediaType, required: true },
      arguments: [arg({ name: 'body', in: 'body', required: true })],
    });
    const request = buildRequest(op, { body: value }, BASE);
    expect(request.body).toBe(body);
    expect(request.headers['content-type']).toBe(contentType);
  });

  it('sends no body when none is given and none is required', () => {
    const op = operation({
      method: 'post',
      requestBody: { mediaType: 'application/json', required: false },
      arguments: [arg({ name: 'a', in: 'body-property' })],
    });
    const request = buildRequest(op, {}, BASE);
    expect(request.body).toBeUndefined();
    expect(request.headers['content-type']).toBeUndefined();
  });

  it('sends {} for a required body with no properties given', () => {
    const op = operation({
      method: 'post',
      requestBody: { mediaType: 'application/json', required: true },
      arguments: [arg({ name: 'a', in: 'body-property' })],
    });
    expect(buildRequest(op, {}, BASE).body).toBe('{}');
  });

  it('form-urlencodes: arrays repeated, objects deepObject, deeper values JSON', () => {
    const op = operation({
      method: 'post',
      requestBody: { mediaType: 'application/x-www-form-urlencoded', required: true },
      arguments: ['name', 'tags', 'meta', 'n'].map((name) => arg({ name, in: 'body-property' })),
    });
    const request = buildRequest(
      op,
      { name: 'a b&c', tags: ['x', 'y'], meta: { k: 'v', deep: { z: 1 } }, n: 5 },
      BASE,
    );
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.body).toBe(
      'name=a+b%26c&tags=x&tags=y&meta%5Bk%5D=v&meta%5Bdeep%5D=%7B%22z%22%3A1%7D&n=5',
    );
  });

  it('builds multipart parts: strings, numbers, JSON objects, base64 files, part content types', async () => {
    const op = operation({
      method: 'post',
      requestBody: {
        mediaType: 'multipart/form-data',
        required: true,
        partContentTypes: { file: 'image/png' },
      },
      arguments: [
        arg({ name: 'title', in: 'body-property' }),
        arg({ name: 'count', in: 'body-property' }),
        arg({ name: 'meta', in: 'body-property' }),
        arg({ name: 'file', in: 'body-property', encoding: 'base64' }),
      ],
    });
    const request = buildRequest(
      op,
      { title: 'hi', count: 2, meta: { a: 1 }, file: Buffer.from([1, 2, 3]).toString('base64') },
      BASE,
    );
    const contentType = request.headers['content-type'] ?? '';
    expect(contentType).toMatch(/^multipart\/form-data; boundary=----openapi-mcp-[0-9a-f]{32}$/);
    expect(request.body).toBeInstanceOf(Uint8Array);
    // Parsed back by the platform's own multipart parser, as an upstream would.
    const form = await new Response(request.body as Uint8Array, {
      headers: { 'content-type': contentType },
    }).formData();
    expect([...form.keys()]).toEqual(['title', 'count', 'meta', 'file']);
    expect(form.get('title')).toBe('hi');
    expect(form.get('count')).toBe('2');
    const meta = form.get('meta') as Blob;
    expect(meta.type).toBe('application/json');
    expect(await meta.text()).toBe('{"a":1}');
    const file = form.get('file') as File;
    expect(file.type).toBe('image/png');
    expect(file.name).toBe('file');
    expect([...new Uint8Array(await file.arrayBuffer())]).toEqual([1, 2, 3]);
  });

  it('escapes quotes and line breaks in part names, so no name can add a part header', async () => {
    const op = operation({
      method: 'post',
      requestBody: { mediaType: 'multipart/form-data', required: true },
      arguments: [arg({ name: 'body', in: 'body' })],
    });
    const hostile = 'x"\r\nContent-Type: text/html\r\n\r\n<script>';
    const request = buildRequest(op, { body: { [hostile]: 'v' } }, BASE);
    const text = new TextDecoder().decode(request.body as Uint8Array);
    expect(text).toContain('name="x%22%0D%0AContent-Type: text/html%0D%0A%0D%0A<script>"');
    expect(text.split('\r\n').filter((line) => line.startsWith('Content-Type'))).toEqual([]);
  });

  it('refuses a part content type with a line break, naming the argument', () => {
    const op = operation({
      method: 'post',
      requestBody: {
        mediaType: 'multipart/form-data',
        required: true,
        partContentTypes: { file: 'image/png\r\nX-Injected: 1' },
      },
      arguments: [arg({ name: 'file', in: 'body-property' })],
    });
    expect(() => buildRequest(op, { file: 'abc' }, BASE)).toThrow(/Invalid multipart body: part "file"/);
  });

  it.each([
    ['AQID', [1, 2, 3]],
    ['AQI', [1, 2]],
    ['data:application/octet-stream;base64,AQID', [1, 2, 3]],
    ['_-8', [255, 239]],
  ])('decodes an octet-stream base64 body %j', (value, bytes) => {
    const op = operation({
      method: 'put',
      requestBody: { mediaType: 'application/octet-stream', required: true },
      arguments: [arg({ name: 'body', in: 'body', encoding: 'base64', required: true })],
    });
    const request = buildRequest(op, { body: value }, BASE);
    expect([...(request.body as Uint8Array)]).toEqual(bytes);
    expect(request.headers['content-type']).toBe('application/octet-stream');
  });

  it.each([['not base64!'], ['A'], ['AQ==AQ']])('refuses invalid base64 %j naming the argument', (value) => {
    const op = operation({
      method: 'put',
      requestBody: { mediaType: 'application/octet-stream', required: true },
      arguments: [arg({ name: 'body', in: 'body', encoding: 'base64', required: true })],
    });
    expect(() => buildRequest(op, { body: value }, BASE)).toThrow(
      /Invalid value for "body": expected base64/,
    );
  });
});
