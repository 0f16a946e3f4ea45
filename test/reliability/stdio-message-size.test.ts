/**
 * The stdio message limit (issue 9 item 2, "a bound on the size of an
 * incoming MCP request"; SECURITY.md D28 over stdio). The SDK's stdio
 * transport refuses a line past 10 MiB by closing itself without an answer,
 * which left the client's call, and every later one, waiting for its timeout
 * while the process lived on. Now a message past the limit is dropped and its
 * request answered with a JSON-RPC error saying so; nothing goes upstream and
 * the next call works. Just under the limit, a call goes through whole.
 * A real SDK v2 client against `serve` and a generated project.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StdioSession, startStdioSession } from '../helpers/mcp-session.js';
import { json, type RecordingUpstream, startRecordingUpstream } from '../helpers/recording-upstream.js';
import { textOf } from '../helpers/text-of.js';
import { useBackEnds } from './back-ends.js';

const MiB = 1024 * 1024;
const backEnds = useBackEnds('stdio-size');
let upstream: RecordingUpstream;

beforeAll(async () => {
  upstream = await startRecordingUpstream({
    'PUT /v1/things/*': (request, res) => json(200, { received: request.body.length })(request, res),
    'GET /v1/things/*': json(200, { fine: true }),
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

  it('a 12 MiB tools/call gets a JSON-RPC error naming the limit, and nothing goes upstream', async () => {
    const id = `big-${backEnd.label}`;
    const call = session.callTool('putThing', { id, name: 'x'.repeat(12 * MiB) });
    await expect(call).rejects.toThrow(
      /Request Too Large: an MCP message over stdio must not exceed 10485760 bytes \(this one had \d{8}\)/,
    );
    expect(upstream.requests.filter((r) => r.url === `/v1/things/${id}`)).toEqual([]);
    expect(session.stderr()).toMatch(
      /stdio: dropped a 12 MiB message, over the 10 MiB a stdio message may have; request \d+ answered with an error/,
    );
    // The payload itself is never echoed.
    expect(session.stderr()).not.toContain('xxxxxxxxxx');
  }, 60_000);

  it('the next call works', async () => {
    const result = await session.callTool('getThing', { id: 'fine' });
    expect(textOf(result)).toBe('{"fine":true}');
  });

  it('a message just under the limit goes through whole', async () => {
    const name = 'y'.repeat(10 * MiB - 4_096);
    const result = await session.callTool('putThing', { id: `under-${backEnd.label}`, name });
    expect(result.isError ?? false, textOf(result).slice(0, 200)).toBe(false);
    // The upstream got the whole JSON body: the name and its wrapping.
    expect(JSON.parse(textOf(result)).received).toBe(JSON.stringify({ name }).length);
  }, 60_000);
});
