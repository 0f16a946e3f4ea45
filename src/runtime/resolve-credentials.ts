/**
 * Which of an operation's security alternatives a call uses, and the
 * credentials it sends, read from the environment at call time (variable
 * names by `toEnvName`). A variable set to the empty string counts as unset.
 */
import type { ApiModel, OperationModel, SecurityRefModel } from '../model/types.js';
import type { RequestCredentials } from './build-request.js';
import { describeScheme } from './describe-scheme.js';
import { toEnvName } from './to-env-name.js';
import type { Env } from './types.js';

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
