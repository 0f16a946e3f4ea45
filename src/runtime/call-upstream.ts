/**
 * The only file of the runtime that speaks HTTP: one undici `Agent` (keep-alive
 * pools per origin) shared by every call of a tool caller.
 */
import { STATUS_CODES } from 'node:http';
import { Agent, type buildConnector, type Dispatcher, request } from 'undici';
import type { BuiltRequest } from './build-request.js';
import { createDeadline, type Deadline } from './create-deadline.js';
import { explainNetworkCode } from './explain-network-code.js';
import type { TokenResponse } from './oauth-token-cache.js';
import { discard, readDecodedBody } from './read-decoded-body.js';
import type { ClientCredentialsRequest } from './resolve-credentials.js';
import { UpstreamAddressError } from './upstream-address-error.js';

/** What came back from the upstream, or why nothing did. */
export type UpstreamOutcome =
  | {
      kind: 'response';
      status: number;
      statusText: string;
      /** Lower-case names; repeated headers joined with `, `. */
      headers: Record<string, string>;
      /** At most `maxBytes` bytes of the body. */
      body: Uint8Array;
      /** True when the body was longer than `maxBytes` and reading stopped. */
      truncated: boolean;
      /** The body size the upstream declared (`Content-Length`), if any and if the body was not compressed. */
      declaredLength?: number;
      /** A content coding the body is still in (we could not undo it): show it as binary. */
      encoding?: string;
    }
  /** The deadline passed (before the headers or while the body trickled in). */
  | { kind: 'timeout' }
  /** The caller's signal aborted the call (client cancellation). */
  | { kind: 'cancelled' }
  /**
   * No HTTP answer: connection refused, DNS failure, reset, TLS error... `code` is safe to show.
   * `afterResponse` when the headers had arrived and the body failed (the upstream had acted).
   */
  | { kind: 'network'; code: string; afterResponse?: true }
  /** The address policy refused the host before any socket opened; `message` is safe to show. */
  | { kind: 'refused'; message: string };

/** Per-call limits. */
export interface UpstreamLimits {
  timeoutMs: number;
  maxBytes: number;
  signal?: AbortSignal;
}

/** Sends requests upstream; created once per tool caller. */
export interface UpstreamClient {
  /** Sends `request`, never following redirects, within the deadline. Never throws. */
  send(request: BuiltRequest, limits: UpstreamLimits): Promise<UpstreamOutcome>;
  /** Performs an OAuth2 client-credentials token request. Never throws. */
  fetchToken(request: ClientCredentialsRequest, timeoutMs: number): Promise<TokenResponse>;
  /** Closes every pooled connection. */
  close(): Promise<void>;
}

/** Token endpoint answers are small; more than this is not a token response. */
const MAX_TOKEN_RESPONSE_BYTES = 64 * 1024;

/**
 * Creates the upstream client. undici `request` follows no redirects (a 3xx is
 * returned as is), so credentials never travel to a `Location` the upstream chose.
 */
