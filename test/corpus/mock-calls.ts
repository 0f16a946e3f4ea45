/**
 * Calls through a real MCP client → our server → a mock of each API built
 * from its own spec. Stoplight Prism judges the requests where it starts
 * quickly (it answers 422 to a request that violates the spec); for the
 * largest specs, which Prism takes from 30 s to minutes to start, our own
 * spec-driven mock (test/helpers/spec-mock.ts) checks method, path, required
 * parameters and body media type instead.
 *
 * Per spec: every GET (up to 30, spread over the spec) and up to 10
 * POST/PUT/PATCH operations, arguments generated from each tool's inputSchema.
 * A call passes when exactly one request reaches the mock, at the operation's
 * method and path template, carrying every query/header argument and a body of
 * the declared media type, the mock does not refuse it (422/404), and a 2xx
 * answer is not an error result.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiModel, OperationModel } from '../../src/model/types.js';
import { createAjv } from '../../src/runtime/create-ajv.js';
import { canaryCredentials } from '../helpers/canary.js';
import { assertBuilt, type CallOutcome, REPO_ROOT, startStdioSession } from '../helpers/mcp-session.js';
import { GAVE_UP, sampleValue } from '../helpers/sample-value.js';
import { type SpecMock, startRecordingProxy, startSpecMock } from '../helpers/spec-mock.js';
import { corpusSpec, HAS_CORPUS, loadCorpusSpec } from './corpus-specs.js';
import { installPrism, type PrismServer, startPrism } from './install-prism.js';
import { connectInProcess } from './mcp-clients.js';

type MockKind = 'prism' | 'own';

/** Which mock judges each spec, and why. */
const CASES: Array<[spec: string, mock: MockKind]> = [
  ['oai/v3.0/petstore.yaml', 'prism'],
  ['petstore-separate', 'prism'],
  // apiKey in the query (server_token): Prism checks the credential is where the spec says.
  ['uber.yaml', 'prism'],
  ['plaid', 'prism'],
  ['uspto', 'prism'],
  ['twilio_messaging_v1', 'prism'],
  ['twilio_api_v2010', 'prism'],
  ['slack', 'prism'],
  ['box/', 'prism'],
  ['sentry', 'prism'],
  ['line/', 'prism'],
  ['adyen/Checkout', 'prism'],
  ['overseerr', 'prism'],
  ['digitalocean', 'prism'],
  // Prism: > 150 s to start (Stripe), ~30 s (Kubernetes, OpenAI, Discord).
  ['stripe', 'own'],
  ['kubernetes', 'own'],
  ['openai', 'own'],
  ['discord', 'own'],
  // Prism enforces PagerDuty's required `Content-Type`/`Accept` header parameters,
  // which OpenAPI says SHALL be ignored (our runtime sets those headers itself):
  // every GET gets a 422 or the spec's 400 example.
  ['pagerduty/rest', 'own'],
  // Prism refuses the dangling `../policies.yaml` ref we report and skip.
  ['spotify', 'own'],
];

const MAX_GETS = 30;
const MAX_WRITES = 10;
const PRISM_START_MS = 60_000;
const ENV_PREFIX = 'OPENAPI_MCP';

/** Up to `max` items spread evenly over `items`. */
function spread<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  const step = items.length / max;
  return Array.from({ length: max }, (_, i) => items[Math.floor(i * step)] as T);
}

/** The suite's canary in every credential variable, so every security requirement is met and none may leak. */
function fakeEnv(model: ApiModel): Record<string, string> {
  return canaryCredentials(model, ENV_PREFIX);
}

/** The path of the first server URL (variables at their defaults), where our own mock serves the API. */
function basePathOf(model: ApiModel): string {
  const server = model.servers[0];
  if (server === undefined) return '';
  const url = server.url.replace(/\{([^}]+)\}/g, (_, name: string) => server.variables[name]?.default ?? '');
  const path = new URL(url, 'http://relative.invalid').pathname;
  return path.replace(/\/+$/, '');
}

function pathRegex(basePath: string, template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/]+' : encodeURI(part).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${basePath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${source}$`);
}

interface Tally {
  spec: string;
  mock: string;
  operations: number;
  called: number;
  passed: number;
  gaveUp: number;
  /** 2xx answers carrying a spec example that breaks the spec's own schema (Prism only). */
  badExamples: string[];
  failures: string[];
}

