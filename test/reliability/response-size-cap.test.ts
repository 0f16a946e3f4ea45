/**
 * SECURITY.md §G 42, "Response size cap" for compressed answers (the gzip
 * bomb): we ask for `identity`, but an upstream that compresses anyway is
 * decoded as the body streams in and the cap counts decoded bytes, so 1 MiB
 * of gzip that stands for 1 GiB is cut at the cap in bounded time and memory,
 * with Content-Length and chunked alike. Against `serve` and a generated
 * project over HTTP (the server's pid gives its peak RSS).
 */
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectHttp,
  type HttpServerProcess,
  type McpSession,
  startHttpServer,
} from '../helpers/mcp-session.js';
import { type RecordingUpstream, type Route, startRecordingUpstream } from '../helpers/recording-upstream.js';
import { textOf } from '../helpers/text-of.js';
import { useBackEnds } from './back-ends.js';

const backEnds = useBackEnds('size-cap');
const CAP = 64 * 1024;
const MEMBER_BYTES = 64 * 1024 * 1024;
let upstream: RecordingUpstream;
/** 16 gzip members of 64 MiB of `a` each: about 1 MiB on the wire, 1 GiB decoded. */
let gzipBomb: Buffer;
let brotliBomb: Buffer;

function compressed(body: Buffer, encoding: string, withLength: boolean): Route {
  return (_request, res) => {
    const headers: Record<string, string> = { 'content-type': 'text/plain', 'content-encoding': encoding };
    if (withLength) headers['content-length'] = String(body.length);
    res.writeHead(200, headers);
    // Written in pieces, as a real upstream streams it (chunked when there is no length).
    let offset = 0;
    const next = (): void => {
      if (res.destroyed) return;
      if (offset >= body.length) {
        res.end();
        return;
      }
      res.write(body.subarray(offset, offset + 64 * 1024), next);
      offset += 64 * 1024;
    };
    next();
  };
}

beforeAll(async () => {
  const plain = Buffer.alloc(MEMBER_BYTES, 'a');
  const member = gzipSync(plain, { level: 9 });
  gzipBomb = Buffer.concat(Array.from({ length: 16 }, () => member));
  brotliBomb = brotliCompressSync(plain, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } });
  upstream = await startRecordingUpstream({
    'GET /v1/things/gzip-length': compressed(gzipBomb, 'gzip', true),
    'GET /v1/things/gzip-chunked': compressed(gzipBomb, 'gzip', false),
    'GET /v1/things/br-chunked': compressed(brotliBomb, 'br', false),
    'GET /v1/things/small-gzip': compressed(gzipSync('{"small":true}'), 'gzip', true),
  });
}, 60_000);

afterAll(async () => {
  await upstream?.close();
});

/** The peak resident set of a Linux process, in bytes (undefined elsewhere). */
function peakRss(pid: number): number | undefined {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

describe.each(backEnds)('$label', (backEnd) => {
  let server: HttpServerProcess;
  let session: McpSession;

  beforeAll(async () => {
    expect(gzipBomb.length).toBeLessThan(1.5 * 1024 * 1024);
    server = await startHttpServer(
      backEnd.launch(['--base-url', `${upstream.url}/v1`, '--max-response-bytes', String(CAP)]),
    );
    session = await connectHttp('v2-auto', server.url);
  }, 60_000);

  afterAll(async () => {
    await session?.close();
    await server?.stop();
  });

  it.each(['gzip-length', 'gzip-chunked', 'br-chunked'])(
    '%s: cut at the cap of decoded bytes, quickly, memory bounded',
    async (id) => {
      const started = performance.now();
      const result = await session.callTool('getThing', { id });
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(result.isError ?? false).toBe(false);
      const text = textOf(result);
      expect(text.startsWith('a'.repeat(CAP))).toBe(true);
      // The compressed length the upstream declared is not the body's size, so it is not quoted.
      expect(text.slice(CAP)).toBe(`\n[truncated: showed ${CAP} of more than ${CAP} bytes]`);
      const rss = peakRss(server.child.pid!);
      if (rss !== undefined) expect(rss).toBeLessThan(400 * 1024 * 1024);
    },
  );

  it('a small compressed JSON answer is decoded and returned whole', async () => {
    const result = await session.callTool('getThing', { id: 'small-gzip' });
    expect(textOf(result)).toBe('{"small":true}');
  });
});
