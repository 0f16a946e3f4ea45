/**
 * SECURITY.md §G 46, "Connection reset": the upstream destroys the socket
 * mid-headers (no complete response yet: a GET is tried again, a POST is not)
 * or mid-body (the upstream has answered: never retried, whatever the method).
 * The server stays up and answers the next call; nothing unhandled reaches its
 * stderr. Against `serve` and a generated project, over stdio.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StdioSession, startStdioSession } from '../helpers/mcp-session.js';
import { json, type RecordingUpstream, startRecordingUpstream } from '../helpers/recording-upstream.js';
import { textOf } from '../helpers/text-of.js';
import { CANARY, useBackEnds } from './back-ends.js';
import { failing, requestsTo, resetMidBody, resetMidHeaders } from './misbehaving-routes.js';

const backEnds = useBackEnds('connection-reset');
let upstream: RecordingUpstream;

beforeAll(async () => {
  upstream = await startRecordingUpstream({
    'GET /v1/things/headers*': failing(1, resetMidHeaders()),
    'POST /v1/things/headers*': failing(1, resetMidHeaders()),
    'GET /v1/things/body*': failing(1, resetMidBody()),
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

  it('reset mid-headers: GET retried once and succeeds', async () => {
    const id = `headers-get-${backEnd.label}`;
    const result = await session.callTool('getThing', { id });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(requestsTo(upstream.requests, 'GET', `/v1/things/${id}`)).toBe(2);
    expect(session.stderr()).toMatch(
      new RegExp(`GET /v1/things/${id} to \\S+ failed \\((ECONNRESET|UND_ERR_SOCKET)\\); retry 1 of 2`),
    );
  });

  it('reset mid-headers: POST sent once, the failure reported', async () => {
    const id = `headers-post-${backEnd.label}`;
    const result = await session.callTool('postThing', { id });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /^Could not reach the upstream \S+ \((ECONNRESET|UND_ERR_SOCKET)\) for POST/,
    );
    expect(requestsTo(upstream.requests, 'POST', `/v1/things/${id}`)).toBe(1);
  });

  it('reset mid-body: not retried (the upstream had answered), reported as a failure', async () => {
    const id = `body-${backEnd.label}`;
    const result = await session.callTool('getThing', { id });
    expect(result.isError).toBe(true);
    expect(requestsTo(upstream.requests, 'GET', `/v1/things/${id}`)).toBe(1);
  });

  it('the server is still up, answers the next call, and logged nothing unhandled or secret', async () => {
    const result = await session.callTool('getThing', { id: 'fine' });
    expect(textOf(result)).toBe('{"fine":true}');
    expect(session.stderr()).not.toMatch(/unhandled|uncaught|\n\s+at /i);
    expect(session.stderr()).not.toContain(CANARY);
  });
});
