// One cold start of an MCP server over stdio, for the cold-start and peers
// benches: spawn, handshake, every `tools/list` page, and the server's peak RSS
// (VmHWM from /proc right after the last page, before the client closes, so
// Linux only). The SDK is the caller's choice (the v2 client or SDK 1.32's
// `Client`, which compiles every output schema inside `listTools()`, a cost
// its users pay on every connect), so both benches time what a real client does.
import { readFileSync } from 'node:fs';

/** Peak resident set of a live process in MB, NaN once it is gone. */
function peakRssMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1]) / 1024;
  } catch {
    return Number.NaN;
  }
}

/**
 * Spawns `command args` with only PATH in its environment (nothing secret
 * reaches a server under test) and returns `{ initialized, listed }` (ms from
 * spawn), `rss` (MB), `tools` (the tools as sent), `wireBytes` (the
 * `tools/list` results' JSON, every page) and `largestPage` (bytes of the
 * largest page's message); or `{ error }` when the server crashes, refuses or
 * passes `timeoutMs`. The child is always closed before this returns.
 */
export async function measureStdioStart({
  Client,
  StdioClientTransport,
  command,
  args,
  timeoutMs = 120_000,
  maxBufferSize,
}) {
  const start = performance.now();
  const client = new Client({ name: 'bench', version: '0' });
  const transport = new StdioClientTransport({
    command,
    args,
    env: { PATH: process.env.PATH ?? '' },
    stderr: 'ignore',
    ...(maxBufferSize === undefined ? {} : { maxBufferSize }),
  });
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no complete tools/list within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
  });
  const measured = (async () => {
    await client.connect(transport);
    const initialized = performance.now() - start;
    // The raw messages, before the SDK's schema parsing can drop a field: the
    // wire size is what the server sent.
    const pages = [];
    const deliver = transport.onmessage;
    transport.onmessage = (message, ...rest) => {
      if (Array.isArray(message?.result?.tools)) pages.push(message.result);
      deliver.call(transport, message, ...rest);
    };
    let cursor;
    do {
      const page = await client.listTools(cursor === undefined ? {} : { cursor });
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    const listed = performance.now() - start;
    const rss = peakRssMb(transport.pid);
    const sizes = pages.map((page) => Buffer.byteLength(JSON.stringify(page)));
    return {
      initialized,
      listed,
      rss,
      tools: pages.flatMap((page) => page.tools),
      wireBytes: sizes.reduce((sum, size) => sum + size, 0),
      largestPage: Math.max(0, ...sizes),
    };
  })();
  try {
    return await Promise.race([measured, timeout]);
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
    measured.catch(() => {});
    await client.close().catch(() => {});
    await transport.close().catch(() => {});
  }
}
