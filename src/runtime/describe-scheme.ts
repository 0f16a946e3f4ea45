/** What a security scheme's credential is, in a few words (the env listing and "missing credentials" messages). */
import type { SecuritySchemeModel } from '../model/types.js';

/** One phrase: `API key sent in header X-API-Key`, `bearer token sent as Authorization: Bearer`, ... */
export function describeScheme(scheme: SecuritySchemeModel): string {
  switch (scheme.kind) {
    case 'apiKey':
      return `API key sent in ${scheme.in} ${scheme.name}`;
    case 'httpBearer':
      return 'bearer token sent as Authorization: Bearer';
    case 'openIdConnect':
      return 'OpenID Connect access token sent as Authorization: Bearer';
    case 'oauth2':
      return 'OAuth2 access token sent as Authorization: Bearer';
    default:
      return scheme.kind;
  }
}
