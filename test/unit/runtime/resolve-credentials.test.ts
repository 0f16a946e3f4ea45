import { describe, expect, it, vi } from 'vitest';
import { resolveCredentials, type TokenProvider } from '../../../src/runtime/resolve-credentials.js';
import { apiModel, operation } from '../../helpers/model-factory.js';
import { refs, schemes } from './security-schemes.fixture.js';

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
