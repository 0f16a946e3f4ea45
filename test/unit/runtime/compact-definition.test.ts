import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactDefinition, MAX_TOOL_DESCRIPTION } from '../../../src/runtime/compact-definition.js';
import { compactInputSchema, MAX_SCHEMA_DESCRIPTION } from '../../../src/runtime/compact-input-schema.js';
import { compactOutputSchema } from '../../../src/runtime/compact-output-schema.js';
import { createAjv } from '../../../src/runtime/create-ajv.js';
import { cutText } from '../../../src/runtime/cut-text.js';
import type { ToolDefinition } from '../../../src/runtime/types.js';

describe('cutText', () => {
  it('keeps text that fits', () => {
    expect(cutText('Short.', 10)).toBe('Short.');
  });

  it('ends at a sentence in the second half of the budget', () => {
    expect(cutText('A first sentence is here. The second one is much longer than that.', 40)).toBe(
      'A first sentence is here. …',
    );
  });

  it('else at a word break, never inside a word', () => {
    expect(cutText('alpha beta gamma delta epsilon', 20)).toBe('alpha beta gamma…');
  });

  it('never leaves half a surrogate pair, and never passes the budget', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.integer({ min: 4, max: 200 }),
        (text, max) => {
          const cut = cutText(text, max);
          expect(cut.length).toBeLessThanOrEqual(max);
          if (cut !== text) expect(cut).not.toMatch(/[\uD800-\uDBFF]…$/);
        },
      ),
    );
  });
});

describe('compactInputSchema', () => {
  const long = 'word '.repeat(100).trim();

  it('drops examples, $comment, titles and x- keys, and cuts every description', () => {
    const schema = {
      type: 'object',
      description: long,
      properties: {
        name: { type: 'string', title: 'Name', examples: ['Rex'], example: 'Rex', description: long },
        tags: { type: 'array', items: { type: 'string', $comment: 'internal', 'x-order': 1 } },
        owner: { $ref: '#/$defs/Owner' },
      },
      $defs: {
        Owner: { type: 'object', title: 'Owner', properties: { id: { type: 'integer', description: long } } },
      },
      required: ['name'],
      additionalProperties: false,
    };
    const compact = compactInputSchema(schema) as Record<string, any>;
    expect(compact.description.length).toBeLessThanOrEqual(MAX_SCHEMA_DESCRIPTION);
    expect(compact.properties.name).toEqual({
      type: 'string',
      description: cutText(long, MAX_SCHEMA_DESCRIPTION),
    });
    expect(compact.properties.tags).toEqual({ type: 'array', items: { type: 'string' } });
    expect(compact.$defs.Owner).toEqual({
      type: 'object',
      properties: { id: { type: 'integer', description: cutText(long, MAX_SCHEMA_DESCRIPTION) } },
    });
    expect(compact.required).toEqual(['name']);
    expect(compact.additionalProperties).toBe(false);
  });

  it('keeps properties named like the keywords it drops, and __proto__ as a property', () => {
    const properties = JSON.parse(
      '{"examples":{"type":"string"},"title":{"type":"string"},"__proto__":{"type":"string","example":"x"}}',
    );
    const compact = compactInputSchema({ type: 'object', properties }) as Record<string, any>;
    expect(Object.keys(compact.properties)).toEqual(['examples', 'title', '__proto__']);
    expect(Object.getOwnPropertyDescriptor(compact.properties, '__proto__')?.value).toEqual({
      type: 'string',
    });
    expect(({} as Record<string, unknown>).type).toBeUndefined();
  });

  it('accepts exactly what the schema it compacts accepts', () => {
    const schema = {
      type: 'object',
      properties: {
        n: { type: 'integer', minimum: 1, examples: [2] },
        s: { anyOf: [{ type: 'string', pattern: '^a' }, { type: 'null' }], title: 'S' },
      },
      required: ['n'],
      additionalProperties: false,
    };
    const ajv = createAjv();
    const full = ajv.compile(schema);
    const compact = ajv.compile(compactInputSchema(schema) as object);
    for (const value of [
      { n: 1 },
      { n: 0 },
      { n: 1, s: 'ab' },
      { n: 1, s: 'b' },
      { n: 1, s: null },
      { s: 'a' },
      { n: 1, x: 1 },
    ]) {
      expect(compact(value), JSON.stringify(value)).toBe(full(value));
    }
  });
});

