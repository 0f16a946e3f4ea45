/**
 * Property test (SECURITY.md test plan I, with G.42/G.43): whatever the
 * upstream answers (any bytes, any content type with any parameters, any
 * status, truncated or not, with or without an output schema) the result
 * mapper gives a well-formed tool result and never throws; a non-2xx answer is
 * an `isError` result; the credential never survives redaction.
 *
 * Run counts are bounded; fast-check prints the seed and the shrunk case on failure.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { UpstreamOutcome } from '../../src/runtime/call-upstream.js';
import { createAjv } from '../../src/runtime/create-ajv.js';
import { createRedactor } from '../../src/runtime/create-redactor.js';
import { createSchemaValidator } from '../../src/runtime/schema-validator.js';
import { toToolResult } from '../../src/runtime/to-tool-result.js';
import { operation } from '../helpers/model-factory.js';

const SECRET = 'sk-fuzz-7d1e0c9b4a';

const mediaType = fc.oneof(
  fc.constantFrom(
    'application/json',
    'application/problem+json',
    'application/vnd.api+json; charset=utf-8',
    'text/plain; charset=utf-8',
    'text/html',
    'text/csv; charset=latin1',
    'text/plain; charset=bogus-charset',
    'image/png',
    'image/svg+xml',
    'audio/mpeg',
    'application/octet-stream',
    'application/x-ndjson',
    'multipart/mixed; boundary=x',
    '',
    ';',
    'application/json; charset=utf-16',
    'APPLICATION/JSON',
    'json',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc
    .tuple(fc.stringMatching(/^[a-z]{1,8}\/[a-z0-9.+-]{1,12}$/), fc.string({ maxLength: 20 }))
    .map(([type, parameter]) => `${type}; ${parameter}`),
);

const encoder = new TextEncoder();
const body = fc.oneof(
  fc.uint8Array({ maxLength: 512 }),
  fc.jsonValue({ maxDepth: 6 }).map((value) => encoder.encode(JSON.stringify(value))),
  // JSON that echoes the secret, as a careless API does in its errors.
  fc.jsonValue({ maxDepth: 3 }).map((value) => encoder.encode(JSON.stringify({ value, key: SECRET }))),
  fc.string({ unit: 'grapheme', maxLength: 200 }).map((text) => encoder.encode(text)),
  // Deep JSON: a parser that recursed would overflow on it.
  fc
    .integer({ min: 1_000, max: 50_000 })
    .map((depth) => encoder.encode(`${'['.repeat(depth)}${']'.repeat(depth)}`)),
  // Truncated JSON.
  fc.jsonValue({ maxDepth: 4 }).chain((value) => {
    const text = JSON.stringify(value);
    return fc.nat({ max: text.length }).map((cut) => encoder.encode(text.slice(0, cut)));
  }),
);

const headers = fc.dictionary(
  fc.constantFrom('content-length', 'content-encoding', 'x-request-id', 'retry-after', 'location', 'x-other'),
  fc.string({ maxLength: 30 }),
  { maxKeys: 4 },
);

const outcome: fc.Arbitrary<UpstreamOutcome> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .record({
        status: fc.oneof(fc.integer({ min: 100, max: 599 }), fc.constantFrom(200, 201, 204, 304, 404, 500)),
        statusText: fc.string({ maxLength: 20 }),
        contentType: fc.option(mediaType, { nil: undefined }),
        headers,
        body,
        truncated: fc.boolean(),
        declaredLength: fc.option(fc.nat(), { nil: undefined }),
      })
      .map(({ contentType, headers: extra, declaredLength, ...rest }) => {
        const all: Record<string, string> = { ...extra };
        if (contentType !== undefined) all['content-type'] = contentType;
        const response: UpstreamOutcome = { kind: 'response', headers: all, ...rest };
        if (declaredLength !== undefined) response.declaredLength = declaredLength;
        return response;
      }),
  },
  { weight: 1, arbitrary: fc.constantFrom<UpstreamOutcome>({ kind: 'timeout' }, { kind: 'cancelled' }) },
  {
    weight: 1,
    arbitrary: fc.string({ maxLength: 20 }).map((code): UpstreamOutcome => ({ kind: 'network', code })),
  },
);

const ajv = createAjv();
const outputSchemas = [
  undefined,
  { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] },
  { type: 'object', properties: { result: { type: 'array' } }, required: ['result'] },
] as const;

describe('property: the result mapper on any upstream answer', () => {
  it('gives a well-formed result and never throws; non-2xx is isError; the secret is redacted', () => {
    fc.assert(
      fc.property(
        outcome,
        fc.nat({ max: 2 }),
        fc.integer({ min: 1, max: 4096 }),
        (answer, schemaIndex, maxBytes) => {
          const schema = outputSchemas[schemaIndex];
          const op = operation(
            schema === undefined ? {} : { outputSchema: schema as never, outputWrapped: schemaIndex === 2 },
          );
          const result = toToolResult(answer, {
            operation: op,
            requestLine: 'GET /fuzz',
            origin: 'https://api.example.com',
            timeoutMs: 1_000,
            maxResponseBytes: maxBytes,
            ...(schema === undefined ? {} : { outputValidator: createSchemaValidator(ajv, schema as never) }),
            redact: createRedactor([SECRET]),
          });
          expect(Array.isArray(result.content)).toBe(true);
          expect(result.content.length).toBeGreaterThan(0);
          for (const block of result.content) {
            if (block.type === 'text') expect(typeof block.text).toBe('string');
            else {
              expect(['image', 'audio']).toContain(block.type);
              expect(typeof (block as { data: unknown }).data).toBe('string');
              expect((block as { mimeType: string }).mimeType).toMatch(/^(image|audio)\//);
            }
          }
          if (result.structuredContent !== undefined) {
            expect(typeof result.structuredContent).toBe('object');
            expect(Array.isArray(result.structuredContent)).toBe(false);
          }
          // What a client receives must survive JSON.
          expect(() => JSON.stringify(result)).not.toThrow();
          expect(JSON.stringify(result)).not.toContain(SECRET);
          if (answer.kind !== 'response' || answer.status < 200 || answer.status >= 300) {
            expect(result.isError).toBe(true);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
