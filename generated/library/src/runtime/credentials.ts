/**
 * Credentials: which environment variables each security scheme reads, and which
 * of an operation's security alternatives a call uses.
 *
 * The naming rule (documented for users, used by `inspect`, the generated README
 * and `.env.example`): `<PREFIX>_<SCHEME>[_<SUFFIX>]`, where `<SCHEME>` is the
 * scheme's key in `components.securitySchemes` in UPPER_SNAKE (see {@link toEnvName}).
 *
 * | scheme kind                    | variables                                          |
 * | ------------------------------ | -------------------------------------------------- |
 * | apiKey, http bearer, openIdConnect | `<PREFIX>_<SCHEME>` (the key or token)         |
 * | http basic                     | `<PREFIX>_<SCHEME>_USERNAME`, `<PREFIX>_<SCHEME>_PASSWORD` |
 * | oauth2                         | `<PREFIX>_<SCHEME>` (a static access token), or, when the spec gives a `tokenUrl`, `<PREFIX>_<SCHEME>_CLIENT_ID` + `<PREFIX>_<SCHEME>_CLIENT_SECRET` (client credentials; the static token wins when both are set) |
 *
 * A variable set to the empty string counts as unset.
 */
import type { ApiModel, OperationModel, SecurityRefModel, SecuritySchemeModel } from '../model/types.js';
import type { RequestCredentials } from './build-request.js';
import type { Env } from './types.js';

/** One environment variable the model can use. */
export interface CredentialEnvVar {
  /** Variable name, e.g. `OPENAPI_MCP_API_KEY`. */
  name: string;
  /** Security scheme key it belongs to (empty for `<PREFIX>_BASE_URL`). */
  scheme: string;
  /** The scheme kind (`apiKey`, `httpBearer`, ...), or `baseUrl`. */
  kind: string;
  /** One line for humans: what to put there. */
  description: string;
}

/** What an OAuth2 client-credentials token is fetched with. */
export interface ClientCredentialsRequest {
  schemeKey: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scopes: readonly string[];
}

/** Gets a client-credentials access token (cached by the caller). Never throws. */
export type TokenProvider = (
  request: ClientCredentialsRequest,
) => Promise<{ ok: true; token: string } | { ok: false; message: string }>;

/** Credentials for one call, plus every secret value involved (for redaction). */
export type CredentialResolution =
  | { ok: true; credentials: RequestCredentials; secrets: string[] }
  | { ok: false; message: string; secrets: string[] };

/**
 * UPPER_SNAKE of a scheme key: camelCase boundaries split (`readerToken` →
 * `READER_TOKEN`, `APIKey` → `API_KEY`), every run of other characters becomes
 * one `_` (`api-key` → `API_KEY`), leading and trailing `_` trimmed.
 */
export function toUpperSnake(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
}

/**
 * The environment variable name for a scheme: `prefix` + `_` + the scheme key in
 * UPPER_SNAKE (+ `_` + `suffix`). A key with no letters or digits becomes `SCHEME`.
 *
 * @example toEnvName('OPENAPI_MCP', 'petstore_auth', 'CLIENT_ID') // 'OPENAPI_MCP_PETSTORE_AUTH_CLIENT_ID'
 */
export function toEnvName(prefix: string, schemeKey: string, suffix?: string): string {
  const scheme = toUpperSnake(schemeKey) || 'SCHEME';
  return `${prefix}_${scheme}${suffix === undefined ? '' : `_${suffix}`}`;
}

