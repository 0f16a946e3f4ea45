/**
 * Client-safe tools (issue 8, item 1): whatever the spec says, what `tools/list`
 * publishes is what every major client accepts, and the server still enforces
 * what the spec demands. One small fixture per rule, then all of them through
 * real SDK clients (1.32 and v2) and real calls to a local upstream.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiModel } from '../../../src/build-model/build-api-model.js';
import { toClientSafeArgumentName } from '../../../src/build-model/client-safe-argument-name.js';
import { unwrapSingleAllOf } from '../../../src/build-model/unwrap-single-all-of.js';
import type { ApiModel, OperationModel } from '../../../src/model/types.js';
import { createAjv } from '../../../src/runtime/create-ajv.js';
import { createToolCaller } from '../../../src/runtime/create-tool-caller.js';
import { connectInProcess, type InProcessClientKind } from '../../corpus/mcp-clients.js';
import { clientSafetyViolations } from '../../helpers/client-safety-violations.js';
import { json, type RecordingUpstream, startRecordingUpstream } from '../../helpers/recording-upstream.js';
import { buildOne, makeDoc } from './helpers.js';

const str = { type: 'string' };
const jsonBody = (schema: Record<string, unknown>) => ({
  requestBody: { required: true, content: { 'application/json': { schema } } },
  responses: { '200': { description: 'ok' } },
});
const violations = (op: OperationModel) =>
  clientSafetyViolations({ name: op.toolName, inputSchema: op.inputSchema, outputSchema: op.outputSchema });

/** One operation per rule, as the corpus met them (OpenAI, PagerDuty, Twilio, an author's slip). */
const NASTY_PATHS = {
  '/batches': {
    post: {
      operationId: 'create_batch',
      ...jsonBody({
        type: 'object',
        properties: { file_ids: { type: 'array', items: str }, files: { type: 'array', items: str } },
        anyOf: [{ required: ['file_ids'] }, { required: ['files'] }],
      }),
    },
  },
  '/incidents': {
    get: {
      operationId: 'list_incidents',
      parameters: [
        { name: 'include[]', in: 'query', schema: { type: 'array', items: str } },
        { name: 'EndTime<', in: 'query', schema: str },
        { name: 'EndTime>=', in: 'query', schema: str },
        { name: 'EndTime', in: 'query', schema: str },
      ],
      responses: { '200': { description: 'ok' } },
    },
  },
  '/slip': {
    put: {
      operationId: 'put_slip',
      ...jsonBody({
        type: 'object',
        properties: {
          name: str,
          additionalProperties: false,
          anything: true,
          nested: { type: 'object', properties: { additionalProperties: false, x: str } },
        },
      }),
    },
  },
  '/wrapped': {
    post: {
      operationId: 'post_wrapped',
      ...jsonBody({
        type: 'object',
        properties: {
          scope: { description: 'The scope.', allOf: [{ $ref: '#/components/schemas/Scope' }] },
        },
      }),
    },
  },
};
const NASTY_COMPONENTS = { schemas: { Scope: { type: 'string', enum: ['read', 'write'] } } };

function nastyModel(): ApiModel {
  return buildApiModel(makeDoc(NASTY_PATHS, { components: NASTY_COMPONENTS })).model;
}

describe('the checker (test/helpers/client-safety-violations.ts) catches each broken rule', () => {
  it.each([
    [
      'a root anyOf',
      { type: 'object', properties: {}, anyOf: [{ required: ['a'] }] },
      /`anyOf` at the inputSchema root/,
    ],
    [
      'a name clients refuse',
      { type: 'object', properties: { 'include[]': {} } },
      /argument name "include\[\]"/,
    ],
    ['a boolean property schema', { type: 'object', properties: { a: false } }, /boolean property schema/],
    ['a one-member allOf', { type: 'object', properties: { a: { allOf: [str] } } }, /single-element `allOf`/],
    ['a root that is not an object', { type: 'string' }, /not `type: object`/],
    [
      'a one-member allOf under a property named like a data keyword',
      { type: 'object', properties: { default: { allOf: [str] } } },
      /single-element `allOf` at inputSchema\/properties\/default/,
    ],
  ])('%s', (_, inputSchema, rule) => {
    expect(clientSafetyViolations({ name: 't', inputSchema }).join('\n')).toMatch(rule);
  });

  it('SDK 1.32 itself refuses a top-level boolean property schema (why rule 3 exists)', () => {
    const found = clientSafetyViolations({
      name: 't',
      inputSchema: { type: 'object', properties: { a: false } },
    });
    expect(found.some((line) => line.includes('SDK 1.32 ToolSchema refuses it'))).toBe(true);
  });
});

