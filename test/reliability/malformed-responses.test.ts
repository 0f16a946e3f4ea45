/**
 * SECURITY.md §G 43, "Malformed responses": JSON nested 400,000 levels deep,
 * invalid and truncated JSON, a content coding we cannot undo and a corrupt
 * gzip body each give a tool result in bounded time, never a crash, a stall or
 * a stack trace; the server answers the next call. Against `serve` and a
 * generated project, over stdio.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StdioSession, startStdioSession } from '../helpers/mcp-session.js';
import {
  json,
  type RecordingUpstream,
  type Route,
  startRecordingUpstream,
} from '../helpers/recording-upstream.js';
import { textOf } from '../helpers/text-of.js';
import { useBackEnds } from './back-ends.js';

const backEnds = useBackEnds('malformed');
const DEPTH = 400_000;
let upstream: RecordingUpstream;

function raw(body: string | Buffer, headers: Record<string, string>): Route {
  return (_request, res) => {
    res.writeHead(200, headers).end(body);
  };
}

beforeAll(async () => {
  upstream = await startRecordingUpstream({
    'GET /v1/things/deep': raw(`${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`, {
      'content-type': 'application/json',
    }),
    'GET /v1/things/deep-object': raw(`${'{"a":'.repeat(DEPTH / 4)}1${'}'.repeat(DEPTH / 4)}`, {
      'content-type': 'application/json',
    }),
    'GET /v1/things/invalid': raw('{"a": nope}', { 'content-type': 'application/json' }),
    'GET /v1/things/truncated': raw('{"items":[1,2,', { 'content-type': 'application/json' }),
    'GET /v1/things/zstd': raw(Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 1, 2, 3]), {
      'content-type': 'application/json',
      'content-encoding': 'zstd',
    }),
    'GET /v1/things/bad-gzip': raw('this is not gzip', {
      'content-type': 'text/plain',
      'content-encoding': 'gzip',
    }),
    'GET /v1/things/fine': json(200, { fine: true }),
  });
});

afterAll(async () => {
  await upstream?.close();
});

describe.each(backEnds)('$label', (backEnd) => {
  let session: StdioSession;

  beforeAll(async () => {
    session = await startStdioSession('v2-auto', backEnd.launch(['--base-url', `${upstream.url}/v1`]));
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  it.each(['deep', 'deep-object'])('%s JSON: returned as text with a note, in bounded time', async (id) => {
    const started = performance.now();
    const result = await session.callTool('getThing', { id });
    // Generous: the machine is shared; a stall would be the 30 s deadline or nothing at all.
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(result.isError ?? false).toBe(false);
    const text = textOf(result);
    expect(text.endsWith('\n[shown as text: the JSON nests deeper than 256 levels]')).toBe(true);
    expect(text.length).toBeGreaterThan(DEPTH / 2);
  });

  it('invalid JSON: the text as it came', async () => {
    expect(textOf(await session.callTool('getThing', { id: 'invalid' }))).toBe('{"a": nope}');
  });

  it('truncated JSON: the text as it came', async () => {
    expect(textOf(await session.callTool('getThing', { id: 'truncated' }))).toBe('{"items":[1,2,');
  });

  it('a content coding we cannot undo: named, not shown', async () => {
    expect(textOf(await session.callTool('getThing', { id: 'zstd' }))).toBe(
      'Response in the zstd content coding (7 bytes) not shown: it cannot be decoded.',
    );
  });

  it('a corrupt gzip body: an error result naming the zlib code', async () => {
    const result = await session.callTool('getThing', { id: 'bad-gzip' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/\(Z_DATA_ERROR\)/);
  });

  it('the server is still up and logged no stack trace', async () => {
    expect(textOf(await session.callTool('getThing', { id: 'fine' }))).toBe('{"fine":true}');
    expect(session.stderr()).not.toMatch(/RangeError|Maximum call stack|\n\s+at /);
  });
});
