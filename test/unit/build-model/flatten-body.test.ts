import { describe, expect, it } from 'vitest';
import { buildArgs, pickArgument, propertiesOf } from './helpers.js';

const str = { type: 'string' };

describe('flattening an object body', () => {
  const objectSchema = {
    type: 'object',
    required: ['name'],
    properties: { name: str, id: { type: 'integer', readOnly: true }, tag: str },
  };

  it('object body is flattened; readOnly dropped; required only when the body is required', () => {
    for (const required of [true, false]) {
      const { op } = buildArgs(
        { requestBody: { required, content: { 'application/json': { schema: objectSchema } } } },
        { method: 'post' },
      );
      expect(op.arguments.map(pickArgument)).toEqual([
        { name: 'name', in: 'body-property', wireName: 'name', required },
        { name: 'tag', in: 'body-property', wireName: 'tag', required: false },
      ]);
      expect(op.requestBody).toEqual({ mediaType: 'application/json', required });
    }
  });

  it('allOf of $ref objects is flattened (merged properties and required)', () => {
    const { op } = buildArgs(
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
    expect(op.arguments.map(pickArgument)).toEqual([
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
    const { op } = buildArgs(
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
});
