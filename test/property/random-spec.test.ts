/**
 * Property tests (SECURITY.md test plan I, 53–55) over random small specs:
 * random names (unicode, punctuation, prototype keys), parameter locations and
 * styles, nested schemas, `$ref` cycles, random arguments.
 *
 * - building the model never throws, names stay valid and unique, every
 *   tool is client-safe (test/helpers/client-safety-violations.ts), every
 *   inputSchema is finite and compiles;
 * - the request URL always stays under the base URL, each path value in
 *   exactly one segment;
 * - arguments the input schema rejects never reach the upstream.
 *
 * The regression corpus (known-attack-payloads.ts, plan item I.56) runs first
 * in each, as fast-check `examples`: its names, keys and code strings as
 * operationIds, parameter, property and path names and its texts as
 * descriptions of a spec; its path values in every path parameter; its
 * server-naming and prototype keys as extra arguments.
 *
 * Run counts are bounded; fast-check prints the seed and the shrunk case on failure.
 */
import fc from 'fast-check';
import type { OpenAPIV3 } from 'openapi-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiModel } from '../../src/build-model/build-api-model.js';
import type { ApiModel } from '../../src/model/types.js';
import { buildRequest } from '../../src/runtime/build-request.js';
import { createAjv } from '../../src/runtime/create-ajv.js';
import { createToolCaller } from '../../src/runtime/create-tool-caller.js';
import { RequestBuildError } from '../../src/runtime/request-build-error.js';
import { clientSafetyViolations } from '../helpers/client-safety-violations.js';
import { json, type RecordingUpstream, startRecordingUpstream } from '../helpers/recording-upstream.js';
import { GAVE_UP, sampleValue } from '../helpers/sample-value.js';
import { attackValues, KNOWN_ATTACK_PAYLOADS } from './known-attack-payloads.js';
import { BASE, nastyName, specArb } from './random-spec-arbitrary.js';

const TOOL_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** Names a spec author controls, from the corpus. */
const CORPUS_NAMES = [...new Set(attackValues('name', 'key', 'code', 'path', 'url-key'))];
const CORPUS_TEXTS = attackValues('text', 'code');

/**
 * A spec made of the corpus: one operation per name (its operationId, a path
 * word, a query parameter and a body property), described by the corpus texts
 * in turn; and one operation with four path parameters, for the path values.
 */
