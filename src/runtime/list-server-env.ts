/**
 * The one definition of "the environment variables this server reads", used
 * by `inspect` (text and `--json`), the start-up log of `serve` and of every
 * generated server, and the generated README and `.env.example`.
 */
import type { ApiModel } from '../model/types.js';
import { type CredentialEnvVar, listCredentialEnv } from './list-credential-env.js';

/** One environment variable a server reads. Never carries a value. */
export interface ServerEnvVar {
  /** Variable name, e.g. `OPENAPI_MCP_API_KEY`. */
  name: string;
  /** The credential's scheme kind (`apiKey`, `httpBasic`, ...), `baseUrl` or `httpToken`. */
  kind: CredentialEnvVar['kind'] | 'baseUrl' | 'httpToken';
  /** Security scheme key, for credentials only. */
  scheme?: string;
  /** One line for humans: what to put there. */
  description: string;
}

/**
 * Credentials in scheme order, then `<PREFIX>_BASE_URL`, then
 * `<PREFIX>_HTTP_TOKEN` unless the server is known to run over stdio (the
 * generated README and `inspect` describe both transports).
 */
export function listServerEnv(
  model: ApiModel,
  prefix: string,
  options: { transport?: 'stdio' | 'http' } = {},
): ServerEnvVar[] {
  const vars: ServerEnvVar[] = listCredentialEnv(model, prefix).map((v) => ({
    name: v.name,
    kind: v.kind,
    scheme: v.scheme,
    description: `${v.description} (scheme ${v.scheme})`,
  }));
  const add = (entry: ServerEnvVar): void => {
    // A scheme named `base_url` would read the same variable; it is listed once, as the credential.
    if (!vars.some((v) => v.name === entry.name)) vars.push(entry);
  };
  add({
    name: `${prefix}_BASE_URL`,
    kind: 'baseUrl',
    description: "upstream base URL, overriding the spec's servers (same as --base-url)",
  });
  if (options.transport !== 'stdio') {
    add({
      name: `${prefix}_HTTP_TOKEN`,
      kind: 'httpToken',
      description: 'HTTP transport: bearer token MCP clients must send to /mcp (same as --http-token)',
    });
  }
  return vars;
}
