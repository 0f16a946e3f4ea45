/**
 * SECURITY.md T5.3 (spec-declared server URL) and T5.5 (DNS rebinding between
 * check and connect), with the defaults row "SSRF guard on upstream connects"
 * as we chose it: a host the spec chose may not be, or resolve to, a
 * link-local or cloud-metadata address; loopback and private ranges stay
 * allowed; a host the operator named is never checked.
 *
 * No packet leaves the machine: DNS is a stub (`node:dns/promises` mocked), and
 * undici's socket opener is wrapped by a guard that refuses every host but a
 * loopback literal or `localhost`, so even a broken policy cannot reach
 * 169.254.169.254.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, type buildConnector, request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCheckedConnector } from '../../src/runtime/create-checked-connector.js';
import { createToolCaller } from '../../src/runtime/create-tool-caller.js';
import { createUpstreamConnector } from '../../src/runtime/create-upstream-connector.js';
import type { RuntimeOptions } from '../../src/runtime/types.js';
import { UpstreamAddressError } from '../../src/runtime/upstream-address-error.js';
import { apiModel, operation } from '../helpers/model-factory.js';

const dns = vi.hoisted(() => {
  /** Host → the answers it gives, one list per lookup (the last one repeats). */
  const answers = new Map<string, string[][]>();
  const lookups: string[] = [];
  return { answers, lookups };
});

const guard = vi.hoisted(() => ({ opened: [] as string[] }));

vi.mock('node:dns/promises', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:dns/promises')>();
  const lookup = async (hostname: string) => {
    dns.lookups.push(hostname);
    const queue = dns.answers.get(hostname);
    const answer = queue === undefined ? undefined : queue.length > 1 ? queue.shift() : queue[0];
    if (answer === undefined) throw Object.assign(new Error(`stub: no ${hostname}`), { code: 'ENOTFOUND' });
    return answer.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return { ...original, default: { ...original, lookup }, lookup };
});

vi.mock('undici', async (importOriginal) => {
  const original = await importOriginal<typeof import('undici')>();
  const loopback = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;
  const buildConnector = (options: buildConnector.BuildOptions): buildConnector.connector => {
    const open = original.buildConnector(options);
    return (connectOptions, callback) => {
      guard.opened.push(connectOptions.hostname);
      if (!loopback.test(connectOptions.hostname)) {
        callback(new Error(`test guard: refused to open a socket to ${connectOptions.hostname}`), null);
        return;
      }
      open(connectOptions, callback);
    };
  };
  return { ...original, buildConnector };
});

let server: Server;
let port: number;
const seen: { host: string | undefined; remote: string | undefined }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ host: req.headers.host, remote: req.socket.remoteAddress });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  dns.answers.clear();
  dns.lookups.length = 0;
  guard.opened.length = 0;
  seen.length = 0;
  dns.answers.set('api.test', [['127.0.0.1']]);
  dns.answers.set('metadata.test', [['169.254.169.254']]);
  dns.answers.set('aws6.test', [['fd00:ec2::254']]);
  dns.answers.set('mapped.test', [['::ffff:169.254.169.254']]);
  dns.answers.set('mixed.test', [['127.0.0.1', '169.254.169.254']]);
});

/** Runs the connector once; resolves to the error it reported, or undefined after a socket opened (then closed). */
function connectOnce(connector: buildConnector.connector, url: string): Promise<Error | undefined> {
  const parsed = new URL(url);
  return new Promise((resolve) => {
    connector(
      {
        hostname: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
        host: parsed.host,
        protocol: parsed.protocol,
        port: parsed.port,
      },
      (error, socket) => {
        socket?.destroy();
        resolve(error ?? undefined);
      },
    );
  });
}

