/**
 * Where an operation's requests go. Decided by the operator or the spec, never
 * by a tool argument.
 */
import type { ApiModel, OperationModel, ServerModel } from '../model/types.js';
import { findBaseUrlOverride } from './find-base-url-override.js';
import type { RuntimeOptions } from './types.js';

/** The base URL of an operation, or a message telling the operator what to set. */
export type BaseUrlResolution = { ok: true; url: string } | { ok: false; message: string };

/** Gives the base URL of an operation; results are computed once per server. */
export type BaseUrlResolver = (operation: OperationModel) => BaseUrlResolution;

/**
 * Creates the base URL resolver of a model. Precedence: `options.baseUrl`, then
 * env `<PREFIX>_BASE_URL`, then the operation's own first server, then the spec's
 * first server, with server variables replaced by their defaults. An override
 * replaces the spec's server URL whole (its path included). The result must be an
 * absolute http(s) URL without query or fragment; a relative server URL without
 * an override is an error naming `--base-url` and `<PREFIX>_BASE_URL`.
 *
 * `options.env` is read once here: the process environment does not change while
 * a server runs.
 */
export function createBaseUrlResolver(model: ApiModel, options: RuntimeOptions): BaseUrlResolver {
  const envName = `${options.envPrefix}_BASE_URL`;
  const override = findBaseUrlOverride(options);
  const hint = `set --base-url or ${envName} to the API's absolute URL`;

  if (override !== undefined) {
    const fixed = checkAbsolute(override.value, override.source, hint);
    return () => fixed;
  }

  const cache = new Map<ServerModel, BaseUrlResolution>();
  const fromServer = (server: ServerModel): BaseUrlResolution => {
    let resolved = cache.get(server);
    if (resolved === undefined) {
      const url = substituteVariables(server);
      resolved = checkAbsolute(url, `the spec's server URL "${url}"`, hint);
      cache.set(server, resolved);
    }
    return resolved;
  };
  return (operation) => {
    const server = operation.servers?.[0] ?? model.servers[0];
    if (server === undefined) return { ok: false, message: `The spec declares no server; ${hint}.` };
    return fromServer(server);
  };
}

function substituteVariables(server: ServerModel): string {
  return server.url.replace(/\{([^{}]+)\}/g, (whole, name: string) =>
    Object.hasOwn(server.variables, name) ? server.variables[name]!.default : whole,
  );
}

function checkAbsolute(value: string, source: string, hint: string): BaseUrlResolution {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return { ok: false, message: `The upstream base URL from ${source} is not an absolute URL; ${hint}.` };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { ok: false, message: `The upstream base URL from ${source} must use http or https; ${hint}.` };
  }
  if (parsed.search !== '' || parsed.hash !== '' || parsed.username !== '' || parsed.password !== '') {
    return {
      ok: false,
      message: `The upstream base URL from ${source} must not contain a query, a fragment or credentials; ${hint}.`,
    };
  }
  return { ok: true, url: parsed.href };
}
