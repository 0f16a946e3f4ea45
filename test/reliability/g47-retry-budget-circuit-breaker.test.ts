/**
 * SECURITY.md §G 47, "Retry budget / circuit breaker": an upstream that
 * answers 503 to everything gets at most 20% more requests than calls (plus
 * the budget's floor of 10), not three tries per call; after 5 failed calls in
 * a row calls fail fast with `OMCP_UPSTREAM_CIRCUIT_OPEN` and send nothing;
 * after the cool-down exactly one probe goes through (one try: its retries are
 * refused too), a failed probe opens the circuit again, and a successful one
 * closes it. Against `serve` and a
 * generated project, over stdio with a real SDK client. Requests are counted
 * and codes checked; nothing is timed.
 */
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallOutcome, StdioSession } from '../helpers/mcp-session.js';
import { startStdioSession } from '../helpers/mcp-session.js';
import { json, type RecordingUpstream, startRecordingUpstream } from '../helpers/recording-upstream.js';
import { textOf } from '../helpers/text-of.js';
import { CANARY, useBackEnds } from './back-ends.js';
import { status } from './misbehaving-routes.js';

const backEnds = useBackEnds('g47');
let upstream: RecordingUpstream;
/**
 * How the upstream answers now: 503 to everything; 503 to everything once
 * `CALLS` requests are in (`gather`: every first try is counted by the budget
 * before any retry is weighed, so the test holds however slow the machine);
 * hold the answer back; or 200.
 */
let mode: 'fail' | 'gather' | 'hold' | 'ok' = 'fail';
const held: ServerResponse[] = [];

/** The budget's floor: retries per 10 s window an origin gets whatever its first tries. */
const FLOOR = 10;
const CALLS = 50;

beforeAll(async () => {
  const fail = status(503);
  const ok = json(200, { ok: true });
  upstream = await startRecordingUpstream({
    'GET /v1/things/*': (request, res) => {
      if (mode === 'fail') fail(request, res);
      else if (mode === 'gather') {
        held.push(res);
        if (held.length < CALLS) return;
        mode = 'fail';
        for (const waiting of held.splice(0)) fail(request, waiting);
      } else if (mode === 'hold') held.push(res);
      else ok(request, res);
    },
  });
});

afterAll(async () => {
  for (const res of held.splice(0)) res.destroy();
  await upstream?.close();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const isCircuitOpen = (result: CallOutcome) => textOf(result).startsWith('OMCP_UPSTREAM_CIRCUIT_OPEN: ');

/** Waits until the server's stderr has `line`: it travels on another pipe than the result. */
async function logged(session: StdioSession, line: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!session.stderr().includes(line) && Date.now() < deadline) await pause(10);
  expect(session.stderr()).toContain(line);
}

/**
 * Calls until one call reaches the upstream (the probe, once the cool-down is
 * over) and returns that call; every call before it must be refused by the
 * open circuit without a request. Polls, so no assertion depends on timing.
 */
async function callUntilProbe(session: StdioSession, label: string): Promise<{ call: Promise<CallOutcome> }> {
  const deadline = Date.now() + 20_000;
  for (let n = 0; Date.now() < deadline; n += 1) {
    const before = upstream.requests.length;
    const call = session.callTool('getThing', { id: `${label}-poll-${n}` });
    let settled: CallOutcome | undefined;
    void call.then((result) => {
      settled = result;
    });
    while (settled === undefined && upstream.requests.length === before) await pause(5);
    // Wrapped: an async function returning the promise itself would wait for it.
    if (upstream.requests.length > before) return { call };
    const refused = settled as CallOutcome;
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/^OMCP_UPSTREAM_CIRCUIT_OPEN: /);
    await pause(50);
  }
  throw new Error('no probe reached the upstream within 20 s');
}