describe('the checked connector (T5.5: the checked address is the one connected to)', () => {
  it('refuses a name resolving to 169.254.169.254 before any socket opens', async () => {
    const error = await connectOnce(createCheckedConnector(), 'http://metadata.test/latest/meta-data/');
    expect(error).toBeInstanceOf(UpstreamAddressError);
    expect(error?.message).toContain('OMCP_UPSTREAM_ADDRESS_REFUSED');
    expect(error?.message).toContain('metadata.test resolves to 169.254.169.254');
    expect(error?.message).toContain('169.254.0.0/16');
    expect(dns.lookups).toEqual(['metadata.test']);
    expect(guard.opened).toEqual([]);
  });

  it.each([
    ['aws6.test', 'fd00:ec2::254/128'],
    ['mapped.test', '169.254.0.0/16'],
    // One bad answer among good ones refuses the host: which one a connect would pick is not ours to trust.
    ['mixed.test', '169.254.0.0/16'],
  ])('refuses %s (%s)', async (host, range) => {
    const error = await connectOnce(createCheckedConnector(), `http://${host}:${port}/`);
    expect(error).toBeInstanceOf(UpstreamAddressError);
    expect((error as UpstreamAddressError).rule.range).toBe(range);
    expect(guard.opened).toEqual([]);
  });

  it.each([
    'http://169.254.169.254/',
    'http://[fe80::1]/',
    'http://[::ffff:169.254.169.254]/',
    'http://[fd00:ec2::254]/',
    // The URL parser turns these spellings into 169.254.169.254 before anything else sees them.
    'http://2852039166/',
    'http://0xa9.0xfe.0xa9.0xfe/',
  ])('refuses the IP literal of %s without a lookup or a socket', async (url) => {
    const error = await connectOnce(createCheckedConnector(), new URL(url).href);
    expect(error).toBeInstanceOf(UpstreamAddressError);
    expect(dns.lookups).toEqual([]);
    expect(guard.opened).toEqual([]);
  });

  it('connects a name resolving to 127.0.0.1 to exactly that address, keeping the Host header', async () => {
    const agent = new Agent({ connect: createCheckedConnector() });
    try {
      const response = await request(`http://api.test:${port}/ping`, { dispatcher: agent });
      expect(response.statusCode).toBe(200);
      await response.body.text();
    } finally {
      await agent.close();
    }
    expect(dns.lookups).toEqual(['api.test']);
    expect(guard.opened).toEqual(['127.0.0.1']);
    expect(seen).toEqual([{ host: `api.test:${port}`, remote: '127.0.0.1' }]);
  });

  it('resolves once per connection: a rebinding answer is checked, never connected to', async () => {
    // First answer loopback, every later one the metadata service.
    dns.answers.set('rebind.test', [['127.0.0.1'], ['169.254.169.254']]);
    const connector = createCheckedConnector();
    expect(await connectOnce(connector, `http://rebind.test:${port}/`)).toBeUndefined();
    const second = await connectOnce(connector, `http://rebind.test:${port}/`);
    expect(second).toBeInstanceOf(UpstreamAddressError);
    expect(dns.lookups).toEqual(['rebind.test', 'rebind.test']);
    expect(guard.opened).toEqual(['127.0.0.1']);
  });

  it('allows loopback and private addresses', async () => {
    dns.answers.set('private.test', [['10.1.2.3']]);
    // The guard stops the socket to 10.1.2.3: what matters is that the policy let it through, unchanged.
    const error = await connectOnce(createCheckedConnector(), 'http://private.test/');
    expect(error).not.toBeInstanceOf(UpstreamAddressError);
    expect(guard.opened).toEqual(['10.1.2.3']);
  });

  it('passes a DNS failure through with its code', async () => {
    const error = await connectOnce(createCheckedConnector(), 'http://unknown.test/');
    expect((error as { code?: string }).code).toBe('ENOTFOUND');
    expect(guard.opened).toEqual([]);
  });
});

