/**
 * SECURITY.md §G 44, "5xx retry policy": a request safe to repeat (GET, HEAD,
 * OPTIONS, PUT, DELETE; a POST/PATCH with the idempotency key its spec
 * declares) is retried on 502/503/504 and on a refused connection, at most
 * `--retries` times (2 by default), each retry one stderr line without
 * secrets; any other POST or PATCH is sent exactly once. Against `serve` and
 * a generated project, over stdio with a real SDK client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StdioSession, startStdioSession } from '../helpers/mcp-session.js';
import { type RecordingUpstream, startRecordingUpstream } from '../helpers/recording-upstream.js';
import { textOf } from '../helpers/text-of.js';
import { CANARY, useBackEnds } from './back-ends.js';
import { failing, requestsTo, status } from './misbehaving-routes.js';

const backEnds = useBackEnds('retry-safe');
let upstream: RecordingUpstream;
let refusedOrigin: string;

beforeAll(async () => {
  upstream = await startRecordingUpstream({
    'GET /v1/things/*': failing(2, status(503)),
    'HEAD /v1/things/*': failing(2, status(502)),
    'OPTIONS /v1/things/*': failing(2, status(504)),
    'PUT /v1/things/*': failing(2, status(503)),
    'DELETE /v1/things/*': failing(2, status(503)),
    'POST /v1/things/*': failing(2, status(503)),
    'PATCH /v1/things/*': failing(2, status(503)),
    'POST /v1/payments': failing(2, status(503)),
  });
  const closed = await startRecordingUpstream();
  refusedOrigin = closed.url;
  await closed.close();
});

afterAll(async () => {
  await upstream?.close();
});

/** Retry lines the server logged since `from` (an offset into its stderr). */
function retryLines(session: StdioSession, from: number): string[] {
  return session
    .stderr()
    .slice(from)
    .split('\n')
    .filter((line) => /; retry \d+ of \d+ in \d+ ms$/.test(line));
}

describe.each(backEnds)('$label', (backEnd) => {
  let session: StdioSession;
  let refused: StdioSession;
  let off: StdioSession;

  beforeAll(async () => {
    [session, refused, off] = await Promise.all([
      startStdioSession('v2-auto', backEnd.launch(['--base-url', `${upstream.url}/v1`])),
      startStdioSession('v2-auto', backEnd.launch(['--base-url', `${refusedOrigin}/v1`])),
      startStdioSession('v2-auto', backEnd.launch(['--base-url', `${upstream.url}/v1`, '--retries', '0'])),
    ]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([session?.close(), refused?.close(), off?.close()]);
  });

  it.each([
    ['getThing', 'GET', 503],
    ['headThing', 'HEAD', 502],
    ['optionsThing', 'OPTIONS', 504],
    ['putThing', 'PUT', 503],
    ['deleteThing', 'DELETE', 503],
  ])('%s: %s answered %d twice, then 200, is retried twice and succeeds', async (tool, method, code) => {
    const id = `${backEnd.label}-${tool}`;
    const logged = session.stderr().length;
    const result = await session.callTool(tool, { id });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(requestsTo(upstream.requests, method, `/v1/things/${id}`)).toBe(3);
    const lines = retryLines(session, logged);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(
      `tool ${tool}: ${method} /v1/things/${id} to ${upstream.url} failed (HTTP ${code}); retry 1 of 2 in`,
    );
    expect(lines[1]).toContain('retry 2 of 2 in');
    expect(session.stderr()).not.toContain(CANARY);
  });

  it.each([
    ['postThing', 'POST'],
    ['patchThing', 'PATCH'],
  ])('%s: %s answered 503 is sent exactly once and the 503 surfaced', async (tool, method) => {
    const id = `${backEnd.label}-${tool}`;
    const logged = session.stderr().length;
    const result = await session.callTool(tool, { id, name: 'x' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^HTTP 503 Service Unavailable/);
    expect(textOf(result)).not.toContain('Tried');
    expect(requestsTo(upstream.requests, method, `/v1/things/${id}`)).toBe(1);
    expect(retryLines(session, logged)).toEqual([]);
  });

  it('a POST whose spec declares Idempotency-Key is retried when the call sends a key', async () => {
    // `failing` counts per URL, and every payment has the same one: a fresh route per test.
    upstream.route('POST /v1/payments', failing(2, status(503)));
    const before = requestsTo(upstream.requests, 'POST', '/v1/payments');
    const keyed = await session.callTool('createPayment', {
      'Idempotency-Key': `${backEnd.label}-k1`,
      amount: 5,
    });
    expect(keyed.isError, textOf(keyed)).toBeFalsy();
    const keyedRequests = upstream.requests.filter(
      (r) => r.url === '/v1/payments' && r.headers['idempotency-key'] === `${backEnd.label}-k1`,
    );
    // Every try carries the same key, so the upstream can tell them apart from new payments.
    expect(keyedRequests).toHaveLength(3);
    expect(requestsTo(upstream.requests, 'POST', '/v1/payments') - before).toBe(3);
  });

  it('a POST without its idempotency key is not retried', async () => {
    upstream.route('POST /v1/payments', failing(2, status(503)));
    const before = requestsTo(upstream.requests, 'POST', '/v1/payments');
    const result = await session.callTool('createPayment', { amount: 5 });
    expect(result.isError).toBe(true);
    expect(requestsTo(upstream.requests, 'POST', '/v1/payments') - before).toBe(1);
  });

  it('a refused connection: GET retried twice then reported; POST tried once', async () => {
    let logged = refused.stderr().length;
    const get = await refused.callTool('getThing', { id: 'r1' });
    expect(get.isError).toBe(true);
    expect(textOf(get)).toBe(
      `Could not reach the upstream ${refusedOrigin} (ECONNREFUSED) for GET /v1/things/r1.\nTried 3 times.`,
    );
    const lines = retryLines(refused, logged);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('failed (ECONNREFUSED); retry 1 of 2');

    logged = refused.stderr().length;
    const post = await refused.callTool('postThing', { id: 'r2' });
    expect(textOf(post)).toBe(
      `Could not reach the upstream ${refusedOrigin} (ECONNREFUSED) for POST /v1/things/r2.`,
    );
    expect(retryLines(refused, logged)).toEqual([]);
    expect(refused.stderr()).not.toContain(CANARY);
  });

  it('--retries 0 turns retrying off', async () => {
    const id = `${backEnd.label}-off`;
    const result = await off.callTool('getThing', { id });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^HTTP 503/);
    expect(requestsTo(upstream.requests, 'GET', `/v1/things/${id}`)).toBe(1);
    expect(retryLines(off, 0)).toEqual([]);
  });
});
