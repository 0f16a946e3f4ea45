/**
 * HTTP mocks of an API built from its spec, on 127.0.0.1:0, recording every
 * request and the status it got:
 *
 * - {@link startSpecMock}: our own small mock for specs Stripoe-sized and up
 *   (Prism takes minutes to start on them). It reads the OpenAPI document
 *   itself, not our model: it matches method + path against the `paths`
 *   templates, checks required query/header parameters, integer/number/boolean
 *   query values and the body media type, answers 422 listing what is wrong,
 *   else the first 2xx response with its example or a value generated from its schema.
 * - {@link startRecordingProxy}: records, then forwards to another mock (Prism).
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GAVE_UP, sampleValue } from './sample-value.js';

export interface MockExchange {
  method: string;
  /** Raw request target. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  status: number;
  /** Response body text (bounded). */
  response: string;
}

export interface SpecMock {
  url: string;
  readonly exchanges: MockExchange[];
  close(): Promise<void>;
}

type Doc = Record<string, unknown>;
type Obj = Record<string, unknown>;

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

function deref(root: Doc, value: unknown): Obj | undefined {
  let current = value;
  for (let hops = 0; hops < 20; hops += 1) {
    const ref = (current as Obj | null)?.$ref;
    if (typeof ref !== 'string') break;
    current = ref
      .slice(2)
      .split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((node, part) => (node as Obj | undefined)?.[part], root);
  }
  return typeof current === 'object' && current !== null ? (current as Obj) : undefined;
}

interface Route {
  template: string;
  regex: RegExp;
  literalChars: number;
  item: Obj;
}

function toRoute(key: string, item: Obj): Route {
  // A `#suffix` in a path key (Box) is a fragment: not part of the request path.
  const template = key.split('#')[0] as string;
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return {
    template,
    regex: new RegExp(`^${source}$`),
    literalChars: template.replace(/\{[^}]+\}/g, '').length,
    item,
  };
}

/** Our own mock of `document` (OpenAPI 3.x), serving its paths under `basePath`. */
export async function startSpecMock(document: Doc, basePath = ''): Promise<SpecMock> {
  const routes = Object.entries((document.paths ?? {}) as Obj)
    .map(([template, raw]) => toRoute(template, deref(document, raw) ?? {}))
    // Most literal template first: `/customers/search` before `/customers/{id}`.
    .sort((a, b) => b.literalChars - a.literalChars);
  const exchanges: MockExchange[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const method = (req.method ?? '').toLowerCase();
      const target = new URL(req.url ?? '/', 'http://mock');
      const answer = (status: number, payload: unknown): void => {
        const text = payload === undefined ? '' : JSON.stringify(payload);
        exchanges.push({
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body,
          status,
          response: text.slice(0, 4000),
        });
        res.writeHead(status, text === '' ? {} : { 'content-type': 'application/json' }).end(text);
      };
      const pathname = decodeURI(target.pathname);
      if (!pathname.startsWith(basePath)) return answer(404, { error: `outside ${basePath}` });
      const path = pathname.slice(basePath.length) || '/';
      const route = routes.find((r) => r.regex.test(path) && METHODS.has(method) && r.item[method]);
      if (!route) return answer(404, { error: `no operation for ${method.toUpperCase()} ${path}` });
      const operation = route.item[method] as Obj;
      const problems = checkRequest(document, route.item, operation, target.searchParams, req.headers, body);
      if (problems.length > 0) return answer(422, { errors: problems });
      const [status, payload] = responseOf(document, operation);
      answer(status, payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function checkRequest(
  document: Doc,
  item: Obj,
  operation: Obj,
  query: URLSearchParams,
  headers: IncomingHttpHeaders,
  body: Buffer,
): string[] {
  const problems: string[] = [];
  const parameters = new Map<string, Obj>();
  for (const raw of [
    ...((item.parameters as unknown[]) ?? []),
    ...((operation.parameters as unknown[]) ?? []),
  ]) {
    const parameter = deref(document, raw);
    if (parameter) parameters.set(`${parameter.in}:${parameter.name}`, parameter);
  }
  for (const parameter of parameters.values()) {
    const name = String(parameter.name);
    if (parameter.in === 'query') {
      const present = [...query.keys()].some((key) => key === name || key.startsWith(`${name}[`));
      if (parameter.required === true && !present) problems.push(`query parameter ${name} is required`);
      const type = deref(document, parameter.schema)?.type;
      const value = query.get(name);
      if (value !== null && (type === 'integer' || type === 'number') && Number.isNaN(Number(value))) {
        problems.push(`query parameter ${name} must be a ${type}, got ${value}`);
      }
      if (value !== null && type === 'boolean' && value !== 'true' && value !== 'false') {
        problems.push(`query parameter ${name} must be a boolean, got ${value}`);
      }
    } else if (parameter.in === 'header' && parameter.required === true) {
      if (!/^(accept|content-type|authorization)$/i.test(name) && headers[name.toLowerCase()] === undefined) {
        problems.push(`header ${name} is required`);
      }
    }
  }
  const requestBody = deref(document, operation.requestBody);
  if (requestBody) {
    const content = (requestBody.content ?? {}) as Obj;
    const mediaType = (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (body.length > 0 || mediaType !== '') {
      const declared = Object.keys(content).map((m) => m.toLowerCase());
      const fits = declared.some(
        (m) => m === mediaType || m === '*/*' || (m.endsWith('/*') && mediaType.startsWith(m.slice(0, -1))),
      );
      if (!fits)
        problems.push(`body media type ${mediaType || '(none)'} is not one of ${declared.join(', ')}`);
      if (mediaType.endsWith('json') && body.length > 0) {
        try {
          JSON.parse(body.toString('utf8'));
        } catch {
          problems.push('body is not valid JSON');
        }
      }
    } else if (requestBody.required === true) {
      problems.push('a request body is required');
    }
  }
  return problems;
}

function responseOf(document: Doc, operation: Obj): [number, unknown] {
  const responses = (operation.responses ?? {}) as Obj;
  const code = Object.keys(responses).find((c) => /^2\d\d$/.test(c)) ?? '200';
  const response = deref(document, responses[code]);
  const content = (response?.content ?? {}) as Obj;
  const jsonType = Object.keys(content).find((m) => /json/i.test(m));
  if (jsonType === undefined) return [Number(code), undefined];
  const media = deref(document, content[jsonType]) ?? {};
  if (media.example !== undefined) return [Number(code), media.example];
  const value = sampleValue(media.schema ?? {}, document);
  return [Number(code), value === GAVE_UP ? {} : value];
}

/** Records every exchange, forwarding it to `target` (an origin). */
export async function startRecordingProxy(target: string): Promise<SpecMock> {
  const exchanges: MockExchange[] = [];
  const origin = new URL(target);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const upstream = httpRequest(
        {
          host: origin.hostname,
          port: origin.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: origin.host },
        },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => parts.push(chunk));
          answer.on('end', () => {
            const text = Buffer.concat(parts);
            exchanges.push({
              method: req.method ?? '',
              url: req.url ?? '',
              headers: req.headers,
              body,
              status: answer.statusCode ?? 0,
              response: text.toString('utf8').slice(0, 4000),
            });
            const headers = { ...answer.headers };
            delete headers['transfer-encoding'];
            headers['content-length'] = String(text.length);
            res.writeHead(answer.statusCode ?? 502, headers).end(text);
          });
        },
      );
      upstream.on('error', (error) => {
        exchanges.push({
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body,
          status: 502,
          response: error.message,
        });
        res.writeHead(502).end();
      });
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
