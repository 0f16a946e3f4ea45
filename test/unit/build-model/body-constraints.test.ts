import { describe, expect, it } from 'vitest';
import { createAjv } from '../../../src/runtime/create-ajv.js';
import { buildOne } from './helpers.js';

const str = { type: 'string' };
const contactBody = (schema: Record<string, unknown>, required = true) => ({
  requestBody: { required, content: { 'application/json': { schema } } },
  responses: { '204': { description: 'ok' } },
});
const contact = {
  type: 'object',
  properties: { phone: str, email: str, method: { type: 'string', enum: ['phone', 'email'] } },
};

describe('cross-property constraints of a flattened object body', () => {
  it('carries anyOf of required sets, if/then/else and dependentRequired to the root of the schema calls are validated against', () => {
    const { op } = buildOne(
      contactBody({
        ...contact,
        anyOf: [{ required: ['phone'] }, { required: ['email'] }],
        if: { properties: { method: { const: 'phone' } }, required: ['method'] },
        // biome-ignore lint/suspicious/noThenProperty: a JSON Schema keyword, not a thenable
        then: { required: ['phone'] },
        else: { required: ['email'] },
        dependentRequired: { method: ['phone'] },
      }),
      { method: 'post' },
    );
    expect(op.arguments.map((a) => [a.name, a.in])).toEqual([
      ['phone', 'body-property'],
      ['email', 'body-property'],
      ['method', 'body-property'],
    ]);
    const schema = op.validationSchema as Record<string, unknown>;
    expect(schema.anyOf).toEqual([{ required: ['phone'] }, { required: ['email'] }]);
    expect(schema.if).toEqual({ properties: { method: { const: 'phone' } }, required: ['method'] });
    expect(schema.dependentRequired).toEqual({ method: ['phone'] });
    const validate = createAjv().compile(schema);
    expect(validate({ email: 'a@b.c' })).toBe(true);
    expect(validate({})).toBe(false);
    expect(validate({ method: 'phone', email: 'a@b.c' })).toBe(false);
    // What clients get: the same properties, none of the rules (the Anthropic API refuses a root anyOf).
    const published = op.inputSchema as Record<string, unknown>;
    expect(published.properties).toEqual(schema.properties);
    for (const key of ['anyOf', 'if', 'then', 'else', 'dependentRequired'])
      expect(published[key]).toBeUndefined();
    expect(op.description).toContain(
      'Argument rules (checked by the server): give at least one of: phone; email. method needs phone. some arguments depend on the values of others.',
    );
  });

  it('puts constraints of allOf members into the validation root allOf', () => {
    const { op } = buildOne(
      contactBody({ ...contact, allOf: [{ anyOf: [{ required: ['phone'] }, { required: ['email'] }] }] }),
      {
        method: 'post',
      },
    );
    expect((op.validationSchema as Record<string, unknown>).allOf).toEqual([
      { anyOf: [{ required: ['phone'] }, { required: ['email'] }] },
    ]);
    expect((op.inputSchema as Record<string, unknown>).allOf).toBeUndefined();
    expect(op.description).toContain('give at least one of: phone; email.');
  });

  it('keeps the body dialect ($schema) on the root', () => {
    const dialect = 'https://json-schema.org/draft/2020-12/schema';
    const { op } = buildOne(contactBody({ ...contact, $schema: dialect }), {
      method: 'post',
      openapi: '3.1.0',
    });
    expect((op.inputSchema as Record<string, unknown>).$schema).toBe(dialect);
  });

  it('does not flatten a union of different shapes (oneOf of referenced types)', () => {
    const { op } = buildOne(
      contactBody({ oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }] }),
      {
        method: 'post',
        components: {
          schemas: {
            Cat: { type: 'object', properties: { meow: str } },
            Dog: { type: 'object', properties: { bark: str } },
          },
        },
      },
    );
    expect(op.arguments.map((a) => a.name)).toEqual(['body']);
  });

  it('does not flatten when a constraint names a property the body does not declare', () => {
    const { op } = buildOne(
      contactBody({ ...contact, anyOf: [{ required: ['fax'] }, { required: ['email'] }] }),
      {
        method: 'post',
      },
    );
    expect(op.arguments.map((a) => a.name)).toEqual(['body']);
  });

  it('drops the constraints (info) when a body property was renamed for a clash', () => {
    const { op, diagnostics } = buildOne(
      {
        parameters: [{ name: 'phone', in: 'query', schema: str }],
        ...contactBody({ ...contact, anyOf: [{ required: ['phone'] }, { required: ['email'] }] }),
      },
      { method: 'post' },
    );
    expect(op.arguments.map((a) => a.name)).toContain('body_phone');
    expect((op.inputSchema as Record<string, unknown>).anyOf).toBeUndefined();
    expect(op.validationSchema).toBeUndefined();
    expect(
      diagnostics.some((d) => d.code === 'OMCP_BODY_CONSTRAINTS_DROPPED' && /renamed/.test(d.message)),
    ).toBe(true);
  });

  it('drops them when the body is optional (an absent body must stay valid)', () => {
    const { op } = buildOne(
      contactBody({ ...contact, anyOf: [{ required: ['phone'] }, { required: ['email'] }] }, false),
      {
        method: 'post',
      },
    );
    expect(createAjv().compile(op.validationSchema ?? op.inputSchema)({})).toBe(true);
  });
});

describe('$anchor', () => {
  it('keeps an anchored component once, in $defs, even when referenced twice', () => {
    const { op } = buildOne(
      contactBody({
        type: 'object',
        properties: {
          home: { $ref: '#/components/schemas/Address' },
          work: { $ref: '#/components/schemas/Address' },
        },
      }),
      {
        method: 'post',
        openapi: '3.1.0',
        components: {
          schemas: { Address: { $anchor: 'addressDef', type: 'object', properties: { city: str } } },
        },
      },
    );
    const schema = op.inputSchema as Record<string, any>;
    expect(schema.properties.home).toEqual({ $ref: '#/$defs/Address' });
    expect(schema.$defs.Address.$anchor).toBe('addressDef');
    expect(createAjv().compile(schema)({ home: { city: 'x' } })).toBe(true);
  });
});