function describeScheme(scheme: SecuritySchemeModel): string {
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

function schemeVars(prefix: string, scheme: SecuritySchemeModel): CredentialEnvVar[] {
  const of = (suffix: string | undefined, description: string): CredentialEnvVar => ({
    name: toEnvName(prefix, scheme.key, suffix),
    scheme: scheme.key,
    kind: scheme.kind,
    description,
  });
  switch (scheme.kind) {
    case 'apiKey':
    case 'httpBearer':
    case 'openIdConnect':
      return [of(undefined, describeScheme(scheme))];
    case 'httpBasic':
      return [of('USERNAME', 'HTTP basic user name'), of('PASSWORD', 'HTTP basic password')];
    case 'oauth2': {
      if (scheme.tokenUrl === undefined) return [of(undefined, describeScheme(scheme))];
      return [
        of(undefined, `${describeScheme(scheme)} (static; takes precedence over client credentials)`),
        of('CLIENT_ID', `OAuth2 client ID (client credentials; token from ${scheme.tokenUrl})`),
        of('CLIENT_SECRET', 'OAuth2 client secret (client credentials)'),
      ];
    }
    default:
      return [];
  }
}

/**
 * Every environment variable the model can use: the variables of each security
 * scheme some operation refers to, in scheme order, then `<PREFIX>_BASE_URL`.
 * Schemes no operation uses and unsupported schemes have none.
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
  out.push({
    name: `${prefix}_BASE_URL`,
    scheme: '',
    kind: 'baseUrl',
    description: "upstream base URL, overriding the spec's servers",
  });
  return out;
}

type RefPlan =
  | { ok: true; apply: (into: MutableCredentials, secrets: string[]) => Promise<string | undefined> }
  /** `missing` names variables to set, or (`impossible`) says why this alternative can never work. */
  | { ok: false; missing: string; impossible?: boolean };

interface MutableCredentials {
  headers: Record<string, string>;
  query: [string, string][];
  cookies: [string, string][];
}

/**
 * Chooses the credentials for a call of `operation`, reading `env` now (not at
 * start-up). Alternatives are tried in spec order: the first whose variables are
 * all set wins. An empty alternative (anonymous allowed) is used only when no
 * other alternative is fully configured, so a configured key is always sent.
 * When nothing fits, the message names the variables to set.
 */
export async function resolveCredentials(
  operation: OperationModel,
  context: { model: ApiModel; env: Env; prefix: string; getToken: TokenProvider },
): Promise<CredentialResolution> {
  const empty = (): CredentialResolution => ({
    ok: true,
    credentials: { headers: {}, query: [], cookies: [] },
    secrets: [],
  });
  if (operation.security.length === 0) return empty();
  let anonymousAllowed = false;
  const missing: string[] = [];
  for (const requirement of operation.security) {
    if (requirement.length === 0) {
      anonymousAllowed = true;
      continue;
    }
    const plans = requirement.map((ref) => planRef(ref, context));
    const lacking = plans.filter((p): p is Extract<RefPlan, { ok: false }> => !p.ok);
    if (lacking.length > 0) {
      const impossible = lacking.find((p) => p.impossible === true);
      missing.push(impossible?.missing ?? `set ${lacking.map((p) => p.missing).join(' and ')}`);
      continue;
    }
    const into: MutableCredentials = { headers: Object.create(null), query: [], cookies: [] };
    const secrets: string[] = [];
    for (const plan of plans) {
      if (!plan.ok) continue;
      const failure = await plan.apply(into, secrets);
      if (failure !== undefined) return { ok: false, message: failure, secrets };
    }
    return { ok: true, credentials: into, secrets };
  }
  if (anonymousAllowed) return empty();
  return {
    ok: false,
    message: `Missing credentials for tool ${operation.toolName}: ${missing.join('; or ')}.`,
    secrets: [],
  };
}

function planRef(
  ref: SecurityRefModel,
  context: { model: ApiModel; env: Env; prefix: string; getToken: TokenProvider },
): RefPlan {
  const { model, env, prefix } = context;
  const scheme = Object.hasOwn(model.securitySchemes, ref.scheme)
    ? model.securitySchemes[ref.scheme]
    : undefined;
  if (scheme === undefined) {
    return {
      ok: false,
      missing: `the security scheme "${ref.scheme}" is not defined in the spec`,
      impossible: true,
    };
  }
  const read = (suffix?: string): string | undefined => {
    const value = env[toEnvName(prefix, scheme.key, suffix)];
    return value === undefined || value === '' ? undefined : value;
  };
  const bearer = (token: string): RefPlan => ({
    ok: true,
    apply: async (into, secrets) => {
      secrets.push(token);
      into.headers.authorization = `Bearer ${token}`;
      return undefined;
    },
  });
  const name = (suffix?: string) => toEnvName(prefix, scheme.key, suffix);
  switch (scheme.kind) {
    case 'apiKey': {
      const key = read();
      if (key === undefined) return { ok: false, missing: `${name()} (${describeScheme(scheme)})` };
      return {
        ok: true,
        apply: async (into, secrets) => {
          secrets.push(key);
          if (scheme.in === 'header') into.headers[scheme.name.toLowerCase()] = key;
          else if (scheme.in === 'query') into.query.push([scheme.name, key]);
          else into.cookies.push([scheme.name, key]);
          return undefined;
        },
      };
    }
    case 'httpBearer':
    case 'openIdConnect': {
      const token = read();
      return token === undefined
        ? { ok: false, missing: `${name()} (${describeScheme(scheme)})` }
        : bearer(token);
    }
    case 'httpBasic': {
      const username = read('USERNAME');
      const password = read('PASSWORD');
      if (username === undefined || password === undefined) {
        const lacking = [
          username === undefined ? name('USERNAME') : '',
          password === undefined ? name('PASSWORD') : '',
        ];
        return { ok: false, missing: `${lacking.filter((n) => n !== '').join(' and ')} (HTTP basic)` };
      }
      return {
        ok: true,
        apply: async (into, secrets) => {
          const encoded = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
          // The user name is an identifier, not a secret (redacting short common words would garble results).
          secrets.push(password, encoded);
          into.headers.authorization = `Basic ${encoded}`;
          return undefined;
        },
      };
    }
    case 'oauth2': {
      const token = read();
      if (token !== undefined) return bearer(token);
      const clientId = read('CLIENT_ID');
      const clientSecret = read('CLIENT_SECRET');
      const tokenUrl = scheme.tokenUrl;
      if (tokenUrl === undefined) return { ok: false, missing: `${name()} (${describeScheme(scheme)})` };
      if (clientId === undefined || clientSecret === undefined) {
        return {
          ok: false,
          missing: `${name()} (${describeScheme(scheme)}), or ${name('CLIENT_ID')} and ${name('CLIENT_SECRET')} (OAuth2 client credentials)`,
        };
      }
      return {
        ok: true,
        apply: async (into, secrets) => {
          // RFC 6749 §2.2: the client identifier is not a secret.
          secrets.push(clientSecret);
          const got = await context.getToken({
            schemeKey: scheme.key,
            tokenUrl,
            clientId,
            clientSecret,
            scopes: ref.scopes,
          });
          if (!got.ok) return got.message;
          secrets.push(got.token);
          into.headers.authorization = `Bearer ${got.token}`;
          return undefined;
        },
      };
    }
    default:
      return {
        ok: false,
        missing: `the security scheme "${scheme.key}" is not supported (${scheme.reason})`,
        impossible: true,
      };
  }
}
