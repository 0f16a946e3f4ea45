/**
 * Issue 9 item 2 (SECURITY.md T15, unrestricted resource consumption): at most
 * `--max-concurrency` calls reach one upstream origin at once, at most
 * `--max-queue` more wait for a turn, and a call past both fails at once with
 * `isError` and sends nothing. A waiting call starts as soon as a turn frees.
 * Against `serve` and a generated project, over stdio.
 */
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StdioSession, startStdioSession } from '../helpers/mcp-session.js';
import { json, type RecordingUpstream, startRecordingUpstream } from '../helpers/recording-upstream.js';
import { textOf } from '../helpers/text-of.js';
import { until } from '../helpers/until.js';
import { useBackEnds } from './back-ends.js';

const backEnds = useBackEnds('concurrency');
let upstream: RecordingUpstream;
/** Answers the upstream holds back, and the most it ever held at once. */
const held: ServerResponse[] = [];
let mostAtOnce = 0;

beforeAll(async () => {
  upstream = await startRecordingUpstream({
    'GET /v1/things/*': (_request, res) => {
      held.push(res);
      mostAtOnce = Math.max(mostAtOnce, held.length);
    },
    'GET /v1/things/warm': json(200, { warm: true }),
  });
});

afterAll(async () => {
  await upstream?.close();
});

function releaseAll(): void {
  for (const res of held.splice(0))
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
}

describe.each(backEnds)('$label', (backEnd) => {
  let session: StdioSession;

  beforeAll(async () => {
    session = await startStdioSession(
      'v2-auto',
      backEnd.launch(['--base-url', `${upstream.url}/v1`, '--max-concurrency', '2', '--max-queue', '1']),
    );
    // The first call pays for start-up (the model loaded, the schema compiled).
    await session.callTool('getThing', { id: 'warm' });
  }, 60_000);

  afterAll(async () => {
    releaseAll();
    await session?.close();
  });

  it('2 in flight, 1 waiting, the 4th refused at once; the waiting one runs when a turn frees', async () => {
    upstream.reset();
    mostAtOnce = 0;
    const calls = [1, 2, 3].map((n) => session.callTool('getThing', { id: `c${n}` }));
    await until(() => held.length === 2, 'two requests upstream');
    // The third is queued in the server: give it time to (wrongly) go out.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(upstream.requests).toHaveLength(2);

    const refused = await session.callTool('getThing', { id: 'c4' });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toBe(
      `Too many calls to ${upstream.url} at once (2 running, 1 waiting); GET /v1/things/c4 was not sent. Try again shortly.`,
    );
    expect(session.stderr()).toContain(`GET /v1/things/c4 to ${upstream.url} refused (queue full)`);

    held.shift()!.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":1}');
    await until(() => upstream.requests.length === 3, 'the queued call to go out');
    releaseAll();
    const results = await Promise.all(calls);
    expect(results.map((r) => r.isError ?? false)).toEqual([false, false, false]);
    expect(mostAtOnce).toBe(2);
    expect(upstream.requests.map((r) => r.url).sort()).toEqual([
      '/v1/things/c1',
      '/v1/things/c2',
      '/v1/things/c3',
    ]);
  });
});
