/**
 * SECURITY.md §G 45, "429 + Retry-After" (and §G 40's one deadline over all
 * tries): a `Retry-After` that fits the call's deadline is waited for, then
 * the call is tried again; one beyond it (seconds or an HTTP date) fails at
 * once with `isError` saying when to try again; a malformed one falls back to
 * the backoff; a 503 that never stops still ends within the deadline.
 * Against `serve` and a generated project, over stdio.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StdioSession, startStdioSession } from '../helpers/mcp-session.js';
import { type RecordingUpstream, startRecordingUpstream } from '../helpers/recording-upstream.js';
import { textOf } from '../helpers/text-of.js';
import { useBackEnds } from './back-ends.js';
import { failing, requestsTo, status } from './misbehaving-routes.js';

const backEnds = useBackEnds('retry-after');
let upstream: RecordingUpstream;

/** An HTTP date `seconds` from now. */
function inSeconds(seconds: number): string {
  return new Date(Date.now() + seconds * 1000).toUTCString();
}

beforeAll(async () => {
  upstream = await startRecordingUpstream({
    'GET /v1/things/wait-1*': failing(1, status(429, { 'retry-after': '1' })),
    'GET /v1/things/hour*': failing(1, status(429, { 'retry-after': '3600' })),
    'GET /v1/things/date*': (request, res) =>
      failing(1, status(503, { 'retry-after': inSeconds(600) }))(request, res),
    'GET /v1/things/garbage*': failing(1, status(429, { 'retry-after': 'in a while' })),
    'GET /v1/things/always*': status(503),
    'POST /v1/things/*': failing(1, status(429, { 'retry-after': '1' })),
  });
});

afterAll(async () => {
  await upstream?.close();
});

describe.each(backEnds)('$label', (backEnd) => {
  let session: StdioSession;

  beforeAll(async () => {
    session = await startStdioSession(
      'v2-auto',
      backEnd.launch(['--base-url', `${upstream.url}/v1`, '--timeout', '4']),
    );
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  it('Retry-After: 1 → one retry after at least a second, then success', async () => {
    const id = `wait-1-${backEnd.label}`;
    const started = performance.now();
    const result = await session.callTool('getThing', { id });
    const elapsed = performance.now() - started;
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(requestsTo(upstream.requests, 'GET', `/v1/things/${id}`)).toBe(2);
    expect(elapsed).toBeGreaterThanOrEqual(1_000);
    expect(session.stderr()).toContain(`failed (HTTP 429); retry 1 of 2 in 1000 ms`);
  });

  it.each([
    ['Retry-After: 3600', 'hour', /called again in 3600 s \(Retry-After\)/],
    ['an HTTP date ten minutes on', 'date', /called again in (599|600) s \(Retry-After\)/],
  ])('%s, past the 4 s deadline → no wait, an error saying when to retry', async (_label, prefix, when) => {
    const id = `${prefix}-${backEnd.label}`;
    const started = performance.now();
    const result = await session.callTool('getThing', { id });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^HTTP (429 Too Many Requests|503 Service Unavailable)/);
    expect(textOf(result)).toMatch(when);
    expect(requestsTo(upstream.requests, 'GET', `/v1/things/${id}`)).toBe(1);
  });

  it('a malformed Retry-After falls back to the backoff (well under a second) and retries', async () => {
    const id = `garbage-${backEnd.label}`;
    const result = await session.callTool('getThing', { id });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(requestsTo(upstream.requests, 'GET', `/v1/things/${id}`)).toBe(2);
    expect(session.stderr()).toMatch(
      new RegExp(
        `GET /v1/things/${id} to \\S+ failed \\(HTTP 429\\); retry 1 of 2 in ([0-9]|[0-9]{2}|1[0-9]{2}|2[0-4][0-9]) ms`,
      ),
    );
  });

  it('a POST is not retried even on 429, but is told when to try again', async () => {
    const id = `post-${backEnd.label}`;
    const result = await session.callTool('postThing', { id });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/called again in 1 s \(Retry-After\); retry the call after that/);
    expect(requestsTo(upstream.requests, 'POST', `/v1/things/${id}`)).toBe(1);
  });

  it('503 on every try: at most 3 tries, all within the deadline', async () => {
    const id = `always-${backEnd.label}`;
    const started = performance.now();
    const result = await session.callTool('getThing', { id });
    expect(performance.now() - started).toBeLessThan(4_000 * 1.1);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^HTTP 503 Service Unavailable[\s\S]*Tried 3 times\.$/);
    expect(requestsTo(upstream.requests, 'GET', `/v1/things/${id}`)).toBe(3);
  });
});
