import { describe, expect, it } from 'vitest';
import { buildArgs, propertiesOf } from './helpers.js';

const str = { type: 'string' };

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
    const { op, diagnostics } = buildArgs(operation, { path: '/x/{id}', method: 'post' });
    expect(op.arguments.map((a) => a.name)).toEqual(expected);
    expect(Object.keys(propertiesOf(op.inputSchema))).toEqual(expected);
    expect(diagnostics.some((d) => d.code === 'OMCP_ARGUMENT_RENAMED')).toBe(true);
    // the wire name is never renamed
    for (const a of op.arguments) if (a.in !== 'body') expect(expected).toContain(a.name);
  });
});

describe('dangerous names', () => {
  it('__proto__ / constructor as parameter and property names are plain own keys', () => {
    const { op } = buildArgs(
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
    const { op: solo } = buildArgs({ parameters: [{ name: '__proto__', in: 'query', schema: str }] });
    expect(Object.hasOwn(propertiesOf(solo.inputSchema), '__proto__')).toBe(true);
    expect(
      Object.getOwnPropertyDescriptor(JSON.parse(JSON.stringify(solo.inputSchema)).properties, '__proto__')
        ?.value,
    ).toEqual({
      type: 'string',
    });
  });
});