/** Checks one call's exchange against the operation; returns the problems. */
function judge(
  op: OperationModel,
  args: Record<string, unknown>,
  basePath: string,
  mock: SpecMock,
  before: number,
  result: { isError?: boolean; content: Array<{ text?: string }> },
  mockKind: MockKind,
): string[] {
  const exchanges = mock.exchanges.slice(before);
  if (exchanges.length !== 1) {
    const text = result.content.map((c) => c.text ?? '').join(' ');
    return [`${exchanges.length} requests reached the mock (${text.slice(0, 300)})`];
  }
  const exchange = exchanges[0]!;
  const problems: string[] = [];
  const url = new URL(exchange.url, 'http://mock');
  if (exchange.method !== op.method.toUpperCase()) problems.push(`method ${exchange.method}`);
  if (!pathRegex(basePath, op.pathTemplate).test(url.pathname)) {
    problems.push(`path ${url.pathname} does not fit ${basePath}${op.pathTemplate}`);
  }
  for (const arg of op.arguments) {
    if (args[arg.name] === undefined) continue;
    if (
      arg.in === 'query' &&
      ![...url.searchParams.keys()].some((k) => k === arg.wireName || k.startsWith(`${arg.wireName}[`))
    ) {
      // form/explode objects spread their properties instead of the parameter name.
      if (!(arg.explode === true && typeof args[arg.name] === 'object'))
        problems.push(`query ${arg.wireName} missing`);
    }
    if (arg.in === 'header' && exchange.headers[arg.wireName.toLowerCase()] === undefined) {
      if (!/^(accept|content-type|authorization)$/i.test(arg.wireName))
        problems.push(`header ${arg.wireName} missing`);
    }
  }
  const sentBody = op.arguments.some(
    (arg) => (arg.in === 'body' || arg.in === 'body-property') && args[arg.name] !== undefined,
  );
  if (op.requestBody && sentBody) {
    const mediaType = String(exchange.headers['content-type'] ?? '');
    if (!mediaType.toLowerCase().startsWith(op.requestBody.mediaType.toLowerCase())) {
      problems.push(`content-type ${mediaType} instead of ${op.requestBody.mediaType}`);
    }
  }
  // 401/403: Prism checks the spec's security requirements, which fake credentials meet.
  if ([400, 401, 403, 404, 422].includes(exchange.status)) {
    problems.push(`mock answered ${exchange.status}: ${exchange.response.slice(0, 600)}`);
  }
  if (exchange.status >= 200 && exchange.status < 300 && result.isError === true) {
    const text = result.content[0]?.text ?? '';
    // Prism answers with the spec's own example first; some examples break their
    // schema (Slack: `id: 1298393284` where the schema says string). Reporting
    // that is the runtime doing its job, so it is counted apart, not failed.
    if (mockKind === 'prism' && text.includes("does not match the tool's declared output schema")) {
      return [EXAMPLE_OUTSIDE_SCHEMA];
    }
    problems.push(`2xx became an error result: ${(result.content[0]?.text ?? '').slice(0, 600)}`);
  }
  return problems;
}

const EXAMPLE_OUTSIDE_SCHEMA = 'example outside schema';

/** The schema errors the runtime reported for a 2xx body (its first two). */
function outputMismatch(result: { content: Array<{ text?: string }> }): string {
  const text = result.content[0]?.text ?? '';
  return text
    .slice(text.indexOf('declared output schema:') + 'declared output schema:'.length)
    .trim()
    .split('\n')
    .slice(0, 2)
    .join(' ');
}

/** Calls up to `maxGets` GET and `maxWrites` POST/PUT/PATCH tools with generated arguments and judges each exchange. */
async function exercise(
  session: { callTool(name: string, args: Record<string, unknown>): Promise<CallOutcome> },
  model: ApiModel,
  mock: SpecMock,
  basePath: string,
  kind: MockKind,
  tally: Tally,
  maxGets: number,
  maxWrites: number,
): Promise<void> {
  const ajv = createAjv();
  const gets = spread(
    model.operations.filter((op) => op.method === 'get'),
    maxGets,
  );
  const writes = spread(
    model.operations.filter((op) => op.method === 'post' || op.method === 'put' || op.method === 'patch'),
    maxWrites,
  );
  for (const op of [...gets, ...writes]) {
    const args = sampleValue(op.inputSchema, op.inputSchema);
    const validate = ajv.compile(op.inputSchema as object);
    ajv.removeSchema();
    if (args === GAVE_UP || !validate(args)) {
      tally.gaveUp += 1;
      continue;
    }
    const before = mock.exchanges.length;
    const result = await session.callTool(op.toolName, args as Record<string, unknown>);
    tally.called += 1;
    const problems = judge(op, args as Record<string, unknown>, basePath, mock, before, result, kind);
    if (problems.length === 0) tally.passed += 1;
    else if (problems[0] === EXAMPLE_OUTSIDE_SCHEMA) {
      tally.badExamples.push(`${op.toolName}: ${outputMismatch(result)}`);
    } else {
      tally.failures.push(
        `${op.toolName} (${op.method.toUpperCase()} ${op.pathTemplate}): ${problems.join('; ')}`,
      );
    }
  }
}

/**
 * Defines the suite for the specs one kind of mock judges. Two test files call
 * it, one per kind, so the two halves run in parallel workers.
 */
