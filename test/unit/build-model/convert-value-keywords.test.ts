import { describe, expect, it } from 'vitest';
import type { SchemaMode } from '../../../src/build-model/convert-context.js';
import { convertSchema } from './helpers.js';

describe('value keywords', () => {
  it.each<[string, unknown, unknown, SchemaMode?]>([
    ['nullable type', { type: 'string', nullable: true }, { type: ['string', 'null'] }],
    [
      'nullable enum',
      { type: 'string', enum: ['a'], nullable: true },
      { type: ['string', 'null'], enum: ['a', null] },
    ],
    ['nullable false ignored', { type: 'integer', nullable: false }, { type: 'integer' }],
    ['3.1 type array', { type: ['string', 'null'] }, { type: ['string', 'null'] }],
    ['example → examples', { type: 'integer', example: 3 }, { type: 'integer', examples: [3] }],
    ['examples kept', { type: 'integer', examples: [1, 2] }, { type: 'integer', examples: [1, 2] }],
    ['huge example dropped', { type: 'string', example: 'x'.repeat(2000) }, { type: 'string' }],
    [
      'exclusiveMinimum boolean',
      { type: 'number', minimum: 0, exclusiveMinimum: true },
      { type: 'number', exclusiveMinimum: 0 },
    ],
    [
      'exclusiveMaximum false',
      { type: 'number', maximum: 9, exclusiveMaximum: false },
      { type: 'number', maximum: 9 },
    ],
    [
      '3.1 numeric exclusive',
      { type: 'number', exclusiveMaximum: 5 },
      { type: 'number', exclusiveMaximum: 5 },
    ],
    [
      'vendor & OpenAPI-only keywords dropped',
      {
        type: 'object',
        'x-foo': 1,
        discriminator: { propertyName: 'k' },
        xml: { name: 'a' },
        externalDocs: { url: 'u' },
      },
      { type: 'object' },
    ],
    ['$schema/$id dropped', { $schema: 'x', $id: 'y', type: 'string' }, { type: 'string' }],
    ['type file → binary string', { type: 'file' }, { type: 'string', format: 'binary' }],
    [
      'kept: format/default/enum/const/description/title/pattern',
      {
        type: 'string',
        format: 'email',
        default: 'a',
        const: 'a',
        enum: ['a'],
        description: '  d  ',
        title: 'T',
        pattern: '^a+$',
      },
      {
        type: 'string',
        title: 'T',
        description: 'd',
        format: 'email',
        enum: ['a'],
        const: 'a',
        default: 'a',
        pattern: '^a+$',
      },
    ],
    [
      'output descriptions capped shorter',
      { type: 'string', description: 'y'.repeat(400) },
      { type: 'string', description: `${'y'.repeat(299)}…` },
      'output',
    ],
    [
      'HTML description → Markdown',
      { type: 'string', description: '<p>The <code>id</code> of a <a href="/docs/x">thing</a>.</p>' },
      { type: 'string', description: 'The `id` of a thing.' },
    ],
    [
      'HTML description in an output schema, beside a $ref',
      { $ref: '#/components/schemas/S', description: '<p>See <a href="https://example.com/s">S</a>.</p>' },
      { type: 'string', description: 'See [S](https://example.com/s).' },
      'output',
    ],
    [
      'HTML converted before the cap (tags do not count against it)',
      { type: 'string', description: `<p>${'<b>y</b>'.repeat(200)}</p>` },
      { type: 'string', description: '**y**'.repeat(200) },
    ],
  ])('%s', (_, input, expected, mode) => {
    const { converted } = convertSchema(input, mode ?? 'input', {
      S: { type: 'string' },
      RO: { type: 'string', readOnly: true },
    });
    expect(converted).toEqual(expected);
  });

  it('title equal to the property name is dropped', () => {
    const { converted } = convertSchema({
      type: 'object',
      properties: { name: { type: 'string', title: 'name' }, b: { title: 'Bee' } },
    });
    expect(converted).toEqual({
      type: 'object',
      properties: { name: { type: 'string' }, b: { title: 'Bee' } },
    });
  });

  it.each<[string, unknown, unknown, string]>([
    [
      'invalid pattern',
      { type: 'string', pattern: '(?<!x' },
      { type: 'string' },
      'OMCP_SCHEMA_KEYWORD_DROPPED',
    ],
    [
      'non-unicode-valid pattern (needless escapes dropped)',
      { type: 'string', pattern: '\\-\\_' },
      { type: 'string', pattern: '-_' },
      'OMCP_SCHEMA_PATTERN_REWRITTEN',
    ],
    ['unknown type', { type: 'strin' }, {}, 'OMCP_SCHEMA_KEYWORD_DROPPED'],
    ['type not a string', { type: 3 }, {}, 'OMCP_SCHEMA_KEYWORD_DROPPED'],
    ['empty enum', { type: 'string', enum: [] }, { type: 'string' }, 'OMCP_SCHEMA_KEYWORD_DROPPED'],
    [
      'negative minLength',
      { type: 'string', minLength: -1 },
      { type: 'string' },
      'OMCP_SCHEMA_KEYWORD_DROPPED',
    ],
  ])('repairs %s with a diagnostic', (_, input, expected, code) => {
    const { converted, diagnostics } = convertSchema(input, 'input', {
      L1: { $ref: '#/components/schemas/L2' },
      L2: { $ref: '#/components/schemas/L1' },
    });
    expect(converted).toEqual(expected);
    expect(diagnostics.map((d) => d.code)).toContain(code);
    expect(diagnostics[0]!.pointer).toMatch(/^\/x|^\/components/);
  });
});
