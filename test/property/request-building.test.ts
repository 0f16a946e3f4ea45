/**
 * Property tests (SECURITY.md test plan I.54 and I.55, with D.19, D.20, D.23,
 * D.24): whatever values a tool's arguments hold (any JSON value, strings with
 * CR/LF/NUL, dot segments, percent signs, slashes, absolute URLs, prototype
 * keys), the request built either is refused with `OMCP_REQUEST_BUILD` or:
 *
 * - goes to the base URL's origin, under its path, with no fragment;
 * - has exactly the path template's segments, each path value decoding back to
 *   the very text given (the differential check of I.55);
 * - carries no header but the defaults, the declared header argument, the
 *   content type, the cookie and the credential, each value free of control
 *   characters; the credential header is never overridden by an argument.
 *
 * Every payload of the regression corpus (known-attack-payloads.ts, plan item
 * I.56) runs first, as fast-check `examples`, in the sinks it was written for
 * and as a body value; the test checks that each one reached buildRequest.
 *
 * Run counts are bounded; fast-check prints the seed and the shrunk case on failure.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRequest } from '../../src/runtime/build-request.js';
import { RequestBuildError } from '../../src/runtime/request-build-error.js';
import { arg, operation } from '../helpers/model-factory.js';
import { attackValues, KNOWN_ATTACK_PAYLOADS } from './known-attack-payloads.js';

const BASE = 'https://api.example.com/base/v1';
const KEY = 'sk-fuzz-credential';

const op = operation({
  method: 'post',
  pathTemplate: '/orgs/{org}/items/{id}',
  requestBody: { mediaType: 'application/json', required: false },
  arguments: [
    arg({ name: 'org', in: 'path', style: 'simple', explode: false, required: true }),
    arg({ name: 'id', in: 'path', style: 'simple', explode: false, required: true }),
    arg({ name: 'q', in: 'query', style: 'form', explode: true }),
    arg({ name: 'tags', in: 'query', style: 'form', explode: false }),
    arg({ name: 'filter', in: 'query', style: 'deepObject', explode: true }),
    arg({ name: 'trace', wireName: 'X-Trace', in: 'header', style: 'simple' }),
    // A spec-declared header named like the credential: the credential must win.
    arg({ name: 'apikey', wireName: 'X-API-Key', in: 'header', style: 'simple' }),
    arg({ name: 'session', in: 'cookie', style: 'form', explode: true }),
    arg({ name: 'name', in: 'body-property' }),
    arg({ name: 'meta', in: 'body-property' }),
  ],
});

const ALLOWED_HEADERS = new Set([
  'accept',
  'accept-encoding',
  'user-agent',
  'x-trace',
  'x-api-key',
  'content-type',
  'cookie',
]);

const hostile = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      '.',
      '..',
      '../admin',
      '..%2Fadmin',
      '%2e%2e',
      '.%2E',
      '%252e%252e',
      'a/b',
      'a\\b',
      'a?x=1',
      'a#f',
      '%',
      '//evil.example',
      'http://evil.example/x',
      '@evil.example',
      'a\r\nX-Injected: 1',
      'a\nb',
      'a\u0000b',
      '\u0085',
      'x'.repeat(10_000),
      '__proto__',
      'a&admin=true',
      '😀',
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(...KNOWN_ATTACK_PAYLOADS.map((payload) => payload.value)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** Strings and scalars only: an object for a `form`+`explode` parameter is sent as its own keys (OpenAPI 3.1 §4.8.12.4), which the schema allows or not. */
const scalar = hostile.filter((value) => value === null || typeof value !== 'object');

const args = fc.record(
  {
    org: hostile,
    id: fc.oneof(hostile, fc.integer()),
    q: fc.oneof(scalar, fc.array(scalar, { maxLength: 4 })),
    tags: fc.oneof(fc.array(scalar, { maxLength: 4 }), scalar),
    filter: fc.oneof(fc.dictionary(fc.string({ maxLength: 6 }), hostile, { maxKeys: 3 }), hostile),
    trace: hostile,
    apikey: hostile,
    session: hostile,
    name: hostile,
    meta: fc.jsonValue({ maxDepth: 4 }),
  },
  { requiredKeys: ['org', 'id'] },
);

type Args = typeof args extends fc.Arbitrary<infer T> ? T : never;

