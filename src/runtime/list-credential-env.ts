/**
 * Which environment variables each security scheme reads (see `toEnvName` for
 * the naming rule):
 *
 * | scheme kind                    | variables                                          |
 * | ------------------------------ | -------------------------------------------------- |
 * | apiKey, http bearer, openIdConnect | `<PREFIX>_<SCHEME>` (the key or token)         |
 * | http basic                     | `<PREFIX>_<SCHEME>_USERNAME`, `<PREFIX>_<SCHEME>_PASSWORD` |
 * | oauth2                         | `<PREFIX>_<SCHEME>` (a static access token), or, when the spec gives a `tokenUrl`, `<PREFIX>_<SCHEME>_CLIENT_ID` + `<PREFIX>_<SCHEME>_CLIENT_SECRET` (client credentials; the static token wins when both are set) |
 */
import type { ApiModel, SecuritySchemeModel } from '../model/types.js';
import { describeScheme } from './describe-scheme.js';
import { toEnvName } from './to-env-name.js';

/** One credential variable of the model. */
export interface CredentialEnvVar {
  /** Variable name, e.g. `OPENAPI_MCP_API_KEY`. */
  name: string;
  /** Security scheme key it belongs to. */
  scheme: string;
  /** The scheme kind (`apiKey`, `httpBearer`, ...). */
  kind: SecuritySchemeModel['kind'];
  /** One line for humans: what to put there. */
  description: string;
  /** Whether the value is a secret (redacted wherever it appears); a user name or client ID is not. */
  secret: boolean;
}

function schemeVars(prefix: string, scheme: SecuritySchemeModel): CredentialEnvVar[] {
  const of = (suffix: string | undefined, description: string, secret = true): CredentialEnvVar => ({
    name: toEnvName(prefix, scheme.key, suffix),
    scheme: scheme.key,
    kind: scheme.kind,
    description,
    secret,
  });
  switch (scheme.kind) {
    case 'apiKey':
    case 'httpBearer':
    case 'openIdConnect':
      return [of(undefined, describeScheme(scheme))];
    case 'httpBasic':
      return [of('USERNAME', 'HTTP basic user name', false), of('PASSWORD', 'HTTP basic password')];
    case 'oauth2': {
      if (scheme.tokenUrl === undefined) return [of(undefined, describeScheme(scheme))];
      return [
        of(undefined, `${describeScheme(scheme)} (static; takes precedence over client credentials)`),
        of('CLIENT_ID', `OAuth2 client ID (client credentials; token from ${scheme.tokenUrl})`, false),
        of('CLIENT_SECRET', 'OAuth2 client secret (client credentials)'),
      ];
    }
    default:
      return [];
  }
}

/**
 * The credential variables of the model: those of each security scheme some
 * operation refers to, in scheme order. Schemes no operation uses and
 * unsupported schemes have none.
 */
export function listCredentialEnv(model: ApiModel, prefix: string): CredentialEnvVar[] {
  const used = new Set<string>();
  for (const operation of model.operations) {
    for (const requirement of operation.security) for (const ref of requirement) used.add(ref.scheme);
  }
  const out: CredentialEnvVar[] = [];
  for (const key of Object.keys(model.securitySchemes)) {
    const scheme = model.securitySchemes[key]!;
    if (used.has(key)) out.push(...schemeVars(prefix, scheme));
  }
  return out;
}