describe('which upstreams are checked (T5.3: the spec chose the host)', () => {
  const base = { envPrefix: 'OPENAPI_MCP', env: {} };

  it('checks every host when the spec decides', async () => {
    const error = await connectOnce(createUpstreamConnector(base), 'http://metadata.test/');
    expect(error).toBeInstanceOf(UpstreamAddressError);
  });

  it.each([
    ['--base-url', { ...base, baseUrl: 'http://Metadata.test./v1' }],
    ['<PREFIX>_BASE_URL', { ...base, env: { OPENAPI_MCP_BASE_URL: 'http://metadata.test' } }],
  ])('never checks the host the operator named with %s', async (_source, options) => {
    const error = await connectOnce(createUpstreamConnector(options), 'http://metadata.test/');
    expect(error).not.toBeInstanceOf(UpstreamAddressError);
    // Handed on as named, unresolved by the policy (the test guard then stops it).
    expect(dns.lookups).toEqual([]);
    expect(guard.opened).toEqual(['metadata.test']);
  });

  it('still checks other hosts when the operator named one', async () => {
    const options = { ...base, baseUrl: 'http://api.test' };
    expect(await connectOnce(createUpstreamConnector(options), 'http://metadata.test/')).toBeInstanceOf(
      UpstreamAddressError,
    );
  });

  it('is lifted by --link-local-upstream allow', async () => {
    const lifted = createUpstreamConnector({ ...base, linkLocalUpstream: 'allow' });
    const error = await connectOnce(lifted, 'http://metadata.test/');
    expect(error).not.toBeInstanceOf(UpstreamAddressError);
    // Handed on unresolved and unchecked (the test guard then stops it).
    expect(dns.lookups).toEqual([]);
    expect(guard.opened).toEqual(['metadata.test']);
    const checked = createUpstreamConnector({ ...base, linkLocalUpstream: 'refuse' });
    expect(await connectOnce(checked, 'http://metadata.test/')).toBeInstanceOf(UpstreamAddressError);
  });
});

describe('a tool call to a spec server at the metadata address', () => {
  const logs: string[] = [];
  const options = (extra: Partial<RuntimeOptions> = {}): RuntimeOptions => ({
    envPrefix: 'OPENAPI_MCP',
    env: {},
    timeoutMs: 2_000,
    maxResponseBytes: 1024,
    log: (line) => logs.push(line),
    ...extra,
  });

  it('is an isError result naming the code, the host and the rule; nothing is sent', async () => {
    const model = apiModel([operation({ toolName: 'creds', pathTemplate: '/latest/meta-data/iam' })], {
      servers: [{ url: 'http://metadata.test', variables: {} }],
    });
    const caller = createToolCaller(model, options());
    try {
      const result = await caller.call('creds', {});
      expect(result.isError).toBe(true);
      const text = result.content[0]?.type === 'text' ? result.content[0].text : '';
      expect(text).toMatch(
        /^OMCP_UPSTREAM_ADDRESS_REFUSED: the upstream host metadata\.test resolves to 169\.254\.169\.254, which is in 169\.254\.0\.0\/16 \(link-local/,
      );
      expect(text).toContain('--link-local-upstream allow');
      expect(logs.some((line) => line.includes('OMCP_UPSTREAM_ADDRESS_REFUSED'))).toBe(true);
      expect(guard.opened).toEqual([]);
    } finally {
      await caller.close();
    }
  });

  it('goes through when the spec server resolves to loopback', async () => {
    const model = apiModel([operation({ toolName: 'ping', pathTemplate: '/ping' })], {
      servers: [{ url: `http://api.test:${port}`, variables: {} }],
    });
    const caller = createToolCaller(model, options());
    try {
      const result = await caller.call('ping', {});
      expect(result.isError).toBeUndefined();
      expect(seen).toEqual([{ host: `api.test:${port}`, remote: '127.0.0.1' }]);
      expect(guard.opened).toEqual(['127.0.0.1']);
    } finally {
      await caller.close();
    }
  });

  it('refuses a spec token URL at the metadata address too (the client secret would go there)', async () => {
    const model = apiModel(
      [operation({ toolName: 'ping', pathTemplate: '/ping', security: [[{ scheme: 'oauth', scopes: [] }]] })],
      {
        servers: [{ url: `http://api.test:${port}`, variables: {} }],
        securitySchemes: {
          oauth: { key: 'oauth', kind: 'oauth2', tokenUrl: 'http://metadata.test/token', scopes: [] },
        },
      },
    );
    const env = { OPENAPI_MCP_OAUTH_CLIENT_ID: 'id', OPENAPI_MCP_OAUTH_CLIENT_SECRET: 'secret-value' };
    const caller = createToolCaller(model, options({ env }));
    try {
      const result = await caller.call('ping', {});
      expect(result.isError).toBe(true);
      const text = result.content[0]?.type === 'text' ? result.content[0].text : '';
      expect(text).toContain('OMCP_UPSTREAM_ADDRESS_REFUSED');
      expect(text).toContain('metadata.test');
      expect(text).not.toContain('secret-value');
      expect(guard.opened).toEqual([]);
      expect(seen).toEqual([]);
    } finally {
      await caller.close();
    }
  });
});
