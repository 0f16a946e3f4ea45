import { describe, expect, it, vi } from 'vitest';
import { createTokenCache } from '../../../src/runtime/oauth-token-cache.js';

describe('createTokenCache', () => {
  const request = {
    schemeKey: 's',
    tokenUrl: 'https://a/t',
    clientId: 'id',
    clientSecret: 'x',
    scopes: ['b', 'a'],
  };

  it('fetches once, shares in-flight requests, refreshes 60 s before expiry', async () => {
    let clock = 0;
    let n = 0;
    const fetchToken = vi.fn(async () => ({
      ok: true as const,
      accessToken: `t${++n}`,
      expiresInSeconds: 3600,
    }));
    const cache = createTokenCache(fetchToken, () => clock);
    const [a, b] = await Promise.all([cache(request), cache({ ...request, scopes: ['a', 'b'] })]);
    expect(a).toEqual({ ok: true, token: 't1' });
    expect(b).toEqual({ ok: true, token: 't1' });
    clock = (3600 - 61) * 1000;
    expect(await cache(request)).toEqual({ ok: true, token: 't1' });
    clock = (3600 - 59) * 1000;
    expect(await cache(request)).toEqual({ ok: true, token: 't2' });
    expect(fetchToken).toHaveBeenCalledTimes(2);
    expect(await cache({ ...request, scopes: ['c'] })).toEqual({ ok: true, token: 't3' });
  });

  it('does not cache failures', async () => {
    const fetchToken = vi
      .fn()
      .mockResolvedValueOnce({ ok: false, message: 'down' })
      .mockResolvedValueOnce({ ok: true, accessToken: 'ok' });
    const cache = createTokenCache(fetchToken);
    expect(await cache(request)).toEqual({ ok: false, message: 'down' });
    expect(await cache(request)).toEqual({ ok: true, token: 'ok' });
  });
});
