import { describe, expect, it } from 'vitest';
import { buildArgs, pickArgument, propertiesOf } from './helpers.js';

const str = { type: 'string' };

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
    const { op } = buildArgs(
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
  it('a style not allowed for the location is replaced by the default, with a diagnostic', () => {
    const { op, diagnostics } = buildArgs({
      parameters: [{ name: 'p', in: 'header', schema: str, style: 'form' }],
    });
    expect(op.arguments[0]?.style).toBe('simple');
    expect(diagnostics.map((d) => [d.code, d.pointer])).toEqual([
      ['OMCP_PARAMETER_STYLE_REPLACED', '/paths/~1things/get/parameters/0/style'],
    ]);
  });

  it('path params are required; others follow `required`; names kept as written where clients accept them', () => {
    const { op } = buildArgs(
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
    expect(op.arguments.map(pickArgument)).toEqual([
      { name: 'id', in: 'path', wireName: 'id', required: true },
      { name: 'filter_status', in: 'query', wireName: 'filter[status]', required: true },
      { name: 'X-Request-Id', in: 'header', wireName: 'X-Request-Id', required: false },
      { name: 'session', in: 'cookie', wireName: 'session', required: false },
    ]);
    expect((op.inputSchema as { required: string[] }).required).toEqual(['id', 'filter_status']);
  });

  it('operation-level parameter replaces the path-level one of the same name and location, in place', () => {
    const { op } = buildArgs(
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
    const { op } = buildArgs(
      { parameters: [{ $ref: '#/components/parameters/a~1b' }] },
      { components: { parameters: { 'a/b': { name: 'page', in: 'query', schema: { type: 'integer' } } } } },
    );
    expect(op.arguments.map((a) => a.name)).toEqual(['page']);
  });

  it('content parameter: contentType set, schema from the media type, no style', () => {
    const { op } = buildArgs({
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

  it('an HTML parameter description becomes Markdown', () => {
    const { op } = buildArgs({
      parameters: [
        {
          name: 'limit',
          in: 'query',
          description:
            '<p>A limit between 1 and 100 (see <a href="/docs/pagination">paging</a>) &amp; more.</p>',
          schema: { type: 'integer' },
        },
      ],
    });
    expect(propertiesOf(op.inputSchema).limit?.description).toBe(
      'A limit between 1 and 100 (see paging) & more.',
    );
  });

  it('carries description, example, default, enum, format, deprecated', () => {
    const { op } = buildArgs({
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
    const { op, diagnostics } = buildArgs({ parameters: [{ name, in: 'header', schema: str }] });
    expect(op.arguments).toEqual([]);
    expect(diagnostics.map((d) => d.code)).toContain('OMCP_PARAMETER_DROPPED');
  });

  it('placeholder without a parameter gets a required string argument + diagnostic', () => {
    const { op, diagnostics } = buildArgs({}, { path: '/orgs/{org}/repos' });
    expect(op.arguments).toEqual([
      { name: 'org', in: 'path', wireName: 'org', required: true, style: 'simple', explode: false },
    ]);
    expect(propertiesOf(op.inputSchema).org).toEqual({ type: 'string' });
    expect(diagnostics.map((d) => d.code)).toContain('OMCP_PARAMETER_ADDED');
  });

  it('path parameter not in the template is dropped', () => {
    const { op, diagnostics } = buildArgs({ parameters: [{ name: 'ghost', in: 'path', schema: str }] });
    expect(op.arguments).toEqual([]);
    expect(diagnostics.map((d) => d.code)).toContain('OMCP_PARAMETER_DROPPED');
  });

  it('no-argument operation → closed empty object', () => {
    const { op } = buildArgs({});
    expect(op.inputSchema).toEqual({ type: 'object', properties: {}, additionalProperties: false });
  });
});
