/**
 * SECURITY.md §G 41, "Slow-loris body": an upstream sends its headers at once,
 * then one byte of body every 200 ms, forever. No per-read timer can end that
 * (every read is answered well within any idle timeout, undici's `bodyTimeout`
 * among them: 300 s by default), so only a total deadline can: with
 * `--timeout 1` the call ends in an `isError` naming the deadline, the
 * upstream sees its socket closed, and the next call works. Against `serve`
 * and a generated project, over stdio and Streamable HTTP.
 */
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectHttp,
  type McpSession,
  type ServerLaunch,
  startHttpServer,
  startStdioSession,
} from '../helpers/mcp-session.js';
import { json, type RecordingUpstream, startRecordingUpstream } from '../helpers/recording-upstream.js';
import { textOf } from '../helpers/text-of.js';
import { until } from '../helpers/until.js';
import { useBackEnds } from './back-ends.js';

const backEnds = useBackEnds('slow-loris');
const DRIP_MS = 200;
let upstream: RecordingUpstream;

/** Per request URL: body bytes written before the proxy let go, and whether it did. */
const drips = new Map<string, { bytes: number; closed: boolean }>();

/** Headers at once, then one byte every {@link DRIP_MS} until the connection closes. */
function drip(request: { url: string }, res: ServerResponse): void {
  const state = { bytes: 0, closed: false };
  drips.set(request.url, state);
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.flushHeaders();
  const timer = setInterval(() => {
    res.write('a');
    state.bytes += 1;
  }, DRIP_MS);
  res.on('close', () => {
    clearInterval(timer);
    state.closed = true;
  });
}

beforeAll(async () => {
  upstream = await startRecordingUpstream({
    'GET /v1/things/*': drip,
    'GET /v1/things/fine': json(200, { fine: true }),
  });
});

afterAll(async () => {
  await upstream?.close();
});

/** A session and what stops it; `stderr` is the server's log so far. */
interface Connected {
  session: McpSession;
  stderr(): string;
  close(): Promise<void>;
}

async function overStdio(launch: ServerLaunch): Promise<Connected> {
  const session = await startStdioSession('v2-auto', launch);
  return { session, stderr: () => session.stderr(), close: () => session.close() };
}

async function overHttp(launch: ServerLaunch): Promise<Connected> {
  const server = await startHttpServer(launch);
  const session = await connectHttp('v2-auto', server.url);
  return {
    session,
    stderr: () => server.stderr(),
    close: async () => {
      await session.close();
      await server.stop();
    },
  };
}

const TRANSPORTS = [
  ['stdio', overStdio],
  ['http', overHttp],
] as const;

describe.each(backEnds)('$label', (backEnd) => {
  describe.each(TRANSPORTS)('over %s', (transport, connect) => {
    let connected: Connected;
    const tag = `${backEnd.label}-${transport}`;

    beforeAll(async () => {
      connected = await connect(backEnd.launch(['--base-url', `${upstream.url}/v1`, '--timeout', '1']));
    }, 60_000);

    afterAll(async () => {
      await connected?.close();
    });

    it('the total deadline ends a body that never stops trickling, and the upstream sees its socket close', async () => {
      const url = `/v1/things/drip-${tag}`;
      const started = performance.now();
      const result = await connected.session.callTool('getThing', { id: `drip-${tag}` });
      const elapsed = performance.now() - started;

      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(
        /^Upstream did not answer within 1 s \(GET [^)]*\/v1\/things\/drip-[a-z]+-[a-z]+\); the call was aborted\./,
      );
      // The body was flowing (headers sent, bytes arriving): only a deadline over the whole exchange stops that.
      const state = drips.get(url);
      expect(state?.bytes ?? 0).toBeGreaterThanOrEqual(2);
      // Not a fast failure of some other kind: the call lasted at least its deadline.
      expect(elapsed).toBeGreaterThanOrEqual(900);
      await until(() => state?.closed === true, 'the upstream socket to close');
      // One request: a timeout is not retried.
      expect(upstream.requests.filter((r) => r.url === url)).toHaveLength(1);
    });

    it('the next call works', async () => {
      const result = await connected.session.callTool('getThing', { id: 'fine' });
      expect(result.isError ?? false).toBe(false);
      expect(textOf(result)).toBe('{"fine":true}');
      expect(connected.stderr()).not.toMatch(/\n\s+at /);
    });
  });
});
