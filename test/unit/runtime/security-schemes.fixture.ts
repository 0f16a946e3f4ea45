/** One security scheme of every kind, shared by the credential tests. */
import type { SecuritySchemeModel } from '../../../src/model/types.js';

export const schemes: Record<string, SecuritySchemeModel> = {
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
/** Requirement refs to `names` (the oauth one asks for the `read` scope). */
export const refs = (...names: string[]) =>
  names.map((scheme) => ({ scheme, scopes: scheme === 'oauth' ? ['read'] : [] }));