describe('compactOutputSchema', () => {
  const account = {
    type: 'object',
    title: 'Account',
    description: 'An account.',
    properties: {
      id: { type: 'string', description: 'Its id.', maxLength: 5000 },
      settings: {
        anyOf: [{ $ref: '#/$defs/settings' }],
        description: 'Expandable.',
      },
      owner: { $ref: '#/$defs/person' },
      emails: { type: 'array', items: { $ref: '#/$defs/email' } },
    },
    required: ['id'],
  };
  const schema = {
    type: 'object' as const,
    $ref: '#/$defs/account',
    $defs: {
      account,
      settings: { type: 'object', properties: { a: { type: 'string' } } },
      person: {
        type: ['object', 'null'],
        properties: { name: { type: 'string' }, friend: { $ref: '#/$defs/person' } },
      },
      email: {
        type: 'object',
        properties: {
          address: { type: 'string', format: 'email' },
          meta: { type: 'object', properties: { x: { type: 'string' } } },
        },
      },
    },
  };

  it('keeps the fields and their types two levels deep, and nothing else', () => {
    expect(compactOutputSchema(schema)).toEqual({
      type: 'object',
      properties: {
        id: { type: 'string' },
        settings: {},
        owner: {
          type: ['object', 'null'],
          properties: { name: { type: 'string' }, friend: { type: ['object', 'null'] } },
        },
        emails: {
          type: 'array',
          items: { type: 'object', properties: { address: { type: 'string' }, meta: { type: 'object' } } },
        },
      },
    });
  });

  it('merges the fields of allOf parts (a Pet that is a NewPet plus an id)', () => {
    const pet = {
      type: 'object' as const,
      allOf: [
        { $ref: '#/$defs/NewPet' },
        { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'integer' } } },
      ],
      $defs: {
        NewPet: { type: 'object', properties: { name: { type: 'string', description: 'Its name.' } } },
      },
    };
    expect(compactOutputSchema(pet)).toEqual({
      type: 'object',
      properties: { name: { type: 'string' }, id: { type: 'integer' } },
    });
  });

  it('stops at a $ref cycle and at an unknown $ref', () => {
    const cyclic = {
      type: 'object' as const,
      properties: { a: { $ref: '#/$defs/a' }, b: { $ref: '#/$defs/missing' } },
      $defs: { a: { $ref: '#/$defs/a' } },
    };
    expect(compactOutputSchema(cyclic)).toEqual({ type: 'object', properties: { a: {}, b: {} } });
  });

  it('accepts every value the full schema accepts', () => {
    const ajv = createAjv();
    const full = ajv.compile(schema);
    const compact = ajv.compile(compactOutputSchema(schema));
    // Mostly values of the right shape, now and then a wrong one anywhere.
    const mostly = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) =>
      fc.oneof({ arbitrary: good, weight: 9 }, { arbitrary: bad, weight: 1 });
    const value = fc.record(
      {
        id: mostly(fc.string(), fc.integer()),
        settings: mostly(fc.record({ a: mostly(fc.string(), fc.integer()) }), fc.string()),
        owner: mostly(
          fc.oneof(fc.constant(null), fc.record({ name: fc.string(), friend: fc.constant(null) })),
          fc.integer(),
        ),
        emails: fc.array(
          mostly(
            fc.record({ address: fc.string(), meta: fc.record({ x: mostly(fc.string(), fc.integer()) }) }),
            fc.integer(),
          ),
          { maxLength: 3 },
        ),
        extra: fc.anything(),
      },
      { requiredKeys: [] },
    );
    let accepted = 0;
    fc.assert(
      fc.property(value, (v) => {
        if (!full(v)) return;
        accepted += 1;
        expect(compact(v)).toBe(true);
      }),
      { numRuns: 300 },
    );
    // The property was not vacuous.
    expect(accepted).toBeGreaterThan(50);
  });
});

describe('compactDefinition', () => {
  it('cuts the description, compacts both schemas and keeps the rest', () => {
    const definition: ToolDefinition = {
      name: 'getAccount',
      title: 'Get an account',
      description: 'x '.repeat(MAX_TOOL_DESCRIPTION),
      inputSchema: { type: 'object', properties: { id: { type: 'string', examples: ['a'] } } },
      outputSchema: { type: 'object', properties: { id: { type: 'string', description: 'Its id.' } } },
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    };
    const compact = compactDefinition(definition);
    expect(compact.description.length).toBeLessThanOrEqual(MAX_TOOL_DESCRIPTION);
    expect(compact).toMatchObject({
      name: 'getAccount',
      title: 'Get an account',
      inputSchema: { type: 'object', properties: { id: { type: 'string' } } },
      outputSchema: { type: 'object', properties: { id: { type: 'string' } } },
      annotations: { readOnlyHint: true },
    });
  });

  it.each<[string, NonNullable<ToolDefinition['annotations']>, ToolDefinition['annotations']]>([
    [
      'a read-only tool keeps readOnlyHint alone',
      { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
      { readOnlyHint: true },
    ],
    [
      'a tool with every default keeps none',
      { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
      undefined,
    ],
    [
      'a write keeps what differs from the defaults',
      { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
      { destructiveHint: false, idempotentHint: true, openWorldHint: false },
    ],
  ])('annotations: %s', (_case, annotations, expected) => {
    const compact = compactDefinition({
      name: 't',
      description: 'd',
      inputSchema: { type: 'object' },
      annotations,
    });
    expect(compact.annotations).toEqual(expected);
    expect('annotations' in compact).toBe(expected !== undefined);
  });
});