export function createUpstreamClient(
  options: { connect?: buildConnector.connector | undefined } = {},
): UpstreamClient {
  const agent = new Agent({
    keepAliveTimeout: 4_000,
    connections: 64,
    connect: options.connect ?? { timeout: 10_000 },
  });

  async function exchange(built: BuiltRequest, limits: UpstreamLimits): Promise<UpstreamOutcome> {
    const deadline = createDeadline(limits.timeoutMs, limits.signal);
    try {
      return await exchangeWithin(built, limits, deadline);
    } finally {
      // The body has been read (or dropped) by now: nothing listens to the signal any more.
      deadline.dispose();
    }
  }

  async function exchangeWithin(
    built: BuiltRequest,
    limits: UpstreamLimits,
    deadline: Deadline,
  ): Promise<UpstreamOutcome> {
    const { signal } = deadline;
    const failed = (error: unknown, afterResponse = false): UpstreamOutcome => {
      if (deadline.expired) return { kind: 'timeout' };
      if (limits.signal?.aborted === true) return { kind: 'cancelled' };
      if (error instanceof UpstreamAddressError) return { kind: 'refused', message: error.message };
      return { kind: 'network', code: errorCode(error), ...(afterResponse && { afterResponse: true }) };
    };
    if (signal.aborted) return failed(undefined);
    let response: Dispatcher.ResponseData;
    try {
      response = await request(built.url, {
        method: built.method as Dispatcher.HttpMethod,
        headers: built.headers,
        body: built.body ?? null,
        dispatcher: agent,
        signal,
      });
    } catch (error) {
      return failed(error);
    }
    const headers = normaliseHeaders(response.headers);
    const declared = headers['content-length'] === undefined ? undefined : Number(headers['content-length']);
    const declaredLength =
      declared !== undefined && Number.isSafeInteger(declared) && declared >= 0 ? declared : undefined;
    const isRedirect = response.statusCode >= 300 && response.statusCode < 400;
    let read: Awaited<ReturnType<typeof readDecodedBody>> = {
      bytes: new Uint8Array(0),
      truncated: false,
      decoded: false,
    };
    try {
      // A redirect's body is never needed: it is not followed.
      if (isRedirect) discard(response.body);
      else read = await readDecodedBody(response.body, headers['content-encoding'], limits.maxBytes);
    } catch (error) {
      return failed(error, true);
    }
    const outcome: UpstreamOutcome = {
      kind: 'response',
      status: response.statusCode,
      statusText: response.statusText || STATUS_CODES[response.statusCode] || '',
      headers,
      body: read.bytes,
      truncated: read.truncated,
    };
    if (declaredLength !== undefined && !read.decoded) outcome.declaredLength = declaredLength;
    if (read.encoding !== undefined) outcome.encoding = read.encoding;
    return outcome;
  }

  return {
    send: exchange,
    async fetchToken(tokenRequest, timeoutMs) {
      const origin = safeOrigin(tokenRequest.tokenUrl);
      const prefix = `Could not get an OAuth2 token for security scheme "${tokenRequest.schemeKey}" from ${origin}`;
      if (origin === undefined) {
        return {
          ok: false,
          message: `Could not get an OAuth2 token for security scheme "${tokenRequest.schemeKey}": its tokenUrl is not an absolute http(s) URL.`,
        };
      }
      const form = new URLSearchParams({ grant_type: 'client_credentials' });
      if (tokenRequest.scopes.length > 0) form.set('scope', [...new Set(tokenRequest.scopes)].join(' '));
      // RFC 6749 §2.3.1: id and secret are form-encoded before the basic scheme.
      const basic = Buffer.from(
        `${formEncode(tokenRequest.clientId)}:${formEncode(tokenRequest.clientSecret)}`,
        'utf8',
      ).toString('base64');
      const outcome = await exchange(
        {
          method: 'POST',
          url: tokenRequest.tokenUrl,
          headers: {
            accept: 'application/json',
            'accept-encoding': 'identity',
            'content-type': 'application/x-www-form-urlencoded',
            authorization: `Basic ${basic}`,
            'user-agent': 'openapi-mcp',
          },
          body: form.toString(),
        },
        { timeoutMs, maxBytes: MAX_TOKEN_RESPONSE_BYTES },
      );
      if (outcome.kind === 'timeout')
        return { ok: false, message: `${prefix}: no answer within ${timeoutMs} ms.` };
      if (outcome.kind === 'cancelled') return { ok: false, message: `${prefix}: cancelled.` };
      if (outcome.kind === 'network')
        return { ok: false, message: `${prefix} (${explainNetworkCode(outcome.code)}).` };
      if (outcome.kind === 'refused') return { ok: false, message: `${prefix}: ${outcome.message}` };
      let parsed: unknown;
      try {
        parsed = JSON.parse(new TextDecoder().decode(outcome.body));
      } catch {
        parsed = undefined;
      }
      const fields = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
      if (outcome.status < 200 || outcome.status >= 300) {
        const code =
          typeof fields.error === 'string' && /^[\w.-]{1,64}$/.test(fields.error) ? ` (${fields.error})` : '';
        return {
          ok: false,
          message: `${prefix}: HTTP ${outcome.status} ${outcome.statusText}${code}.`.replace(' .', '.'),
        };
      }
      if (typeof fields.access_token !== 'string' || fields.access_token === '') {
        return { ok: false, message: `${prefix}: the answer has no access_token.` };
      }
      const expires = typeof fields.expires_in === 'string' ? Number(fields.expires_in) : fields.expires_in;
      const response: TokenResponse = { ok: true, accessToken: fields.access_token };
      if (typeof expires === 'number' && Number.isFinite(expires) && expires > 0)
        response.expiresInSeconds = expires;
      return response;
    },
    async close() {
      await agent.close();
    },
  };
}

function formEncode(text: string): string {
  return new URLSearchParams({ v: text }).toString().slice(2);
}

function safeOrigin(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

function normaliseHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** A short, safe error code (`ECONNREFUSED`, `UND_ERR_SOCKET`...), never a message that could hold a URL or header. */
function errorCode(error: unknown): string {
  const candidates: unknown[] = [error];
  if (typeof error === 'object' && error !== null) {
    const { cause, errors } = error as { cause?: unknown; errors?: unknown };
    candidates.push(cause);
    if (Array.isArray(errors)) candidates.push(...errors);
    if (
      typeof cause === 'object' &&
      cause !== null &&
      Array.isArray((cause as { errors?: unknown }).errors)
    ) {
      candidates.push(...(cause as { errors: unknown[] }).errors);
    }
  }
  const codes = candidates
    .map((c) => (typeof c === 'object' && c !== null ? (c as { code?: unknown }).code : undefined))
    .filter((code): code is string => typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(code));
  // Prefer the system error (ECONNREFUSED) over undici's wrapper code.
  return codes.find((code) => !code.startsWith('UND_ERR')) ?? codes[0] ?? 'unknown error';
}