describe('rule 1: no composition at the inputSchema root', () => {
  it('publishes the union of properties, validates calls against the full schema, names the rule in the description', () => {
    const op = nastyModel().operations.find((o) => o.toolName === 'create_batch') as OperationModel;
    expect(violations(op)).toEqual([]);
    const published = op.inputSchema as Record<string, unknown>;
    expect(Object.keys(published.properties as object)).toEqual(['file_ids', 'files']);
    expect(published.required).toBeUndefined();
    expect((op.validationSchema as Record<string, unknown>).anyOf).toEqual([
      { required: ['file_ids'] },
      { required: ['files'] },
    ]);
    expect(op.description.split('\n').at(-1)).toBe(
      'Argument rules (checked by the server): give at least one of: file_ids; files.',
    );
  });

  it('keeps validationSchema out of the model when the published schema says it all', () => {
    const { op } = buildOne(jsonBody({ type: 'object', properties: { a: str }, required: ['a'] }), {
      method: 'post',
    });
    expect(op.validationSchema).toBeUndefined();
  });

  it('leaves $defs only the rules need out of the published schema', () => {
    const { op } = buildOne(
      jsonBody({
        type: 'object',
        properties: { a: str, b: str },
        anyOf: [
          { properties: { a: { $ref: '#/components/schemas/Big' } }, required: ['a'] },
          { required: ['b'] },
        ],
      }),
      {
        method: 'post',
        components: {
          schemas: { Big: { type: 'string', description: 'x'.repeat(4000), enum: ['a', 'b', 'c'] } },
        },
      },
    );
    expect(op.validationSchema).toBeDefined();
    const full = JSON.stringify(op.validationSchema);
    const published = JSON.stringify(op.inputSchema);
    expect(full).toContain('x'.repeat(100));
    expect(published).not.toContain('x'.repeat(100));
    expect(createAjv().compile(op.inputSchema)({ a: 'zzz' })).toBe(true);
    expect(createAjv().compile(op.validationSchema as object)({ a: 'zzz' })).toBe(false);
  });
});

describe('rule 2: argument names match ^[a-zA-Z0-9_.-]{1,64}$', () => {
  it.each([
    ['include[]', 'include'],
    ['actor_ids[]', 'actor_ids'],
    ['EndTime<', 'EndTime_lt'],
    ['EndTime>', 'EndTime_gt'],
    ['StartTime<=', 'StartTime_lte'],
    ['filter[status]', 'filter_status'],
    ['page[size]', 'page_size'],
    ['café au lait', 'cafe_au_lait'],
    ['already.fine-1_ok', 'already.fine-1_ok'],
  ])('%s → %s', (name, safe) => {
    expect(toClientSafeArgumentName(name)).toBe(safe);
  });

  it('gives a hash when nothing readable is left, and cuts long names to 64 with a hash', () => {
    expect(toClientSafeArgumentName('日本')).toMatch(/^arg_[0-9a-f]{6}$/);
    const long = toClientSafeArgumentName(`${'a'.repeat(70)}[]x`);
    expect(long).toMatch(/^[a-zA-Z0-9_.-]{1,64}$/);
    expect(long).not.toBe(toClientSafeArgumentName(`${'a'.repeat(70)}[]y`));
  });

  it('maps each cleaned argument back to its wire name, numbering a cleaned name that is taken', () => {
    const op = nastyModel().operations.find((o) => o.toolName === 'list_incidents') as OperationModel;
    expect(op.arguments.map((a) => [a.name, a.wireName])).toEqual([
      ['include', 'include[]'],
      ['EndTime_lt', 'EndTime<'],
      ['EndTime_gte', 'EndTime>='],
      ['EndTime', 'EndTime'],
    ]);
    expect(violations(op)).toEqual([]);
  });

  it('a cleaned name never takes a name another argument has', () => {
    const { op, diagnostics } = buildOne({
      parameters: [
        { name: 'ids[]', in: 'query', schema: str },
        { name: 'ids', in: 'query', schema: str },
      ],
      responses: { '200': { description: 'ok' } },
    });
    expect(op.arguments.map((a) => [a.name, a.wireName])).toEqual([
      ['ids_2', 'ids[]'],
      ['ids', 'ids'],
    ]);
    expect(diagnostics.filter((d) => d.code === 'OMCP_ARGUMENT_NAME_CLEANED').map((d) => d.message)).toEqual([
      'Argument "ids[]" (query parameter) is named "ids_2": clients refuse names outside [a-zA-Z0-9_.-]{1,64}.',
    ]);
  });
});

