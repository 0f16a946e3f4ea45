/**
 * SECURITY.md §G 48, "DNS failure / TLS errors": TLS upstreams on 127.0.0.1
 * with the checked-in certificates of test/fixtures/tls (self-signed, expired,
 * for another host name, and a good one signed by a test CA). Each bad one
 * gives an `isError` naming the TLS problem (its code and a few words, no
 * stack trace), and the server keeps serving. Verification cannot be turned
 * off by the spec (its `servers` entries and `x-` extensions say so in every
 * way we could think of) nor by a tool argument (every operation takes
 * `rejectUnauthorized` and `insecure` query arguments); only the operator can
 * add trust, with `--upstream-ca FILE`, and the CA-signed upstream works with
 * it and fails without. (`NODE_TLS_REJECT_UNAUTHORIZED=0` in the server's own
 * environment is Node's switch, the operator's; the servers here never get it.)
 * Against `serve` and a generated project, over stdio.
 *
 * DNS failures: `t5-3-spec-server-address-policy.test.ts` passes `ENOTFOUND`
 * through from a stubbed resolver (no packet may leave the machine), and
 * `test/unit/runtime/explain-network-code.test.ts` how a result words it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, type StdioSession } from '../helpers/mcp-session.js';
import { resultText, startThreatWorld, type ThreatWorld } from '../helpers/threat-back-ends.js';

const TLS = join(REPO_ROOT, 'test/fixtures/tls');
const CERTS = ['good', 'self-signed', 'expired', 'wrong-host'] as const;
type Cert = (typeof CERTS)[number];
const ENV = { OPENAPI_MCP_API_KEY: 'sk-test-CANARY123-tls' };

interface TlsUpstream {
  url: string;
  /** Requests that got past the handshake. */
  requests: string[];
  /** The credential each request carried. */
  keys: Array<string | undefined>;
  server: Server;
}

async function startTlsUpstream(cert: Cert): Promise<TlsUpstream> {
  const requests: string[] = [];
  const keys: Array<string | undefined> = [];
  const server = createServer(
    { key: readFileSync(join(TLS, 'leaf.key')), cert: readFileSync(join(TLS, `${cert}.crt`)) },
    (req, res) => {
      requests.push(req.url ?? '');
      keys.push(req.headers['x-api-key'] as string | undefined);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ cert }));
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, keys, server };
}

/** Each operation is served by one of the TLS upstreams, named by its own `servers`. */
const operationId = (cert: Cert): string => `get_${cert.replace('-', '_')}`;

const spec = (upstreams: Record<Cert, TlsUpstream>): string => `
openapi: 3.0.3
info: { title: TLS threats, version: 1.0.0 }
x-tls-reject-unauthorized: false
x-insecure: true
x-tls: { rejectUnauthorized: false, verify: false, insecureSkipVerify: true }
security: [{ api_key: [] }]
components:
  securitySchemes:
    api_key: { type: apiKey, in: header, name: X-API-Key }
servers:
  - url: ${upstreams['self-signed'].url}/v1
    description: rejectUnauthorized=false
    x-rejectUnauthorized: false
    x-insecure-skip-verify: true
    x-tls: { rejectUnauthorized: false, ca: none }
paths:
${CERTS.map(
  (cert) => `  /things/${cert}:
    get:
      operationId: ${operationId(cert)}
      x-rejectUnauthorized: false
      servers:
        - url: ${upstreams[cert].url}/v1
          x-rejectUnauthorized: false
          x-node-tls-reject-unauthorized: '0'
      parameters:
        - { name: rejectUnauthorized, in: query, schema: { type: boolean } }
        - { name: insecure, in: query, schema: { type: string } }
      responses: { '200': { description: ok } }
`,
).join('')}
  /spec-server:
    get:
      operationId: get_spec_server
      responses: { '200': { description: ok } }
`;

/** Arguments that would turn verification off, if anything passed them on to TLS. */
const HOSTILE_ARGS = { rejectUnauthorized: false, insecure: 'NODE_TLS_REJECT_UNAUTHORIZED=0' };

/** `CODE: words` each bad certificate gives, without and with the test CA trusted. */
const EXPECTED: Record<Cert, { untrusted: RegExp; trusted?: RegExp }> = {
  'self-signed': {
    untrusted: /\(DEPTH_ZERO_SELF_SIGNED_CERT: TLS certificate not trusted: it is self-signed\)/,
    trusted: /\(DEPTH_ZERO_SELF_SIGNED_CERT: TLS certificate not trusted: it is self-signed\)/,
  },
  expired: {
    untrusted: /\((CERT_HAS_EXPIRED: TLS certificate expired|UNABLE_TO_VERIFY_LEAF_SIGNATURE: [^)]+)\)/,
    trusted: /\(CERT_HAS_EXPIRED: TLS certificate expired\)/,
  },
  'wrong-host': {
    untrusted: /\(UNABLE_TO_VERIFY_LEAF_SIGNATURE: TLS certificate not trusted: signed by an unknown CA\)/,
    trusted: /\(ERR_TLS_CERT_ALTNAME_INVALID: TLS certificate is for another host name\)/,
  },
  good: {
    untrusted: /\(UNABLE_TO_VERIFY_LEAF_SIGNATURE: TLS certificate not trusted: signed by an unknown CA\)/,
  },
};

