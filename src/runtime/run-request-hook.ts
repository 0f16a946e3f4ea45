/**
 * The request hook of a server's extensions, applied to one built request
 * (credentials attached), with the rule that keeps credentials home: the hook
 * may change the method, path, query, headers and body, never the origin.
 */
import type { BuiltRequest } from './build-request.js';
import { describeThrown } from './describe-thrown.js';
import type { HookRequest, RequestHook, RequestHookContext } from './server-extensions.js';

/** The request to send, or why none is sent (a text safe for a result once redacted). */
export type RequestHookOutcome = { ok: true; request: BuiltRequest } | { ok: false; message: string };

/**
 * Runs `hook` on a copy of `request`. Refuses (without sending anything) when
 * the hook throws, returns something that is not a request, moves the request
 * to another origin, or sets `host`.
 */
export async function runRequestHook(
  hook: RequestHook,
  request: BuiltRequest,
  context: RequestHookContext,
): Promise<RequestHookOutcome> {
  const refuse = (why: string): RequestHookOutcome => ({
    ok: false,
    message: `Tool ${context.toolName} was not called: the request hook (onRequest) ${why}.`,
  });
  const given: HookRequest = { method: request.method, url: request.url, headers: { ...request.headers } };
  if (request.body !== undefined) given.body = request.body;
  let returned: HookRequest | undefined;
  try {
    returned = await hook(given, context);
  } catch (error) {
    return refuse(`failed: ${describeThrown(error)}`);
  }
  const changed: unknown = returned ?? given;
  if (typeof changed !== 'object' || changed === null)
    return refuse('returned something that is not a request');
  const { method, url, headers, body } = changed as Record<string, unknown>;
  if (typeof method !== 'string' || !/^[A-Za-z]+$/.test(method)) {
    return refuse('returned a request without a valid method');
  }
  if (typeof url !== 'string' || !URL.canParse(url)) return refuse('returned a request without a valid URL');
  const origin = new URL(request.url).origin;
  const target = new URL(url).origin;
  if (target !== origin) {
    // The rule, named: credentials were attached for `origin` and go nowhere else.
    return refuse(
      `changed the request's origin from ${origin} to ${target}; a hook may change the path, query, headers and body, but credentials go only to the configured upstream`,
    );
  }
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    return refuse('returned a request without a headers object');
  }
  const out: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== 'string') return refuse(`set header ${JSON.stringify(name)} to a non-string value`);
    const lower = name.toLowerCase();
    // Host picks the virtual host behind the origin: as much a destination as the URL.
    if (lower === 'host') return refuse('set the host header, which only the URL may decide');
    out[lower] = value;
  }
  const built: BuiltRequest = { method: method.toUpperCase(), url, headers: out };
  if (body !== undefined) built.body = body as BuiltRequest['body'];
  return { ok: true, request: built };
}