export function defineMockCallSuite(only: MockKind): void {
  const tallies: Tally[] = [];
  let prismCli: string | undefined;

  describe.skipIf(!HAS_CORPUS)(
    `corpus: calls through MCP to a mock of each API (${only === 'prism' ? 'Prism' : 'our spec-driven mock'})`,
    () => {
      beforeAll(async () => {
        if (only === 'prism') prismCli = await installPrism(REPO_ROOT);
      }, 180_000);

      afterAll(() => {
        console.log(
          [
            'spec | mock | operations | calls | passed | spec example outside its own schema | args not generated',
            ...tallies.map(
              (t) =>
                `${t.spec} | ${t.mock} | ${t.operations} | ${t.called} | ${t.passed} | ${t.badExamples.length} | ${t.gaveUp}`,
            ),
            ...tallies.flatMap((t) => t.badExamples.map((e) => `${t.spec}: ${e}`)),
          ].join('\n'),
        );
      });

      it.each(CASES.filter(([, kind]) => kind === only))(
        '%s (%s)',
        { timeout: 120_000 },
        async (part, kind) => {
          const spec = corpusSpec(part);
          const { model, loaded } = await loadCorpusSpec(spec);
          const document = loaded.document as unknown as Record<string, unknown>;
          let prism: PrismServer | undefined;
          let mock: SpecMock;
          let basePath: string;
          if (kind === 'prism') {
            prism = await startPrism(prismCli as string, spec.file, PRISM_START_MS);
            mock = await startRecordingProxy(prism.url);
            // Prism matches the spec's paths without the server's base path.
            basePath = '';
          } else {
            basePath = basePathOf(model);
            mock = await startSpecMock(document, basePath);
          }
          const session = await connectInProcess(model, 'v2-auto', {
            baseUrl: `${mock.url}${basePath}`,
            env: fakeEnv(model),
            envPrefix: ENV_PREFIX,
          });
          const tally: Tally = {
            spec: spec.name,
            mock: kind === 'prism' ? `prism (${((prism?.startMs ?? 0) / 1000).toFixed(1)} s start)` : 'own',
            operations: model.operations.length,
            called: 0,
            passed: 0,
            gaveUp: 0,
            badExamples: [],
            failures: [],
          };
          tallies.push(tally);
          try {
            await exercise(session, model, mock, basePath, kind, tally, MAX_GETS, MAX_WRITES);
          } finally {
            await session.close();
            await mock.close();
            await prism?.close();
          }
          expect(tally.failures).toEqual([]);
          // A spec whose arguments we mostly cannot generate would test nothing.
          expect(tally.called).toBeGreaterThan(0);
        },
      );

      if (only === 'prism')
        it('both mocks refuse what the spec forbids (the judges can fail a call)', async () => {
          const spec = corpusSpec('oai/v3.0/petstore.yaml');
          const { loaded } = await loadCorpusSpec(spec);
          const own = await startSpecMock(loaded.document as unknown as Record<string, unknown>, '/v1');
          const prism = await startPrism(prismCli as string, spec.file, PRISM_START_MS);
          const proxy = await startRecordingProxy(prism.url);
          try {
            const statuses = async (base: string): Promise<number[]> => [
              (await fetch(`${base}/pets?limit=lots`)).status,
              (await fetch(`${base}/no/such/path`)).status,
              (
                await fetch(`${base}/pets`, {
                  method: 'POST',
                  headers: { 'content-type': 'text/plain' },
                  body: 'x',
                })
              ).status,
            ];
            expect(await statuses(`${own.url}/v1`)).toEqual([422, 404, 422]);
            const judged = await statuses(proxy.url);
            expect(judged.slice(0, 2)).toEqual([422, 404]);
            expect(judged[2]).toBeGreaterThanOrEqual(400);
            expect(proxy.exchanges.map((e) => e.status)).toEqual(judged);
          } finally {
            await proxy.close();
            await prism.close();
            await own.close();
          }
        });

      if (only === 'own')
        it('Stripe through the built `openapi-mcp serve` over stdio (SDK v2 client, auto mode)', async () => {
          assertBuilt();
          const spec = corpusSpec('stripe');
          const { model, loaded } = await loadCorpusSpec(spec);
          const basePath = basePathOf(model);
          const mock = await startSpecMock(loaded.document as unknown as Record<string, unknown>, basePath);
          const session = await startStdioSession('v2-auto', {
            // One tool per operation: this exercises each of Stripe's tools (auto would serve discovery).
            serveArgs: [
              spec.file,
              '--ref-root',
              spec.refRoot,
              '--base-url',
              `${mock.url}${basePath}`,
              '--tools',
              'all',
            ],
            env: fakeEnv(model),
          });
          const tally: Tally = {
            spec: `${spec.name} via serve (stdio)`,
            mock: 'own',
            operations: model.operations.length,
            called: 0,
            passed: 0,
            gaveUp: 0,
            badExamples: [],
            failures: [],
          };
          tallies.push(tally);
          try {
            expect(await session.listTools()).toHaveLength(model.operations.length);
            await exercise(session, model, mock, basePath, 'own', tally, 5, 3);
          } finally {
            await session.close();
            await mock.close();
          }
          expect(tally.failures, session.stderr()).toEqual([]);
          expect(tally.called).toBeGreaterThan(4);
        }, 60_000);
    },
  );
}