let upstreams: Record<Cert, TlsUpstream>;
let world: ThreatWorld;

beforeAll(async () => {
  upstreams = Object.fromEntries(
    await Promise.all(CERTS.map(async (cert) => [cert, await startTlsUpstream(cert)] as const)),
  ) as Record<Cert, TlsUpstream>;
  world = await startThreatWorld('g48-tls', {}, () => spec(upstreams));
}, 180_000);

afterAll(async () => {
  await world?.close();
  await Promise.all(
    Object.values(upstreams ?? {}).map(
      (upstream) =>
        new Promise<void>((resolve) => {
          upstream.server.close(() => resolve());
          upstream.server.closeAllConnections();
        }),
    ),
  );
});

function expectCleanError(text: string): void {
  expect(text).not.toMatch(/\n\s+at |Error:|CANARY123/);
}

describe.each(['serve', 'generated'])('%s', (label) => {
  const backEnd = () => world.backEnds.find((candidate) => candidate.label === label)!;

  describe('without --upstream-ca (Node’s bundled roots only)', () => {
    let session: StdioSession;
    beforeAll(async () => {
      session = await backEnd().start([], ENV);
    }, 60_000);
    afterAll(async () => {
      await session?.close();
    });

    it.each(CERTS)('%s: an isError naming the TLS problem; nothing got past the handshake', async (cert) => {
      const before = upstreams[cert].requests.length;
      const result = await session.callTool(operationId(cert), HOSTILE_ARGS);
      const text = resultText(result);
      expect(result.isError, text).toBe(true);
      expect(text).toMatch(/^Could not reach the upstream https:\/\/127\.0\.0\.1:\d+ \(/);
      expect(text).toMatch(EXPECTED[cert].untrusted);
      expectCleanError(text);
      expect(upstreams[cert].requests.length).toBe(before);
    });

    it('the spec’s own server, dressed in every "do not verify" extension, is still verified', async () => {
      const result = await session.callTool('get_spec_server', {});
      expect(result.isError).toBe(true);
      expect(resultText(result)).toMatch(EXPECTED['self-signed'].untrusted);
      expect(upstreams['self-signed'].requests).toEqual([]);
    });

    it('keeps serving, and logged no stack trace', async () => {
      const tools = await session.listTools();
      expect(tools.map((tool) => tool.name)).toContain('get_good');
      expect(session.stderr()).not.toMatch(/\n\s+at /);
    });
  });

  describe('with --upstream-ca test/fixtures/tls/ca.crt', () => {
    let session: StdioSession;
    beforeAll(async () => {
      session = await backEnd().start(['--upstream-ca', join(TLS, 'ca.crt')], ENV);
    }, 60_000);
    afterAll(async () => {
      await session?.close();
    });

    it('the CA-signed upstream works', async () => {
      const result = await session.callTool('get_good', HOSTILE_ARGS);
      expect(result.isError ?? false).toBe(false);
      expect(resultText(result)).toBe('{"cert":"good"}');
      // The hostile arguments went where arguments go: the query string, nowhere else.
      expect(upstreams.good.requests.at(-1)).toBe(
        '/v1/things/good?rejectUnauthorized=false&insecure=NODE_TLS_REJECT_UNAUTHORIZED%3D0',
      );
      // Over verified TLS the credential went where it belongs; no failed call showed it (expectCleanError).
      expect(upstreams.good.keys.at(-1)).toBe(ENV.OPENAPI_MCP_API_KEY);
    });

    it.each(['self-signed', 'expired', 'wrong-host'] as const)(
      '%s: still refused, for its own reason',
      async (cert) => {
        const before = upstreams[cert].requests.length;
        const result = await session.callTool(operationId(cert), HOSTILE_ARGS);
        const text = resultText(result);
        expect(result.isError, text).toBe(true);
        expect(text).toMatch(EXPECTED[cert].trusted!);
        expectCleanError(text);
        expect(upstreams[cert].requests.length).toBe(before);
      },
    );

    it('the next call after the failures still works', async () => {
      const result = await session.callTool('get_good', {});
      expect(resultText(result)).toBe('{"cert":"good"}');
    });
  });
});

describe('nothing in the runtime or the templates turns certificate verification off', () => {
  const sources = (dir: string): string[] =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.(ts|hbs|json)$/.test(entry.name))
      .map((entry) => join(entry.parentPath, entry.name));

  it.each(['src/runtime', 'templates'])('%s', (dir) => {
    const files = sources(join(REPO_ROOT, dir));
    expect(files.length).toBeGreaterThan(3);
    const offending = files.filter((file) =>
      /rejectUnauthorized|NODE_TLS_REJECT_UNAUTHORIZED|checkServerIdentity/.test(readFileSync(file, 'utf8')),
    );
    expect(offending).toEqual([]);
  });
});
