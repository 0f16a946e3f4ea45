/**
 * A fake upstream API on 127.0.0.1:0 that records every request exactly as it
 * arrived and answers from a route table.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** The raw request target, e.g. `/v1/pets?limit=5&tags=a&tags=b`. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type Route = (request: RecordedRequest, res: ServerResponse) => void;

export interface RecordingUpstream {
  /** Origin, e.g. `http://127.0.0.1:40123`. */
  url: string;
  readonly requests: RecordedRequest[];
  /** Forgets recorded requests. */
  reset(): void;
  /** Adds or replaces a route: key `METHOD /path`, where `*` matches one path segment. */
  route(key: string, route: Route): void;
  close(): Promise<void>;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Route {
  return (_request, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  };
}

export function text(status: number, body: string): Route {
  return (_request, res) => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(body);
  };
}

/** Accepts the request and never answers (until the upstream closes). */
export function never(): Route {
  return () => {};
}

/** A text body of `bytes` bytes, sent with Content-Length. */
export function big(bytes: number): Route {
  const body = Buffer.alloc(bytes, 'a');
  return (_request, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(bytes) }).end(body);
  };
}

/** Answers with the request's own headers as JSON (how a careless API leaks a key into an error). */
export function echoHeaders(status: number): Route {
  return (request, res) => {
    res
      .writeHead(status, { 'content-type': 'application/json' })
      .end(JSON.stringify({ error: status >= 400 ? 'failed' : undefined, headers: request.headers }));
  };
}

function toMatcher(key: string): (method: string, path: string) => boolean {
  const [method, pattern = '/'] = key.split(' ');
  const regex = new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]+')}$`,
  );
  return (m, path) => m === method && regex.test(path);
}

export async function startRecordingUpstream(routes: Record<string, Route> = {}): Promise<RecordingUpstream> {
  const table: Array<{ key: string; matches: (method: string, path: string) => boolean; route: Route }> = [];
  const setRoute = (key: string, route: Route): void => {
    const existing = table.findIndex((entry) => entry.key === key);
    const entry = { key, matches: toMatcher(key), route };
    if (existing === -1) table.push(entry);
    else table[existing] = entry;
  };
  for (const [key, route] of Object.entries(routes)) setRoute(key, route);

  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(recorded);
      const path = recorded.url.split('?')[0] ?? '';
      // Most specific (latest added) wins, so tests can override defaults.
      const entry = [...table].reverse().find((candidate) => candidate.matches(recorded.method, path));
      if (entry) entry.route(recorded, res);
      else json(404, { error: `no route for ${recorded.method} ${path}` })(recorded, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reset: () => {
      requests.length = 0;
    },
    route: setRoute,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Routes for test/fixtures/e2e/petstore.yaml served under `/v1`. */
export function petstoreRoutes(): Record<string, Route> {
  return {
    'GET /v1/pets': json(200, [{ id: 1, name: 'Rex', tag: 'dog' }]),
    'POST /v1/pets': (request, res) => {
      const body = JSON.parse(request.body.toString('utf8') || '{}') as { name?: string };
      json(201, { id: 2, name: body.name ?? 'unnamed' })(request, res);
    },
    'POST /v1/pets/form': json(201, { id: 3, name: 'Form' }),
    'GET /v1/pets/*': json(200, { id: 7, name: 'Rex' }),
    'GET /v1/pets/by-name/*': json(200, { id: 8, name: 'ByName' }),
    'GET /v1/slow': never(),
    'GET /v1/big': big(8 * 1024 * 1024),
    'GET /v1/text': text(200, 'hello from text'),
    'GET /v1/fail404': json(404, { message: 'no such thing' }),
    'GET /v1/fail500': echoHeaders(500),
    'GET /v1/echo-headers': echoHeaders(200),
  };
}
