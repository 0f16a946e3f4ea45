import { describe, expect, it, vi } from 'vitest';
import type { SecuritySchemeModel } from '../../../src/model/types.js';
import type { TokenProvider } from '../../../src/runtime/credentials.js';
import { listCredentialEnv, resolveCredentials, toEnvName } from '../../../src/runtime/credentials.js';
import { createTokenCache } from '../../../src/runtime/oauth-token-cache.js';
import { apiModel, operation } from '../../helpers/model-factory.js';

describe('toEnvName', () => {
  it.each([
    ['readerToken', undefined, 'OPENAPI_MCP_READER_TOKEN'],
    ['APIKey', undefined, 'OPENAPI_MCP_API_KEY'],
    ['petstore_auth', undefined, 'OPENAPI_MCP_PETSTORE_AUTH'],
    ['api-key', undefined, 'OPENAPI_MCP_API_KEY'],
    ['api_key', undefined, 'OPENAPI_MCP_API_KEY'],
    ['  --My  Scheme!!', undefined, 'OPENAPI_MCP_MY_SCHEME'],
    ['oauth2Token', undefined, 'OPENAPI_MCP_OAUTH2_TOKEN'],
    ['v2API', undefined, 'OPENAPI_MCP_V2_API'],
    ['basicAuth', 'USERNAME', 'OPENAPI_MCP_BASIC_AUTH_USERNAME'],
    ['petstore_auth', 'CLIENT_SECRET', 'OPENAPI_MCP_PETSTORE_AUTH_CLIENT_SECRET'],
    ['!!!', undefined, 'OPENAPI_MCP_SCHEME'],
  ])('%j + %j → %s', (key, suffix, expected) => {
    expect(toEnvName('OPENAPI_MCP', key, suffix)).toBe(expected);
  });
});

const schemes: Record<string, SecuritySchemeModel> = {
  api_key: { key: 'api_key', kind: 'apiKey', in: 'header', name: 'X-API-Key' },
  queryKey: { key: 'queryKey', kind: 'apiKey', in: 'query', name: 'key' },
  cookieKey: { key: 'cookieKey', kind: 'apiKey', in: 'cookie', name: 'sid' },
  bearer: { key: 'bearer', kind: 'httpBearer' },
  basic: { key: 'basic', kind: 'httpBasic' },
  oauth: {
    key: 'oauth',
    kind: 'oauth2',
    tokenUrl: 'https://auth.example.com/token',
    scopes: ['read', 'write'],
  },
  implicit: { key: 'implicit', kind: 'oauth2', scopes: [] },
  oidc: { key: 'oidc', kind: 'openIdConnect' },
  mtls: { key: 'mtls', kind: 'unsupported', reason: 'mutualTLS needs a client certificate' },
  unused: { key: 'unused', kind: 'httpBearer' },
};
const refs = (...names: string[]) =>
  names.map((scheme) => ({ scheme, scopes: scheme === 'oauth' ? ['read'] : [] }));

describe('listCredentialEnv', () => {
  it('lists every variable of the schemes operations use, then the base URL', () => {
    const model = apiModel(
      [
        operation({ security: [refs('api_key'), refs('basic', 'bearer')] }),
        operation({ toolName: 'b', security: [refs('oauth'), refs('implicit'), refs('oidc'), refs('mtls')] }),
      ],
      { securitySchemes: schemes },
    );
    const vars = listCredentialEnv(model, 'P');
    expect(vars.map((v) => [v.name, v.scheme, v.kind])).toEqual([
      ['P_API_KEY', 'api_key', 'apiKey'],
      ['P_BEARER', 'bearer', 'httpBearer'],
      ['P_BASIC_USERNAME', 'basic', 'httpBasic'],
      ['P_BASIC_PASSWORD', 'basic', 'httpBasic'],
      ['P_OAUTH', 'oauth', 'oauth2'],
      ['P_OAUTH_CLIENT_ID', 'oauth', 'oauth2'],
      ['P_OAUTH_CLIENT_SECRET', 'oauth', 'oauth2'],
      ['P_IMPLICIT', 'implicit', 'oauth2'],
      ['P_OIDC', 'oidc', 'openIdConnect'],
      ['P_BASE_URL', '', 'baseUrl'],
    ]);
    expect(vars[0]!.description).toBe('API key sent in header X-API-Key');
    for (const v of vars) expect(v.description).not.toBe('');
  });
});