function corpusSpec(): OpenAPIV3.Document {
  const text = (i: number): string => CORPUS_TEXTS[i % CORPUS_TEXTS.length] as string;
  const paths: Record<string, Record<string, unknown>> = {};
  CORPUS_NAMES.forEach((name, i) => {
    paths[`/n${i}/${encodeURIComponent(name)}`] = {
      post: {
        ...(name !== '' && { operationId: name }),
        summary: text(i),
        description: text(i + 1),
        tags: [name],
        parameters: [{ name, in: 'query', description: text(i + 2), schema: { type: 'string' } }],
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                description: text(i + 3),
                properties: { [name]: { type: 'string', description: text(i + 4), example: text(i + 5) } },
              },
            },
          },
        },
        responses: { '200': { description: text(i + 6) } },
      },
    };
  });
  paths['/corpus/{a}/{b}/{c}/{d}'] = {
    get: {
      operationId: 'corpusPath',
      parameters: ['a', 'b', 'c', 'd'].map((name) => ({
        name,
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      responses: { '200': { description: 'ok' } },
    },
  };
  return {
    openapi: '3.0.3',
    info: { title: text(0), version: text(1), description: text(2) },
    servers: [{ url: BASE, description: text(3) }],
    paths,
  } as unknown as OpenAPIV3.Document;
}

const CORPUS_SPEC = corpusSpec();
/** Every path value of the corpus (any payload could be one). */
const CORPUS_PATH_VALUES = KNOWN_ATTACK_PAYLOADS.map((payload) => payload.value);

interface RandomArguments {
  index: number;
  pathValues: string[];
  mutation: undefined | { key: string; value: unknown } | { drop: true };
}

/** The corpus as arguments of `model`'s four-path-parameter operation: path values four at a time, and hostile extra keys. */
function corpusArguments(model: ApiModel): Array<[ApiModel, RandomArguments]> {
  const index = model.operations.findIndex((op) => op.toolName === 'corpusPath');
  const examples: Array<[ApiModel, RandomArguments]> = [];
  for (let i = 0; i < CORPUS_PATH_VALUES.length; i += 4) {
    examples.push([model, { index, pathValues: CORPUS_PATH_VALUES.slice(i, i + 4), mutation: undefined }]);
  }
  for (const key of attackValues('url-key', 'key')) {
    examples.push([model, { index, pathValues: [], mutation: { key, value: 'http://evil.example' } }]);
    examples.push([model, { index, pathValues: [], mutation: { key, value: { polluted: true } } }]);
  }
  return examples;
}

/** Random tool arguments: generated from the schema, then mutated (or not). */
function argumentsArb(model: ApiModel) {
  return fc.record({
    index: fc.nat(model.operations.length - 1),
    pathValues: fc.array(
      fc.oneof(
        fc.string({ unit: 'binary', maxLength: 8 }),
        fc.constantFrom(
          '..',
          '.',
          '%2e%2e',
          'a/../b',
          '/',
          '?x=1',
          '#f',
          '\r\nX: y',
          '@evil.com',
          '//evil.com',
        ),
      ),
      { maxLength: 4 },
    ),
    mutation: fc.oneof(
      fc.constant(undefined),
      fc.record({ key: nastyName, value: fc.jsonValue({ maxDepth: 2 }) }),
      fc.record({ drop: fc.constant(true) }),
    ),
  });
}

describe('property: random specs', () => {
  it('build never throws; names valid and unique; every tool client-safe; input schemas finite and compile', () => {
    fc.assert(
      fc.property(specArb, (doc) => {
        const before = Object.keys(Object.prototype).length;
        const { model } = buildApiModel(structuredClone(doc));
        const names = model.operations.map((op) => op.toolName);
        for (const name of names) expect(name).toMatch(TOOL_NAME);
        expect(new Set(names).size).toBe(names.length);
        const ajv = createAjv();
        for (const op of model.operations) {
          expect((op.inputSchema as { type?: unknown }).type).toBe('object');
          expect(
            clientSafetyViolations({
              name: op.toolName,
              inputSchema: op.inputSchema,
              outputSchema: op.outputSchema,
            }),
          ).toEqual([]);
          ajv.compile(JSON.parse(JSON.stringify(op.inputSchema)) as object);
          if (op.validationSchema !== undefined)
            ajv.compile(JSON.parse(JSON.stringify(op.validationSchema)) as object);
          if (op.outputSchema !== undefined)
            ajv.compile(JSON.parse(JSON.stringify(op.outputSchema)) as object);
          ajv.removeSchema();
        }
        expect(Object.keys(Object.prototype).length).toBe(before);
      }),
      // Examples count towards numRuns: 150 random specs after the corpus one.
      { numRuns: 151, examples: [[CORPUS_SPEC]] },
    );
    // The corpus spec got to the builder whole: every operation became a tool.
    expect(buildApiModel(structuredClone(CORPUS_SPEC)).model.operations).toHaveLength(
      CORPUS_NAMES.length + 1,
    );
  }, 120_000);

  it('the request URL always stays under the base URL, one segment per path value', () => {
    const base = new URL(BASE);
    const examples = corpusArguments(buildApiModel(structuredClone(CORPUS_SPEC)).model);
    const reached = new Set<string>();
    fc.assert(
      fc.property(
        specArb.chain((doc) => {
          const { model } = buildApiModel(doc);
          return fc.tuple(fc.constant(model), argumentsArb(model));
        }),
        ([model, random]) => {
          const op = model.operations[random.index];
          if (op === undefined) return;
          const generated = sampleValue(op.inputSchema, op.inputSchema);
          const args: Record<string, unknown> =
            generated === GAVE_UP || typeof generated !== 'object' || generated === null
              ? {}
              : { ...(generated as Record<string, unknown>) };
          const pathArgs = op.arguments.filter((arg) => arg.in === 'path');
          pathArgs.forEach((arg, i) => {
            if (random.pathValues[i] !== undefined) {
              args[arg.name] = random.pathValues[i];
              reached.add(random.pathValues[i]);
            }
          });
          let url: URL;
          try {
            url = new URL(buildRequest(op, args, BASE).url);
          } catch (error) {
            // Refusing an unsafe value is fine; anything else is a bug.
            expect(error).toBeInstanceOf(RequestBuildError);
            return;
          }
          expect(url.origin).toBe(base.origin);
          expect(url.pathname.startsWith(`${base.pathname}/`)).toBe(true);
          expect(url.hash).toBe('');
          // A placeholder may hold a `/` in its name (`{x/y}`); it is still one segment.
          const templateSegments = op.pathTemplate.replace(/\{[^{}]+\}/g, 'P').split('/').length;
          expect(url.pathname.slice(base.pathname.length).split('/').length).toBe(templateSegments);
        },
      ),
      { numRuns: examples.length + 200, examples: examples.map((example) => [example]) },
    );
    expect(CORPUS_PATH_VALUES.filter((value) => !reached.has(value))).toEqual([]);
  }, 120_000);

  describe('arguments the input schema rejects never reach the upstream', () => {
    let upstream: RecordingUpstream;
    beforeAll(async () => {
      upstream = await startRecordingUpstream();
      for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH']) {
        for (let depth = 1; depth <= 8; depth += 1) {
          upstream.route(`${method} ${'/*'.repeat(depth)}`, json(200, {}));
        }
      }
    });
    afterAll(async () => {
      await upstream.close();
    });

    it('holds for random specs and mutated arguments', async () => {
      const examples = corpusArguments(buildApiModel(structuredClone(CORPUS_SPEC)).model);
      const mutatedWith = new Set<string>();
      await fc.assert(
        fc.asyncProperty(
          specArb.chain((doc) => {
            const { model } = buildApiModel(doc);
            return fc.tuple(fc.constant(model), argumentsArb(model));
          }),
          async ([model, random]) => {
            const op = model.operations[random.index];
            if (op === undefined) return;
            const generated = sampleValue(op.inputSchema, op.inputSchema);
            const args: Record<string, unknown> =
              generated === GAVE_UP || typeof generated !== 'object' || generated === null
                ? {}
                : { ...(generated as Record<string, unknown>) };
            const mutation = random.mutation;
            if (mutation !== undefined && 'key' in mutation) {
              // An own property even for `__proto__`, as a client's JSON message gives it.
              Object.defineProperty(args, mutation.key, {
                value: mutation.value,
                enumerable: true,
                writable: true,
                configurable: true,
              });
              mutatedWith.add(mutation.key);
            }
            if (mutation !== undefined && 'drop' in mutation) {
              const first = Object.keys(args)[0];
              if (first !== undefined) delete args[first];
            }
            // The schema calls are validated against (stricter than the published one when they differ).
            const validate = createAjv().compile((op.validationSchema ?? op.inputSchema) as object);
            const valid = validate(args);
            const caller = createToolCaller(model, {
              baseUrl: upstream.url,
              envPrefix: 'PROP',
              env: {},
              timeoutMs: 2_000,
              maxResponseBytes: 10_000,
              log: () => {},
            });
            const before = upstream.requests.length;
            try {
              const result = await caller.call(op.toolName, args);
              if (!valid) {
                expect(result.isError).toBe(true);
                expect(upstream.requests.length).toBe(before);
              } else {
                expect(upstream.requests.length - before).toBeLessThanOrEqual(1);
              }
            } finally {
              await caller.close();
            }
          },
        ),
        { numRuns: examples.length + 100, examples: examples.map((example) => [example]) },
      );
      expect(attackValues('url-key', 'key').filter((key) => !mutatedWith.has(key))).toEqual([]);
    }, 120_000);
  });
});
