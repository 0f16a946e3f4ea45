/**
 * From a validated tool call to the exact HTTP request. Pure: no env, no I/O.
 */

import type { ArgumentModel, OperationModel } from '../model/types.js';
import { buildBody } from './build-body.js';
import { RequestBuildError } from './request-build-error.js';
import {
  assertHeaderValue,
  serializeCookieParameter,
  serializeHeaderParameter,
  serializePathParameter,
  serializeQueryParameter,
} from './serialize-parameter.js';

/** Credentials to attach, already resolved from the environment (see `resolve-credentials.ts`). */
export interface RequestCredentials {
  /** Header name (any case) → value; overrides any header a tool argument set. */
  headers: Readonly<Record<string, string>>;
  /** Query pairs, raw (encoded here); replace a tool argument of the same name. */
  query: readonly (readonly [string, string])[];
  /** Cookie pairs, sent as given; replace a tool argument cookie of the same name. */
  cookies: readonly (readonly [string, string])[];
}

/** The request as undici will send it. Header names are lower case. */
export interface BuiltRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

/** Headers sent with every call; an argument or a credential may override them. */
const DEFAULT_HEADERS: Readonly<Record<string, string>> = {
  // JSON is what becomes structured content; anything else is still accepted.
  accept: 'application/json, */*;q=0.8',
  // undici does not decompress `request` bodies; identity keeps the size cap about real bytes (no gzip bombs).
  'accept-encoding': 'identity',
  // Some APIs (GitHub) refuse requests without one.
  'user-agent': 'openapi-mcp',
};

/** OpenAPI: header parameters named like these SHALL be ignored. */
const IGNORED_HEADER_PARAMETERS = new Set(['accept', 'content-type', 'authorization']);

/** Headers a tool argument must never set: framing, routing, identity. */
function isForbiddenHeader(name: string): boolean {
  return (
    /^(host|content-length|transfer-encoding|connection|keep-alive|upgrade|te|trailer|expect|cookie|forwarded|via)$/.test(
      name,
    ) ||
    name.startsWith('proxy-') ||
    name.startsWith('x-forwarded-')
  );
}

/**
 * Builds the request for `operation` from validated `args`, sent under `baseUrl`
 * (absolute http(s), any trailing slash ignored).
 *
 * Parameters follow their resolved `style`/`explode` (OpenAPI 3.1 §4.8.12.4);
 * path values are encoded whole per segment and dot segments refused. As defence
 * in depth, the final URL is parsed again and must keep the base URL's origin and
 * exactly the path built here (no segment normalised away).
 *
 * @throws {RequestBuildError} when an argument cannot be sent safely; the message names it.
 * @see https://spec.openapis.org/oas/v3.1.0#parameter-object
 */
export function buildRequest(
  operation: OperationModel,
  args: Readonly<Record<string, unknown>>,
  baseUrl: string,
  credentials?: RequestCredentials,
): BuiltRequest {
  const argValue = (arg: ArgumentModel): unknown =>
    Object.hasOwn(args, arg.name) ? args[arg.name] : undefined;

  const path = buildPath(operation, argValue);

  const credentialQueryNames = new Set(credentials?.query.map(([name]) => name));
  const query: string[] = [];
  const headers: Record<string, string> = Object.create(null);
  Object.assign(headers, DEFAULT_HEADERS);
  let cookies: [string, string][] = [];

  for (const arg of operation.arguments) {
    const value = argValue(arg);
    if (value === undefined) continue;
    switch (arg.in) {
      case 'query':
        // A loop, not push(...parts): a million-item array argument would overflow the call stack.
        if (!credentialQueryNames.has(arg.wireName))
          for (const part of serializeQueryParameter(arg, value)) query.push(part);
        break;
      case 'header': {
        const name = arg.wireName.toLowerCase();
        if (IGNORED_HEADER_PARAMETERS.has(name)) break;
        if (isForbiddenHeader(name) || !/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(name)) {
          throw new RequestBuildError(
            `The header "${arg.wireName}" cannot be set by a tool argument.`,
            arg.name,
          );
        }
        headers[name] = serializeHeaderParameter(arg, value);
        break;
      }
      case 'cookie':
        for (const part of serializeCookieParameter(arg, value)) cookies.push(part);
        break;
      default:
        break;
    }
  }

  const body = buildBody(operation, args);
  if (body?.contentType !== undefined) {
    assertHeaderValue(body.contentType, 'the request content type');
    headers['content-type'] = body.contentType;
  }

  if (credentials !== undefined) {
    for (const [name, value] of Object.entries(credentials.headers)) headers[name.toLowerCase()] = value;
    for (const [name, value] of credentials.query) {
      query.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
    }
    const credentialCookies = new Set(credentials.cookies.map(([name]) => name));
    cookies = cookies.filter(([name]) => !credentialCookies.has(name));
    for (const [name, value] of credentials.cookies) cookies.push([name, value]);
  }
  if (cookies.length > 0) headers.cookie = cookies.map(([name, value]) => `${name}=${value}`).join('; ');

  const url = assembleUrl(baseUrl, path, query);
  const request: BuiltRequest = { method: operation.method.toUpperCase(), url, headers: { ...headers } };
  if (body !== undefined) request.body = body.body;
  return request;
}

function buildPath(operation: OperationModel, argValue: (arg: ArgumentModel) => unknown): string {
  const byWireName = new Map<string, ArgumentModel>();
  for (const arg of operation.arguments) if (arg.in === 'path') byWireName.set(arg.wireName, arg);
  let out = '';
  let last = 0;
  for (const match of operation.pathTemplate.matchAll(/\{([^{}]+)\}/g)) {
    out += encodePathLiteral(operation.pathTemplate.slice(last, match.index));
    last = match.index + match[0].length;
    const arg = byWireName.get(match[1]!);
    if (arg === undefined) {
      throw new RequestBuildError(
        `The path ${operation.pathTemplate} has no tool argument for {${match[1]}}.`,
      );
    }
    const value = argValue(arg);
    if (value === undefined) {
      throw new RequestBuildError(`Missing value for path argument "${arg.name}".`, arg.name);
    }
    out += serializePathParameter(arg, value);
  }
  out += encodePathLiteral(operation.pathTemplate.slice(last));
  return out.startsWith('/') || out === '' ? out : `/${out}`;
}

/**
 * Percent-encodes the literal parts of a path template to the form a URL parser
 * leaves unchanged, so the final check can compare paths exactly.
 */
function encodePathLiteral(text: string): string {
  return text.replace(/%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/gu, (c) => {
    try {
      return encodeURIComponent(c);
    } catch {
      return '%EF%BF%BD';
    }
  });
}

function assembleUrl(baseUrl: string, path: string, query: readonly string[]): string {
  const base = new URL(baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const fullPath = basePath + path;
  const url = `${base.origin}${fullPath}${query.length > 0 ? `?${query.join('&')}` : ''}`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RequestBuildError('The request URL could not be built from these arguments.');
  }
  if (parsed.origin !== base.origin || parsed.pathname !== (fullPath === '' ? '/' : fullPath)) {
    throw new RequestBuildError(
      `The request path ${shortened(fullPath)} would be changed by URL normalisation (a dot segment?); refused.`,
    );
  }
  return url;
}

function shortened(path: string): string {
  return path.length > 200 ? `${path.slice(0, 200)}...` : path;
}