describe.each(backEnds)('$label', (backEnd) => {
  let budgeted: StdioSession;
  let broken: StdioSession;

  beforeAll(async () => {
    const base = ['--base-url', `${upstream.url}/v1`];
    [budgeted, broken] = await Promise.all([
      // The budget alone: the breaker off, and room for all 50 calls at once.
      startStdioSession(
        'v2-auto',
        backEnd.launch([...base, '--breaker-failures', '0', '--max-concurrency', String(CALLS)]),
      ),
      // The breaker at its default of 5 failed calls, with a short cool-down.
      startStdioSession('v2-auto', backEnd.launch([...base, '--breaker-cooldown', '1'])),
    ]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([budgeted?.close(), broken?.close()]);
  });

  it(`503 to everything, ${CALLS} concurrent GETs: at most ${CALLS} × 1.2 + ${FLOOR} requests, every call an isError`, async () => {
    mode = 'gather';
    upstream.reset();
    const results = await Promise.all(
      Array.from({ length: CALLS }, (_, n) =>
        budgeted.callTool('getThing', { id: `${backEnd.label}-b${n}` }),
      ),
    );
    expect(results.every((result) => result.isError === true)).toBe(true);
    for (const result of results) expect(textOf(result)).toMatch(/^HTTP 503 Service Unavailable/);
    // Three tries each would be 150; the floor's retries always go.
    expect(upstream.requests.length).toBeLessThanOrEqual(CALLS * 1.2 + FLOOR);
    expect(upstream.requests.length).toBeGreaterThanOrEqual(CALLS + FLOOR);
    await logged(budgeted, 'not sent: the retry budget of');
    const spent = budgeted
      .stderr()
      .split('\n')
      .filter((line) => line.includes('not sent: the retry budget of'));
    expect(spent.length).toBeGreaterThan(0);
    expect(spent[0]).toMatch(
      new RegExp(
        `^.*tool getThing: GET /v1/things/${backEnd.label}-b\\d+ to ${upstream.url} failed \\(HTTP 503\\); retry [12] of 2 not sent: the retry budget of ${upstream.url} is spent \\(\\d+ retries for \\d+ calls in the last 10 s\\)$`,
      ),
    );
    expect(budgeted.stderr()).not.toContain(CANARY);
  });

  it('after 5 failed calls in a row the circuit opens: calls fail fast with OMCP_UPSTREAM_CIRCUIT_OPEN and send nothing', async () => {
    mode = 'fail';
    upstream.reset();
    for (let n = 0; n < 5; n += 1) {
      const result = await broken.callTool('getThing', { id: `${backEnd.label}-f${n}` });
      expect(textOf(result)).toMatch(/^HTTP 503 Service Unavailable/);
    }
    // Each call tried three times: a call counts once, however many tries it made.
    expect(upstream.requests).toHaveLength(15);
    await logged(
      broken,
      `upstream ${upstream.url}: circuit open after 5 failed calls in a row (last: HTTP 503); calls fail fast for 1 s, then one probe goes through`,
    );
    const refused = await broken.callTool('getThing', { id: `${backEnd.label}-refused` });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(
      new RegExp(
        `^OMCP_UPSTREAM_CIRCUIT_OPEN: the upstream ${upstream.url} failed 5 times in a row \\(last: HTTP 503\\) and its circuit is open, so GET /v1/things/${backEnd.label}-refused was not sent; retry the call in 1 s\\.$`,
      ),
    );
    expect(upstream.requests).toHaveLength(15);
  });

  it('after the cool-down one probe goes through: a 503 opens it again, a 200 closes it and calls succeed', async () => {
    // Still open from the test before: the probe fails, and the circuit opens for another second.
    mode = 'fail';
    upstream.reset();
    const failedProbe = await (await callUntilProbe(broken, `${backEnd.label}-p1`)).call;
    expect(textOf(failedProbe)).toMatch(/^HTTP 503 Service Unavailable/);
    // One try: the probe's own retries are refused while it is the probe.
    expect(textOf(failedProbe)).not.toContain('Tried');
    expect(upstream.requests).toHaveLength(1);
    await logged(broken, `upstream ${upstream.url}: the probe failed (HTTP 503); circuit open again for 1 s`);

    // The next probe is held by the upstream: while it is out, every other call is refused.
    mode = 'hold';
    upstream.reset();
    const probe = (await callUntilProbe(broken, `${backEnd.label}-p2`)).call;
    const others = await Promise.all(
      Array.from({ length: 5 }, (_, n) => broken.callTool('getThing', { id: `${backEnd.label}-o${n}` })),
    );
    for (const other of others) {
      expect(isCircuitOpen(other), textOf(other)).toBe(true);
      expect(textOf(other)).toContain('its circuit is half-open and another call is probing it');
    }
    expect(upstream.requests).toHaveLength(1);

    mode = 'ok';
    held.shift()?.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    const probed = await probe;
    expect(probed.isError, textOf(probed)).toBeFalsy();
    await logged(broken, `upstream ${upstream.url}: the probe succeeded; circuit closed`);

    upstream.reset();
    for (let n = 0; n < 3; n += 1) {
      const result = await broken.callTool('getThing', { id: `${backEnd.label}-ok${n}` });
      expect(result.isError, textOf(result)).toBeFalsy();
    }
    expect(upstream.requests).toHaveLength(3);
    // Opened once, re-opened once, closed once: no line per refused call.
    expect(broken.stderr().match(/: circuit open after /g)).toHaveLength(1);
    expect(broken.stderr().match(/: the probe succeeded; circuit closed/g)).toHaveLength(1);
    expect(broken.stderr()).not.toContain(CANARY);
  });
});
