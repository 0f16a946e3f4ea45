import { describe, expect, it } from 'vitest';
import { createDiagnosticSink } from '../../../src/build-model/diagnostic-sink.js';
import { createSchemaConverter, type SchemaMode } from '../../../src/build-model/schema-converter.js';
import { createAjv } from './helpers.js';

function convert(schema: unknown, mode: SchemaMode = 'input', schemas: Record<string, unknown> = {}) {
  const sink = createDiagnosticSink();
  const converter = createSchemaConverter({ components: { schemas } }, sink);
  const scope = converter.createScope(mode);
  const converted = scope.convert(schema, '/x');
  const root = scope.finish({ type: 'object', properties: { v: converted } });
  return { converted, root, diagnostics: sink.list, truncated: converter.truncated };
}

describe('keyword conversion', () => {
  it.each<[string, unknown, unknown, SchemaMode?]>([
    ['nullable type', { type: 'string', nullable: true }, { type: ['string', 'null'] }],
    [
      'nullable enum',
      { type: 'string', enum: ['a'], nullable: true },
      { type: ['string', 'null'], enum: ['a', null] },
    ],
    [
      'nullable allOf',
      { allOf: [{ type: 'string' }], nullable: true },
      { anyOf: [{ allOf: [{ type: 'string' }] }, { type: 'null' }] },
    ],
    [
      'nullable $ref',
      { $ref: '#/components/schemas/S', nullable: true },
      { anyOf: [{ type: 'string' }, { type: 'null' }] },
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
      'draft-04 tuple items → prefixItems',
      { type: 'array', items: [{ type: 'string' }, { type: 'integer' }] },
      { type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }] },
    ],
    [
      'readOnly property removed from input (and from required)',
      {
        type: 'object',
        required: ['id', 'n'],
        properties: { id: { type: 'string', readOnly: true }, n: { type: 'string' } },
      },
      { type: 'object', properties: { n: { type: 'string' } }, required: ['n'] },
    ],
    [
      'readOnly via $ref removed from input',
      { type: 'object', properties: { r: { $ref: '#/components/schemas/RO' }, n: { type: 'string' } } },
      { type: 'object', properties: { n: { type: 'string' } } },
    ],
    [
      'readOnly kept in output, required dropped',
      { type: 'object', required: ['id'], properties: { id: { type: 'string', readOnly: true } } },
      { type: 'object', properties: { id: { type: 'string' } } },
      'output',
    ],
    [
      'writeOnly removed from output',
      { type: 'object', properties: { pw: { type: 'string', writeOnly: true }, n: { type: 'string' } } },
      { type: 'object', properties: { n: { type: 'string' } } },
      'output',
    ],
    [
      'additionalProperties false dropped in output',
      { type: 'object', additionalProperties: false },
      { type: 'object' },
      'output',
    ],
    [
      'additionalProperties false kept in input',
      { type: 'object', additionalProperties: false },
      { type: 'object', additionalProperties: false },
    ],
    [
      'output descriptions capped shorter',
      { type: 'string', description: 'y'.repeat(400) },
      { type: 'string', description: `${'y'.repeat(299)}…` },
      'output',
    ],
    [
      '$ref with sibling description',
      { $ref: '#/components/schemas/S', description: 'here' },
      { type: 'string', description: 'here' },
    ],
    [
      '$ref with sibling constraint (3.1) → allOf',
      { $ref: '#/components/schemas/S', maxLength: 3 },
      { maxLength: 3, allOf: [{ type: 'string' }] },
    ],
    [
      'boolean schemas kept',
      { type: 'object', properties: { a: true, b: false } },
      { type: 'object', properties: { a: true, b: false } },
    ],
  ])('%s', (_, input, expected, mode) => {
    const { converted } = convert(input, mode ?? 'input', {
      S: { type: 'string' },
      RO: { type: 'string', readOnly: true },
    });
    expect(converted).toEqual(expected);
  });

  it('title equal to the property name is dropped', () => {
    const { converted } = convert({
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
      'required: true on a property',
      { type: 'object', properties: { a: { type: 'string', required: true } } },
      { type: 'object', properties: { a: { type: 'string' } } },
      'OMCP_SCHEMA_REPAIRED',
    ],
    ['invalid pattern', { type: 'string', pattern: '(?<!x' }, { type: 'string' }, 'OMCP_SCHEMA_REPAIRED'],
    [
      'non-unicode-valid pattern (needless escapes dropped)',
      { type: 'string', pattern: '\\-\\_' },
      { type: 'string', pattern: '-_' },
      'OMCP_SCHEMA_REPAIRED',
    ],
    ['unknown type', { type: 'strin' }, {}, 'OMCP_SCHEMA_REPAIRED'],
    ['negative minLength', { type: 'string', minLength: -1 }, { type: 'string' }, 'OMCP_SCHEMA_REPAIRED'],
    ['unresolvable $ref', { $ref: '#/components/schemas/Nope' }, {}, 'OMCP_SCHEMA_REF_UNRESOLVED'],
    ['external $ref', { $ref: 'other.yaml#/X' }, {}, 'OMCP_SCHEMA_REF_UNRESOLVED'],
    ['ref loop of refs', { $ref: '#/components/schemas/L1' }, {}, 'OMCP_SCHEMA_REF_UNRESOLVED'],
    [
      'ref to constructor (prototype key)',
      { $ref: '#/components/schemas/constructor' },
      {},
      'OMCP_SCHEMA_REF_UNRESOLVED',
    ],
  ])('repairs %s with a diagnostic', (_, input, expected, code) => {
    const { converted, diagnostics } = convert(input, 'input', {
      L1: { $ref: '#/components/schemas/L2' },
      L2: { $ref: '#/components/schemas/L1' },
    });
    expect(converted).toEqual(expected);
    expect(diagnostics.map((d) => d.code)).toContain(code);
    expect(diagnostics[0]!.pointer).toMatch(/^\/x|^\/components/);
  });
});

