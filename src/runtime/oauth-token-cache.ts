/**
 * OAuth2 client-credentials tokens, fetched once and reused until shortly before
 * they expire.
 */
import type { ClientCredentialsRequest, TokenProvider } from './resolve-credentials.js';

/** What the token endpoint answered. */
export type TokenResponse =
  | { ok: true; accessToken: string; expiresInSeconds?: number }
  | { ok: false; message: string };

/** Performs the token request (see `call-upstream.ts`). Never throws. */
export type TokenFetcher = (request: ClientCredentialsRequest) => Promise<TokenResponse>;

/** Seconds a token without `expires_in` is reused before it is fetched again. */
const DEFAULT_LIFETIME_SECONDS = 300;
/** Refresh this long before the token expires (less for very short-lived tokens). */
const REFRESH_MARGIN_SECONDS = 60;

/**
 * Creates a token provider caching one token per scheme + token URL + client id +
 * scope set. Concurrent calls share one in-flight request; failures are not
 * cached, so the next call tries again.
 */
export function createTokenCache(fetchToken: TokenFetcher, now: () => number = Date.now): TokenProvider {
  const tokens = new Map<string, { token: string; refreshAt: number }>();
  const inFlight = new Map<string, Promise<TokenResponse>>();
  return async (request) => {
    const key = JSON.stringify([
      request.schemeKey,
      request.tokenUrl,
      request.clientId,
      [...new Set(request.scopes)].sort(),
    ]);
    const cached = tokens.get(key);
    if (cached !== undefined && now() < cached.refreshAt) return { ok: true, token: cached.token };
    let pending = inFlight.get(key);
    if (pending === undefined) {
      const started = now();
      pending = fetchToken(request).then((response) => {
        if (response.ok) {
          const lifetime = response.expiresInSeconds ?? DEFAULT_LIFETIME_SECONDS;
          const margin = Math.min(REFRESH_MARGIN_SECONDS, lifetime / 2);
          tokens.set(key, { token: response.accessToken, refreshAt: started + (lifetime - margin) * 1000 });
        }
        return response;
      });
      inFlight.set(key, pending);
      pending.finally(() => inFlight.delete(key)).catch(() => undefined);
    }
    const response = await pending;
    return response.ok ? { ok: true, token: response.accessToken } : { ok: false, message: response.message };
  };
}
