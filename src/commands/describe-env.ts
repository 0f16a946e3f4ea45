/** The environment variables a served model reads, for `serve` and `inspect` to print. */
import type { ApiModel } from '../model/types.js';
import { listCredentialEnv } from '../runtime/credentials.js';
import type { Env } from '../runtime/types.js';

/** One environment variable the server reads. Values are never carried, only whether one is set. */
export interface EnvVarDescription {
  name: string;
  /** `baseUrl`, `httpToken`, or the credential kind (`apiKey`, `token`, `username`, ...). */
  kind: string;
  /** Security scheme key, for credentials. */
  scheme?: string;
  description: string;
  /** Whether the variable holds a non-empty value right now. */
  set: boolean;
}

/** Credentials first (in scheme order), then the base URL and, for HTTP, the endpoint token. */
export function describeEnv(
  model: ApiModel,
  envPrefix: string,
  env: Env,
  options: { includeHttpToken?: boolean } = {},
): EnvVarDescription[] {
  const isSet = (name: string): boolean => (env[name] ?? '') !== '';
  const vars: EnvVarDescription[] = listCredentialEnv(model, envPrefix).map((entry) => ({
    name: entry.name,
    kind: entry.kind,
    ...(entry.scheme !== '' && { scheme: entry.scheme }),
    description: entry.description,
    set: isSet(entry.name),
  }));
  const baseUrl = `${envPrefix}_BASE_URL`;
  if (!vars.some((v) => v.name === baseUrl)) {
    vars.push({
      name: baseUrl,
      kind: 'baseUrl',
      description: 'Upstream base URL, overriding the spec servers (same as --base-url)',
      set: isSet(baseUrl),
    });
  }
  if (options.includeHttpToken) {
    const token = `${envPrefix}_HTTP_TOKEN`;
    vars.push({
      name: token,
      kind: 'httpToken',
      description: 'Bearer token MCP clients must send to /mcp (same as --http-token)',
      set: isSet(token),
    });
  }
  return vars;
}

/** Human lines: name, whether it is set, what it is for. */
export function formatEnv(vars: readonly EnvVarDescription[]): string[] {
  const width = Math.max(0, ...vars.map((v) => v.name.length));
  return vars.map((v) => `  ${v.name.padEnd(width)}  ${v.set ? 'set  ' : 'unset'}  ${v.description}`);
}