describe('rule 3: object sub-schemas where clients expect them', () => {
  it('repairs boolean property schemas (true → {}, false → left out) at the top and below, with a diagnostic', () => {
    const { model, diagnostics } = buildApiModel(makeDoc(NASTY_PATHS, { components: NASTY_COMPONENTS }));
    const op = model.operations.find((o) => o.toolName === 'put_slip') as OperationModel;
    const props = (op.inputSchema as { properties: Record<string, Record<string, unknown>> }).properties;
    expect(Object.keys(props)).toEqual(['name', 'anything', 'nested']);
    expect(props.anything).toEqual({});
    expect(props.nested?.properties).toEqual({ x: { type: 'string' } });
    expect(violations(op)).toEqual([]);
    const repaired = diagnostics.filter((d) => d.code === 'OMCP_SCHEMA_BOOLEAN_PROPERTY');
    expect(repaired.map((d) => d.message).sort()).toEqual([
      'Argument "additionalProperties" has the schema `false` (it may never be given); it was left out.',
      'Argument "anything" has the schema `true`; it is offered as {} (any value).',
      'Property "additionalProperties" has the schema `false` (it may never be given); it was left out.',
    ]);
  });

  it('merges a one-member allOf into its parent', () => {
    const op = nastyModel().operations.find((o) => o.toolName === 'post_wrapped') as OperationModel;
    expect((op.inputSchema as { properties: Record<string, unknown> }).properties.scope).toEqual({
      description: 'The scope.',
      type: 'string',
      enum: ['read', 'write'],
    });
    expect(violations(op)).toEqual([]);
  });

  it.each([
    ['conflicting values', { maxLength: 3, allOf: [{ maxLength: 5 }] }],
    [
      'additionalProperties beside properties it would start to govern',
      { additionalProperties: false, allOf: [{ properties: { a: str } }] },
    ],
    ['a member that is false', { allOf: [false] }],
  ])('keeps the allOf when merging would change the meaning: %s', (_, schema) => {
    expect(unwrapSingleAllOf(schema)).toBe(schema);
  });

  it('merges when the meaning stays: shared types intersect, the outer annotation wins, true disappears', () => {
    expect(
      unwrapSingleAllOf({
        type: ['string', 'null'],
        description: 'a',
        allOf: [{ type: 'string', description: 'b' }],
      }),
    ).toEqual({
      type: 'string',
      description: 'a',
    });
    expect(unwrapSingleAllOf({ description: 'a', allOf: [true] })).toEqual({ description: 'a' });
  });
});

describe('rule 4 and the calls: real SDK clients list every tool; the server enforces what the spec demands', () => {
  let upstream: RecordingUpstream;
  beforeAll(async () => {
    upstream = await startRecordingUpstream({
      'POST /batches': json(200, {}),
      'GET /incidents': json(200, {}),
    });
  });
  afterAll(async () => {
    await upstream.close();
  });

  it.each<InProcessClientKind>(['sdk-1.32', 'v2-auto'])('%s lists all four tools', async (kind) => {
    const model = nastyModel();
    const session = await connectInProcess(model, kind, { baseUrl: upstream.url });
    try {
      const tools = await session.listTools();
      expect(tools.map((t) => t.name)).toEqual([
        'create_batch',
        'list_incidents',
        'put_slip',
        'post_wrapped',
      ]);
      for (const tool of tools) expect(clientSafetyViolations(tool)).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it('a call that breaks the root rule is an isError naming the rule, and never reaches the upstream', async () => {
    const caller = createToolCaller(nastyModel(), {
      baseUrl: upstream.url,
      envPrefix: 'T',
      env: {},
      timeoutMs: 2_000,
      maxResponseBytes: 10_000,
      log: () => {},
    });
    try {
      upstream.reset();
      const bad = await caller.call('create_batch', {});
      expect(bad.isError).toBe(true);
      expect(bad.content).toEqual([
        {
          type: 'text',
          text: [
            'Invalid arguments for tool create_batch:',
            "- (root): alternative 1 of anyOf: must have required property 'file_ids'",
            "- (root): alternative 2 of anyOf: must have required property 'files'",
            '- (root): must match at least one of the alternatives (anyOf)',
            "The arguments break a rule across several of them (anyOf); the tool's description names its argument rules.",
          ].join('\n'),
        },
      ]);
      expect(upstream.requests).toHaveLength(0);
      const good = await caller.call('create_batch', { files: ['f'] });
      expect(good.isError).toBeFalsy();
      expect(JSON.parse(upstream.requests[0]?.body.toString() ?? '')).toEqual({ files: ['f'] });
    } finally {
      await caller.close();
    }
  });

  it('a cleaned argument reaches the spec name on the wire', async () => {
    const caller = createToolCaller(nastyModel(), {
      baseUrl: upstream.url,
      envPrefix: 'T',
      env: {},
      timeoutMs: 2_000,
      maxResponseBytes: 10_000,
      log: () => {},
    });
    try {
      upstream.reset();
      const result = await caller.call('list_incidents', { include: ['a'], EndTime_lt: '2024' });
      expect(result.isError).toBeFalsy();
      const url = new URL(upstream.requests[0]?.url ?? '', upstream.url);
      expect([...url.searchParams]).toEqual([
        ['include[]', 'a'],
        ['EndTime<', '2024'],
      ]);
    } finally {
      await caller.close();
    }
  });
});
