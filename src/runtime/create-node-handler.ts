/**
 * Node `(req, res)` → the SDK's web-standard MCP handler, in place of the
 * SDK's `toNodeHandler`, for two reasons measured on `serve`:
 *
 * - the body is read once, bounded, and handed over parsed (`parsedBody`), so
 *   the handler neither tees the request stream nor parses it again;
 * - a response body that is complete within one turn of the event loop (a
 *   stateless exchange's one SSE event, or JSON) goes out in one write with a
 *   `Content-Length`: chunked framing of the same bytes cost about three times
 *   the CPU per request (server and client together), a head and a body
 *   written as two buffers (writev) about one and a half. A stream that stays
 *   open (progress notifications) is streamed as it comes.
 *
 * As with `toNodeHandler`, a client that goes away aborts the request's
 * signal, which cancels the call (and its upstream request).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The part of `createMcpHandler(...)` this adapter calls. */
export interface FetchHandler {
  fetch(request: Request, options?: { parsedBody?: unknown }): Promise<Response>;
}

export interface NodeHandlerOptions {
  /** Largest request body accepted; a larger one gets 413 and the connection is closed. */
  maxRequestBytes: number;
  /** Told about failures before the 500 goes out. */
  onerror: (error: Error) => void;
}

/** Bodies held back to be sent in one write at most; a longer one is streamed. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

const TOO_LARGE = Symbol('too large');
const NEXT_TURN = Symbol('next turn');

export function createNodeHandler(
  handler: FetchHandler,
  options: NodeHandlerOptions,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const { maxRequestBytes } = options;
  return async (req, res) => {
    let finished = false;
    const abort = new AbortController();
    res.on('close', () => {
      if (!finished) abort.abort();
    });
    const method = (req.method ?? 'GET').toUpperCase();
    let response: Response;
    try {
      const text = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req, maxRequestBytes);
      if (text === TOO_LARGE) {
        finished = true;
        writeTooLarge(res, maxRequestBytes);
        return;
      }
      const parsedBody = text === undefined ? undefined : parseJson(text);
      const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, {
        method,
        headers: toHeaders(req),
        signal: abort.signal,
        // Handed over parsed, the body is never read from the request: a body
        // stream per request would be built only to be dropped. Text that is
        // not JSON goes along, for the handler to answer its parse error.
        ...(parsedBody === undefined && text !== undefined && text.length > 0 && { body: text }),
      });
      response = await handler.fetch(request, parsedBody === undefined ? undefined : { parsedBody });
    } catch (error) {
      options.onerror(error instanceof Error ? error : new Error(String(error)));
      response = Response.json(
        { jsonrpc: '2.0', error: { code: -32603, message: 'Internal server error' }, id: null },
        { status: 500 },
      );
    }
    try {
      await writeResponse(res, response, abort.signal);
    } finally {
      finished = true;
    }
  };
}

/** The body as text, or {@link TOO_LARGE} as soon as it passes `limit` (the rest is never buffered). */
function readBody(req: IncomingMessage, limit: number): Promise<string | typeof TOO_LARGE> {
  if (Number(req.headers['content-length']) > limit) return Promise.resolve(TOO_LARGE);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer): void => {
      received += chunk.byteLength;
      if (received > limit) {
        req.off('data', onData);
        req.off('end', onEnd);
        req.pause();
        resolve(TOO_LARGE);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => resolve(Buffer.concat(chunks, received).toString('utf8'));
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', reject);
  });
}

function writeTooLarge(res: ServerResponse, limit: number): void {
  const body = JSON.stringify({
    jsonrpc: '2.0',
    error: {
      code: -32000,
      message: `Payload Too Large: an MCP request body must not exceed ${limit} bytes (see --max-request-bytes)`,
    },
    id: null,
  });
  // `Connection: close`: the rest of the body is never read, so the connection cannot carry another request.
  res.writeHead(413, { 'content-type': 'application/json', connection: 'close' }).end(body);
}

/**
 * The request's headers as `Request` takes them. A plain record when it can be
 * one: `Request` then fills its headers once, where a `Headers` built here
 * would be built and then copied (and sorted) again.
 */
function toHeaders(req: IncomingMessage): NonNullable<RequestInit['headers']> {
  // Node gives every header as one string (duplicates joined) but `set-cookie`, always an
  // array; an HTTP/1.1 header name cannot start with `:` (HTTP/2's pseudo-headers).
  if (req.headers['set-cookie'] === undefined) {
    return req.headers as Record<string, string>;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  return headers;
}

/** Parsed JSON, or `undefined` for anything else (the handler then answers the parse error itself). */
function parseJson(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function writeResponse(res: ServerResponse, response: Response, signal: AbortSignal): Promise<void> {
  const headers: Record<string, string> = {};
  for (const [name, value] of response.headers) headers[name] = value;
  if (response.body === null) {
    res.writeHead(response.status, headers).end();
    return;
  }
  if (isJson(headers['content-type'])) {
    // A JSON answer is complete when the handler returns it: read it at once,
    // with no turn of the event loop spent waiting to see whether more follows.
    const body = await response.text();
    if (signal.aborted) {
      res.destroy();
      return;
    }
    res
      .writeHead(response.status, { ...headers, 'content-length': String(Buffer.byteLength(body, 'utf8')) })
      .end(body, 'utf8');
    return;
  }
  const reader = response.body.getReader();
  const closed = new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
  let held: Uint8Array[] | undefined = [];
  let heldBytes = 0;
  const startStreaming = (): void => {
    res.writeHead(response.status, headers);
    for (const chunk of held ?? []) res.write(chunk);
    held = undefined;
  };
  try {
    let next = reader.read();
    for (;;) {
      const step =
        held === undefined
          ? await Promise.race([next, closed.then(() => undefined)])
          : await Promise.race([next, nextTurn(), closed.then(() => undefined)]);
      if (step === undefined) break;
      if (step === NEXT_TURN) {
        startStreaming();
        continue;
      }
      if (step.done) break;
      next = reader.read();
      if (held !== undefined) {
        held.push(step.value);
        heldBytes += step.value.byteLength;
        if (heldBytes > MAX_BUFFERED_BYTES) startStreaming();
        continue;
      }
      if (!res.write(step.value)) {
        await Promise.race([new Promise((resolve) => res.once('drain', resolve)), closed]);
      }
    }
  } catch {
    // The body stream failed (the exchange was torn down): end what was sent.
  }
  if (signal.aborted) {
    void reader.cancel().catch(() => {});
    if (!res.headersSent) res.destroy();
    else res.end();
    return;
  }
  if (held !== undefined) {
    // As a string: Node then sends head and body in one write, not a writev of two buffers.
    const body = Buffer.concat(held, heldBytes).toString('utf8');
    res.writeHead(response.status, { ...headers, 'content-length': String(heldBytes) }).end(body, 'utf8');
    return;
  }
  res.end();
}

function isJson(contentType: string | undefined): boolean {
  return contentType !== undefined && /^application\/json\s*(;|$)/i.test(contentType);
}

function nextTurn(): Promise<typeof NEXT_TURN> {
  return new Promise((resolve) => setImmediate(resolve, NEXT_TURN));
}
