/**
 * Upstream routes that misbehave on purpose, for the recording upstream
 * (test/helpers/recording-upstream.ts): fail a few times then answer, drop
 * the connection at a chosen point, and so on.
 */
import type { ServerResponse } from 'node:http';
import { json, type RecordedRequest, type Route } from '../helpers/recording-upstream.js';

/** Answers `failures` requests to each distinct URL with `fail`, then every later one with `then`. */
export function failing(failures: number, fail: Route, then: Route = json(200, { ok: true })): Route {
  const seen = new Map<string, number>();
  return (request, res) => {
    const count = (seen.get(request.url) ?? 0) + 1;
    seen.set(request.url, count);
    (count <= failures ? fail : then)(request, res);
  };
}

/** A status with a small JSON body and extra headers (`Retry-After`...). */
export function status(code: number, headers: Record<string, string> = {}): Route {
  return json(code, { error: `status ${code}` }, headers);
}

/** Destroys the connection after writing part of the status line and headers. */
export function resetMidHeaders(): Route {
  return (_request: RecordedRequest, res: ServerResponse) => {
    res.socket?.write('HTTP/1.1 200 OK\r\nContent-Type: appl');
    setTimeout(() => res.socket?.destroy(), 10);
  };
}

/** Sends the headers and part of the body, then destroys the connection. */
export function resetMidBody(): Route {
  return (_request, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
    res.write('{"partial":');
    setTimeout(() => res.socket?.destroy(), 10);
  };
}

/** Requests the upstream saw for one path (any query). */
export function requestsTo(requests: readonly RecordedRequest[], method: string, path: string): number {
  return requests.filter((r) => r.method === method && r.url.split('?')[0] === path).length;
}
