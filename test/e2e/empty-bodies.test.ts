/**
 * A request body that admits only `{}` (Stripe's GET and DELETE operations)
 * gives the tool no argument, end to end through the built binary: SDK clients
 * over stdio list no `body`, and calls reach a recording upstream with no body
 * when it is optional and with the media type's empty object when it is required.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, REPO_ROOT, startStdioSession } from '../helpers/mcp-session.js';
import { json, type RecordingUpstream, startRecordingUpstream } from '../helpers/recording-upstream.js';

const SPEC = join(REPO_ROOT, 'test/fixtures/e2e/empty-bodies.yaml');
let upstream: RecordingUpstream;

beforeAll(async () => {
  assertBuilt();
  upstream = await startRecordingUpstream({
    'GET /v1/charges/*': json(200, { id: 'ch_1' }),
    'POST /v1/charges/*/capture': json(200, { id: 'ch_1' }),
    'POST /v1/charges/*/close': json(200, { id: 'ch_1' }),
  });
});

afterAll(async () => {
  await upstream?.close();
});

describe.each(['v2-auto', 'sdk-1.32'] as const)('serve, empty request bodies (%s)', (kind) => {
  it('lists no body argument and sends no body, {} or an empty form as the spec requires', async () => {
    const session = await startStdioSession(kind, {
      serveArgs: [SPEC, '--base-url', `${upstream.url}/v1`, '--tools', 'all'],
    });
    try {
      const tools = await session.listTools();
      expect(tools.map((t) => [t.name, Object.keys(propertiesOf(t.inputSchema))])).toEqual([
        ['getCharge', ['id']],
        ['captureCharge', ['id']],
        ['closeCharge', ['id']],
      ]);
      // The HTML description arrives as Markdown, its site-relative link as its text.
      expect(tools[0]?.description).toBe('Retrieve a charge\n\nRetrieves the details of a charge.');

      upstream.reset();
      for (const name of ['getCharge', 'captureCharge', 'closeCharge']) {
        const result = await session.callTool(name, { id: 'ch_1' });
        expect(result.isError ?? false, JSON.stringify(result)).toBe(false);
      }
      expect(
        upstream.requests.map((r) => [r.method, r.url, r.headers['content-type'], r.body.toString('utf8')]),
      ).toEqual([
        ['GET', '/v1/charges/ch_1', undefined, ''],
        ['POST', '/v1/charges/ch_1/capture', 'application/json', '{}'],
        ['POST', '/v1/charges/ch_1/close', 'application/x-www-form-urlencoded', ''],
      ]);

      // A model that still sends `body` breaks no rule it was shown, but is told the argument is unknown.
      const stray = await session.callTool('getCharge', { id: 'ch_1', body: {} });
      expect(stray.isError, JSON.stringify(stray)).toBe(true);
      expect(stray.content.map((c) => c.text).join('\n')).toContain('body');
    } finally {
      await session.close();
    }
  });
});

function propertiesOf(schema: unknown): Record<string, unknown> {
  return ((schema as { properties?: Record<string, unknown> }).properties ?? {}) as Record<string, unknown>;
}