/** An object with `key` as an own property, `__proto__` included (as JSON.parse makes it). */
function withOwnKey(key: string, value: unknown): Record<string, unknown> {
  return JSON.parse(`{${JSON.stringify(key)}:${JSON.stringify(value)}}`) as Record<string, unknown>;
}

/** The corpus in the sinks it was written for, and every payload as a body value too. */
const CORPUS_EXAMPLES: Args[] = [
  ...attackValues('path', 'url', 'key', 'code').flatMap((value) => [
    { org: value, id: '1' },
    { org: 'o', id: value },
  ]),
  ...attackValues('header', 'credential').map((value) => ({
    org: 'o',
    id: '1',
    trace: value,
    apikey: value,
    session: value,
  })),
  ...attackValues('query', 'url').map((value) => ({
    org: 'o',
    id: '1',
    q: value,
    tags: [value, 'x'],
    filter: { role: value },
  })),
  ...attackValues('key').map((key) => ({
    org: 'o',
    id: '1',
    filter: withOwnKey(key, 'x'),
    name: key,
    meta: withOwnKey(key, { polluted: true }),
  })),
  // D20: arguments naming another server are not the request builder's to use.
  ...attackValues('url-key').map(
    (key) => ({ org: 'o', id: '1', ...withOwnKey(key, 'http://evil.example') }) as Args,
  ),
  ...KNOWN_ATTACK_PAYLOADS.map(({ value }) => ({ org: 'o', id: '1', name: value, meta: { note: value } })),
];

/** Every string and key in `value`. */
function stringsIn(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, into);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      into.add(key);
      stringsIn(item, into);
    }
  }
}

describe('property: request building with any argument values', () => {
  it('stays under the base URL, keeps each path value in its one segment, adds no header', () => {
    const base = new URL(BASE);
    let built = 0;
    const reached = new Set<string>();
    fc.assert(
      fc.property(args, (given) => {
        stringsIn(given, reached);
        let request: ReturnType<typeof buildRequest>;
        try {
          request = buildRequest(op, given, BASE, { headers: { 'X-API-Key': KEY }, query: [], cookies: [] });
        } catch (error) {
          // Refusing an unsafe value is fine; anything else is a bug.
          expect(error).toBeInstanceOf(RequestBuildError);
          return;
        }
        built += 1;
        const url = new URL(request.url);
        expect(url.origin).toBe(base.origin);
        expect(url.pathname.startsWith(`${base.pathname}/`)).toBe(true);
        expect(url.hash).toBe('');
        expect(url.username + url.password).toBe('');

        const segments = url.pathname.slice(base.pathname.length).split('/');
        expect(segments.length).toBe(op.pathTemplate.split('/').length);
        expect(segments[1]).toBe('orgs');
        expect(segments[3]).toBe('items');
        // Differential: each path value decodes back to the text given (a string value; others are serialised).
        if (typeof given.org === 'string') expect(decodeURIComponent(segments[2]!)).toBe(given.org);
        if (typeof given.id === 'string') expect(decodeURIComponent(segments[4]!)).toBe(given.id);

        for (const [name, value] of Object.entries(request.headers)) {
          expect(ALLOWED_HEADERS.has(name), name).toBe(true);
          // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must not be there
          expect(value).not.toMatch(/[\u0000-\u0008\u000a-\u001f\u007f]/);
        }
        expect(request.headers['x-api-key']).toBe(KEY);
        // One query parameter per name given; `&` in a value never makes a second one.
        for (const key of url.searchParams.keys()) {
          expect(['q', 'tags', 'filter'].includes(key) || key.startsWith('filter['), key).toBe(true);
        }
        if (typeof given.q === 'string') expect(url.searchParams.getAll('q')).toEqual([given.q]);
        if (typeof given.tags === 'string') expect(url.searchParams.getAll('tags')).toEqual([given.tags]);
        if (typeof request.body === 'string') expect(() => JSON.parse(request.body as string)).not.toThrow();
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      // Examples count towards numRuns: 500 random runs after them.
      { numRuns: CORPUS_EXAMPLES.length + 500, examples: CORPUS_EXAMPLES.map((example) => [example]) },
    );
    // Not a property that holds by refusing everything.
    expect(built).toBeGreaterThan(50);
    // Every known payload got to buildRequest (I.56).
    const missed = KNOWN_ATTACK_PAYLOADS.filter((payload) => !reached.has(payload.value));
    expect(missed.map((payload) => payload.note)).toEqual([]);
  });
});