describe('refs', () => {
  it('refs to refs and ~1/~0/percent escapes resolve and inline', () => {
    const schemas = {
      'a/b': { $ref: '#/components/schemas/c~d' },
      'c~d': { type: 'integer' },
      'sp ace': { type: 'boolean' },
    };
    expect(convert({ $ref: '#/components/schemas/a~1b' }, 'input', schemas).converted).toEqual({
      type: 'integer',
    });
    expect(convert({ $ref: '#/components/schemas/c~0d' }, 'input', schemas).converted).toEqual({
      type: 'integer',
    });
    expect(convert({ $ref: '#/components/schemas/sp%20ace' }, 'input', schemas).converted).toEqual({
      type: 'boolean',
    });
  });

  it('self-reference goes through root $defs', () => {
    const Node = {
      type: 'object',
      properties: { children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } },
    };
    const { converted, root } = convert({ $ref: '#/components/schemas/Node' }, 'input', { Node });
    expect(converted).toEqual({ $ref: '#/$defs/Node' });
    expect(root.$defs).toEqual({
      Node: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/$defs/Node' } } } },
    });
    expect(createAjv().compile(root)({ v: { children: [{ children: [] }] } })).toBe(true);
    expect(createAjv().compile(root)({ v: { children: [{ children: 3 }] } })).toBe(false);
  });

  it('mutual recursion A → B → A: both in $defs, finite, compiles', () => {
    const schemas = {
      A: { type: 'object', properties: { b: { $ref: '#/components/schemas/B' } } },
      B: {
        type: 'object',
        properties: { a: { $ref: '#/components/schemas/A' }, n: { $ref: '#/components/schemas/N' } },
      },
      N: { type: 'integer' },
    };
    const { converted, root } = convert({ $ref: '#/components/schemas/A' }, 'input', schemas);
    expect(converted).toEqual({ $ref: '#/$defs/A' });
    expect(Object.keys(root.$defs as object)).toEqual(['A', 'B']);
    expect((root.$defs as Record<string, unknown>).B).toEqual({
      type: 'object',
      properties: { a: { $ref: '#/$defs/A' }, n: { type: 'integer' } },
    });
    expect(createAjv().compile(root)({ v: { b: { a: { b: { n: 1 } } } } })).toBe(true);
    expect(createAjv().compile(root)({ v: { b: { n: 'x' } } })).toBe(false);
  });

  it('shared non-recursive refs are inlined, never left as #/components', () => {
    const schemas = { S: { type: 'string', maxLength: 4 } };
    const { root } = convert(
      {
        type: 'object',
        properties: { a: { $ref: '#/components/schemas/S' }, b: { $ref: '#/components/schemas/S' } },
      },
      'input',
      schemas,
    );
    expect(JSON.stringify(root)).not.toContain('#/components');
    expect(root.$defs).toBeUndefined();
  });

  it('$ref diamond fan-out (30 levels) stays small and compiles (SECURITY A8)', () => {
    const schemas: Record<string, unknown> = { L0: { type: 'string' } };
    for (let i = 1; i <= 30; i++) {
      schemas[`L${i}`] = {
        type: 'object',
        properties: {
          a: { $ref: `#/components/schemas/L${i - 1}` },
          b: { $ref: `#/components/schemas/L${i - 1}` },
        },
      };
    }
    const start = performance.now();
    const { root } = convert({ $ref: '#/components/schemas/L30' }, 'input', schemas);
    expect(performance.now() - start).toBeLessThan(2000);
    const json = JSON.stringify(root);
    expect(json.length).toBeLessThan(200_000);
    expect(json).not.toContain('#/components');
    const compileStart = performance.now();
    expect(() => createAjv().compile(root)).not.toThrow();
    // Ajv's default inlineRefs made this compile exponential (11 s); the runtime turns it off.
    expect(performance.now() - compileStart).toBeLessThan(3000);
  });

  it('a tool whose $defs pass the budget gets {} stubs and is counted', () => {
    const schemas: Record<string, unknown> = {};
    for (let i = 0; i < 100; i++) {
      schemas[`S${i}`] = {
        type: 'object',
        description: 'd'.repeat(1000),
        properties: {
          self: { $ref: `#/components/schemas/S${i}` },
          next: { $ref: `#/components/schemas/S${(i + 1) % 100}` },
        },
      };
    }
    const { root, truncated } = convert({ $ref: '#/components/schemas/S0' }, 'input', schemas);
    const defs = root.$defs as Record<string, unknown>;
    expect(Object.keys(defs).length).toBeLessThan(100);
    expect(Object.values(defs).filter((d) => JSON.stringify(d) === '{}').length).toBeGreaterThan(0);
    expect(truncated).toEqual({ input: 1, output: 0 });
    expect(() => createAjv().compile(root)).not.toThrow();
  });

  it('def names are sanitised and unique', () => {
    const schemas = {
      'a b': { type: 'object', properties: { x: { $ref: '#/components/schemas/a_b' } } },
      a_b: { type: 'object', properties: { y: { $ref: '#/components/schemas/a b' } } },
    };
    const { root } = convert({ $ref: '#/components/schemas/a b' }, 'input', schemas);
    expect(Object.keys(root.$defs as object)).toEqual(['a_b', 'a_b_2']);
    expect(() => createAjv().compile(root)).not.toThrow();
  });

  it('a cyclic object graph (dereferenced input) is cut, not looped', () => {
    const node: Record<string, unknown> = { type: 'object', properties: {} };
    (node.properties as Record<string, unknown>).self = node;
    const { converted, diagnostics } = convert(node);
    expect(JSON.stringify(converted)).toBe('{"type":"object","properties":{"self":{}}}');
    expect(diagnostics.map((d) => d.code)).toContain('OMCP_SCHEMA_REPAIRED');
  });

  it('deep nesting is cut at the depth cap', () => {
    let deep: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 5000; i++) deep = { type: 'array', items: deep };
    const { root } = convert(deep);
    expect(() => JSON.stringify(root)).not.toThrow();
  });
});