describe('resolveCredentials', () => {
  const noToken: TokenProvider = async () => ({ ok: false, message: 'no' });
  const resolve = (
    security: ReturnType<typeof refs>[],
    env: Record<string, string>,
    getToken: TokenProvider = noToken,
  ) =>
    resolveCredentials(operation({ toolName: 'list_pets', security }), {
      model: apiModel([], { securitySchemes: schemes }),
      env,
      prefix: 'OPENAPI_MCP',
      getToken,
    });

  it.each([
    [
      [refs('api_key')],
      { OPENAPI_MCP_API_KEY: 'k1' },
      { headers: { 'x-api-key': 'k1' }, query: [], cookies: [] },
    ],
    [
      [refs('queryKey')],
      { OPENAPI_MCP_QUERY_KEY: 'k2' },
      { headers: {}, query: [['key', 'k2']], cookies: [] },
    ],
    [
      [refs('cookieKey')],
      { OPENAPI_MCP_COOKIE_KEY: 'k3' },
      { headers: {}, query: [], cookies: [['sid', 'k3']] },
    ],
    [
      [refs('bearer')],
      { OPENAPI_MCP_BEARER: 't' },
      { headers: { authorization: 'Bearer t' }, query: [], cookies: [] },
    ],
    [
      [refs('oidc')],
      { OPENAPI_MCP_OIDC: 'o' },
      { headers: { authorization: 'Bearer o' }, query: [], cookies: [] },
    ],
    [
      [refs('oauth')],
      { OPENAPI_MCP_OAUTH: 's' },
      { headers: { authorization: 'Bearer s' }, query: [], cookies: [] },
    ],
    [
      [refs('basic')],
      { OPENAPI_MCP_BASIC_USERNAME: 'u', OPENAPI_MCP_BASIC_PASSWORD: 'p w' },
      {
        headers: { authorization: `Basic ${Buffer.from('u:p w').toString('base64')}` },
        query: [],
        cookies: [],
      },
    ],
    // The first fully configured alternative wins...
    [
      [refs('api_key'), refs('bearer')],
      { OPENAPI_MCP_API_KEY: 'k', OPENAPI_MCP_BEARER: 't' },
      { headers: { 'x-api-key': 'k' }, query: [], cookies: [] },
    ],
    [
      [refs('api_key'), refs('bearer')],
      { OPENAPI_MCP_BEARER: 't' },
      { headers: { authorization: 'Bearer t' }, query: [], cookies: [] },
    ],
    // ...an AND-requirement needs all of its schemes...
    [
      [refs('api_key', 'bearer')],
      { OPENAPI_MCP_API_KEY: 'k', OPENAPI_MCP_BEARER: 't' },
      { headers: { 'x-api-key': 'k', authorization: 'Bearer t' }, query: [], cookies: [] },
    ],
    // ...anonymous is used only when nothing else is configured, even when listed first...
    [
      [[], refs('api_key')],
      { OPENAPI_MCP_API_KEY: 'k' },
      { headers: { 'x-api-key': 'k' }, query: [], cookies: [] },
    ],
    [[refs('api_key'), []], {}, { headers: {}, query: [], cookies: [] }],
    // ...and an empty value counts as unset.
    [[refs('api_key'), []], { OPENAPI_MCP_API_KEY: '' }, { headers: {}, query: [], cookies: [] }],
    [[], { OPENAPI_MCP_API_KEY: 'k' }, { headers: {}, query: [], cookies: [] }],
  ])('%j with %j', async (security, env, expected) => {
    const resolution = await resolve(security, env);
    expect(resolution.ok).toBe(true);
    if (resolution.ok)
      expect({ ...resolution.credentials, headers: { ...resolution.credentials.headers } }).toEqual(expected);
  });

  it.each([
    [
      [refs('api_key')],
      {},
      'Missing credentials for tool list_pets: set OPENAPI_MCP_API_KEY (API key sent in header X-API-Key).',
    ],
    [
      [refs('api_key'), refs('basic')],
      { OPENAPI_MCP_BASIC_USERNAME: 'u' },
      'Missing credentials for tool list_pets: set OPENAPI_MCP_API_KEY (API key sent in header X-API-Key); or set OPENAPI_MCP_BASIC_PASSWORD (HTTP basic).',
    ],
    [
      [refs('api_key', 'bearer')],
      { OPENAPI_MCP_API_KEY: 'k' },
      'Missing credentials for tool list_pets: set OPENAPI_MCP_BEARER (bearer token sent as Authorization: Bearer).',
    ],
    [
      [refs('oauth')],
      {},
      /set OPENAPI_MCP_OAUTH .*, or OPENAPI_MCP_OAUTH_CLIENT_ID and OPENAPI_MCP_OAUTH_CLIENT_SECRET/,
    ],
    [
      [refs('mtls')],
      {},
      /the security scheme "mtls" is not supported \(mutualTLS needs a client certificate\)/,
    ],
    [[refs('nope')], {}, /the security scheme "nope" is not defined/],
  ])('%j with %j → missing', async (security, env, message) => {
    const resolution = await resolve(security, env);
    expect(resolution.ok).toBe(false);
    if (!resolution.ok) expect(resolution.message).toMatch(message);
  });

  it('fetches a client-credentials token with the requirement scopes; a static token wins', async () => {
    const getToken = vi.fn(async () => ({ ok: true as const, token: 'fetched' }));
    const env = { OPENAPI_MCP_OAUTH_CLIENT_ID: 'id', OPENAPI_MCP_OAUTH_CLIENT_SECRET: 'sec' };
    const resolution = await resolve([refs('oauth')], env, getToken);
    expect(resolution.ok && resolution.credentials.headers.authorization).toBe('Bearer fetched');
    expect(resolution.secrets).toEqual(expect.arrayContaining(['sec', 'fetched']));
    expect(getToken).toHaveBeenCalledWith({
      schemeKey: 'oauth',
      tokenUrl: 'https://auth.example.com/token',
      clientId: 'id',
      clientSecret: 'sec',
      scopes: ['read'],
    });
    getToken.mockClear();
    const withStatic = await resolve([refs('oauth')], { ...env, OPENAPI_MCP_OAUTH: 'static' }, getToken);
    expect(withStatic.ok && withStatic.credentials.headers.authorization).toBe('Bearer static');
    expect(getToken).not.toHaveBeenCalled();
  });

  it('reports a token failure as the message', async () => {
    const env = { OPENAPI_MCP_OAUTH_CLIENT_ID: 'id', OPENAPI_MCP_OAUTH_CLIENT_SECRET: 'sec' };
    const resolution = await resolve([refs('oauth')], env);
    expect(resolution).toMatchObject({ ok: false, message: 'no' });
  });
});

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
