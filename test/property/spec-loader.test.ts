/**
 * Property tests (SECURITY.md test plan I.53a, with A.5 and A.9): whatever
 * bytes a spec file holds (malformed JSON or YAML, a valid document of the
 * wrong shape, documents nested or spread far past any real spec, alias
 * bombs), loading it and building its model either works or throws our own
 * error with an `OMCP_` code, in bounded time and memory. Never a `TypeError`,
 * a `RangeError` (stack), a hang or an out-of-memory.
 *
 * Run counts are bounded; fast-check prints the seed and the shrunk case on failure.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../src/commands/load-model.js';
import { OpenapiMcpError } from '../../src/errors.js';

/**
 * A generous bound for one load on a shared 2-core machine; a hang or a
 * quadratic blow-up is far beyond it (2,000 copies of one operationId took 20 s
 * before tool naming counted on instead of from 2).
 */
const MAX_LOAD_MS = 10_000;
const dir = mkdtempSync(join(tmpdir(), 'openapi-mcp-fuzz-loader-'));
let files = 0;

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const VALID = {
  openapi: '3.0.3',
  info: { title: 'Fuzz', version: '1.0.0' },
  servers: [{ url: 'https://api.example.com/v1' }],
  paths: {
    '/pets/{id}': {
      get: {
        operationId: 'getPet',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } },
        },
      },
    },
  },
};
const VALID_JSON = JSON.stringify(VALID, null, 2);
const VALID_YAML = `openapi: 3.0.3
info:
  title: Fuzz
  version: 1.0.0
servers:
  - url: https://api.example.com/v1
paths:
  /pets/{id}:
    get:
      operationId: getPet
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object}
`;

/** What loading `text` did: `ok`, or the code of our error; anything else fails the property. */
async function load(text: string, extension: 'json' | 'yaml'): Promise<string> {
  files += 1;
  const file = join(dir, `spec-${files}.${extension}`);
  writeFileSync(file, text);
  const started = performance.now();
  try {
    await loadModel(file, { cwd: dir, validate: false });
    return 'ok';
  } catch (error) {
    if (!(error instanceof OpenapiMcpError)) throw error;
    expect(error.code).toMatch(/^OMCP_[A-Z_]+$/);
    // One sentence for a human, not a dump of the document.
    expect(error.message.length).toBeLessThan(4_000);
    return error.code;
  } finally {
    expect(performance.now() - started).toBeLessThan(MAX_LOAD_MS);
    rmSync(file, { force: true });
  }
}

/** A valid document's text with a few random edits: cut, inserted and replaced characters. */
const mutated = (text: string) =>
  fc
    .array(
      fc.record({
        at: fc.nat({ max: text.length }),
        cut: fc.nat({ max: 8 }),
        insert: fc.oneof(
          fc.string({ maxLength: 6 }),
          fc.constantFrom(
            '{',
            '}',
            '[',
            ']',
            ':',
            ',',
            '"',
            "'",
            '\n',
            '\t',
            '- ',
            '&a',
            '*a',
            '<<: *a',
            '\u0000',
            '\uFEFF',
            '!!js/function',
            '$ref: "#/x"',
            '__proto__: {polluted: 1}',
          ),
        ),
      }),
      { minLength: 1, maxLength: 6 },
    )
    .map((edits) =>
      edits.reduce((acc, edit) => {
        const at = Math.min(edit.at, acc.length);
        return acc.slice(0, at) + edit.insert + acc.slice(at + edit.cut);
      }, text),
    );

describe('property: the spec loader on hostile files', () => {
  it('malformed JSON and YAML: loads or throws an OMCP_ error, never anything else', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          mutated(VALID_JSON).map((text) => [text, 'json'] as const),
          mutated(VALID_YAML).map((text) => [text, 'yaml'] as const),
          fc.string({ unit: 'binary', maxLength: 200 }).map((text) => [text, 'yaml'] as const),
          // Well-formed, wrong shape: any JSON value as the document, or under a known key.
          fc.jsonValue({ maxDepth: 4 }).map((value) => [JSON.stringify(value), 'json'] as const),
          fc
            .tuple(
              fc.constantFrom('info', 'paths', 'servers', 'components', 'openapi', 'security'),
              fc.jsonValue({ maxDepth: 3 }),
            )
            .map(([key, value]) => [JSON.stringify({ ...VALID, [key]: value }), 'json'] as const),
        ),
        async ([text, extension]) => {
          await load(text, extension);
          // Prototype keys stay data.
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        },
      ),
      { numRuns: 120 },
    );
  }, 120_000);

  it('deep documents: refused with OMCP_SPEC_INVALID or OMCP_SPEC_PARSE, in bounded time', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1_001, max: 100_000 }),
        fc.constantFrom('array', 'object'),
        fc.constantFrom('json', 'yaml') as fc.Arbitrary<'json' | 'yaml'>,
        fc.constantFrom('x-deep', 'paths'),
        async (depth, shape, extension, key) => {
          const [open, close] = shape === 'array' ? ['[', ']'] : ['{"a":', '}'];
          const deep = `${open.repeat(depth)}1${close.repeat(depth)}`.replace(/\[1\]/, '[]');
          const head = JSON.stringify({ ...VALID, [key]: 0 }).replace(/"(x-deep|paths)":0/, `"$1":${deep}`);
          const code = await load(extension === 'json' ? head : `# yaml flow\n${head}`, extension);
          expect(['OMCP_SPEC_INVALID', 'OMCP_SPEC_PARSE']).toContain(code);
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);

  it('huge documents: many keys, operations, long strings and alias bombs stay bounded in time and memory', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.integer({ min: 10_000, max: 200_000 }).map((count) => {
            const wide: Record<string, number> = {};
            for (let i = 0; i < count; i += 1) wide[`k${i}`] = i;
            return [JSON.stringify({ ...VALID, 'x-wide': wide }), 'json'] as const;
          }),
          // Every operation with the same operationId: each tool name is a clash to resolve.
          fc.integer({ min: 1_500, max: 3_000 }).map((count) => {
            const paths: Record<string, unknown> = {};
            for (let i = 0; i < count; i += 1) paths[`/p${i}/{id}`] = VALID.paths['/pets/{id}'];
            return [JSON.stringify({ ...VALID, paths }), 'json'] as const;
          }),
          fc.integer({ min: 1_000_000, max: 8_000_000 }).map((length) => {
            return [
              JSON.stringify({ ...VALID, info: { ...VALID.info, description: 'x'.repeat(length) } }),
              'json',
            ] as const;
          }),
          fc.integer({ min: 6, max: 10 }).map((levels) => {
            // "Billion laughs": each level is nine aliases of the one before.
            const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
            for (let i = 1; i < levels; i += 1)
              lines.push(
                `a${i}: &a${i} [${Array(9)
                  .fill(`*a${i - 1}`)
                  .join(', ')}]`,
              );
            return [
              `openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\nx-bomb:\n${lines.map((l) => `  ${l}`).join('\n')}\n`,
              'yaml',
            ] as const;
          }),
        ),
        async ([text, extension]) => {
          const before = process.memoryUsage().rss;
          await load(text, extension);
          // Far below what an expansion would take (a 9^9 bomb is billions of nodes).
          expect(process.memoryUsage().rss - before).toBeLessThan(1024 * 1024 * 1024);
        },
      ),
      { numRuns: 8 },
    );
  }, 180_000);
});
