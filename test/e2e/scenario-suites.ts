/**
 * Runs the shared scenario table (scenarios.ts) against one back end — the
 * `serve` CLI or a built generated project — over stdio and HTTP for every
 * client flavour. Both test files call this, so the two back ends are checked
 * by the very same suites.
 */
import { readlinkSync, realpathSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installNode, NODE_INSTALL_UNSUPPORTED, NODE_VERSIONS } from '../helpers/install-node.js';
import {
  CLIENT_KINDS,
  connectHttp,
  type HttpServerProcess,
  type McpSession,
  REPO_ROOT,
  type ServerLaunch,
  type StdioSession,
  startHttpServer,
  startStdioSession,
} from '../helpers/mcp-session.js';
import type { RecordingUpstream } from '../helpers/recording-upstream.js';
import { CANARY, createScenarios, EXPECTED_VERSION, type InspectTool, SECRET_MARK } from './scenarios.js';

export interface BackEnd {
  /** Prefix of the suite names, e.g. `generated × `. */
  label: string;
  /** Arguments after the entry (the spec, for `serve`), read when the suites start. */
  args: () => string[];
  /** Replaces `[cli, 'serve']`, e.g. a generated project's `dist/main.js`. */
  entry?: string[];
  upstream: () => RecordingUpstream;
  inspected: () => InspectTool[];
  /** The Node binary the server runs on, read when the suites start (the test runner's by default). */
  node?: () => string;
}

/** The environment every back end gets: the credential the scenarios expect, with a canary value. */
export const SCENARIO_ENV = { OPENAPI_MCP_API_KEY: CANARY };

/** The supported release lines other than the test runner's own, each with its registry version. */
const OTHER_NODES = Object.entries(NODE_VERSIONS).filter(
  ([major]) => major !== process.versions.node.split('.')[0],
);

/**
 * Defines the stdio and HTTP suites for `backEnd` with the server on the test
 * runner's Node, then again on Node 22 and 24 from the registry (installNode).
 * Where those binaries cannot run, only the first set is defined; node-binaries.test.ts
 * says so in one skipped test.
 */
export function defineScenarioSuitesOnEveryNode(backEnd: BackEnd): void {
  defineScenarioSuites(backEnd);
  if (NODE_INSTALL_UNSUPPORTED !== undefined) return;
  for (const [major, version] of OTHER_NODES) {
    describe(`node ${major}`, () => {
      let node: string;
      beforeAll(async () => {
        node = await installNode(REPO_ROOT, version);
      }, 300_000);
      defineScenarioSuites({ ...backEnd, node: () => node });
    });
  }
}

/** Defines the stdio and HTTP suites for `backEnd`. */
export function defineScenarioSuites(backEnd: BackEnd): void {
  const scenarios = createScenarios({ upstream: backEnd.upstream, inspected: backEnd.inspected });
  const launch = (): ServerLaunch => ({
    serveArgs: backEnd.args(),
    env: SCENARIO_ENV,
    ...(backEnd.entry !== undefined && { entry: backEnd.entry }),
    ...(backEnd.node !== undefined && { node: backEnd.node() }),
  });

  const runScenarios = (session: () => McpSession, kind: (typeof CLIENT_KINDS)[number]) => {
    it('negotiates the expected protocol version', () => {
      expect(session().protocolVersion).toBe(EXPECTED_VERSION[kind]);
    });

    it.each(scenarios.map((scenario) => [scenario.name, scenario] as const))(
      '%s',
      async (_name, scenario) => {
        backEnd.upstream().reset();
        await scenario.run(session());
      },
    );
  };

  describe.each(CLIENT_KINDS)(`${backEnd.label}stdio × %s`, (kind) => {
    let session: StdioSession;

    beforeAll(async () => {
      session = await startStdioSession(kind, launch());
    });

    afterAll(async () => {
      await session?.close();
    });

    runScenarios(() => session, kind);

    it('kept stdout pure protocol and never printed the key on stdout or stderr', () => {
      const lines = session
        .stdout()
        .split('\n')
        .filter((line) => line !== '');
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect((JSON.parse(line) as { jsonrpc?: string }).jsonrpc).toBe('2.0');
      expect(session.stdout()).not.toContain(SECRET_MARK);
      expect(session.stderr()).not.toContain(SECRET_MARK);
      expect(session.stderr()).toContain('OPENAPI_MCP_API_KEY');
    });
  });

  describe(`${backEnd.label}http`, () => {
    let server: HttpServerProcess;

    beforeAll(async () => {
      server = await startHttpServer(launch());
    });

    afterAll(async () => {
      const code = await server?.stop();
      expect(code).toBe(0);
      expect(server.stderr()).not.toContain(SECRET_MARK);
      expect(server.stdout()).not.toContain(SECRET_MARK);
    });

    const node = backEnd.node;
    if (node !== undefined) {
      // Only defined where the registry's Linux binaries run, so /proc is there.
      it('runs the server on the chosen Node binary', () => {
        expect(readlinkSync(`/proc/${server.child.pid}/exe`)).toBe(realpathSync(node()));
      });
    }

    describe.each(CLIENT_KINDS)('http × %s', (kind) => {
      let session: McpSession;

      beforeAll(async () => {
        session = await connectHttp(kind, server.url);
      });

      afterAll(async () => {
        await session?.close();
      });

      runScenarios(() => session, kind);
    });
  });
}
