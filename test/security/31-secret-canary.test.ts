/**
 * SECURITY.md test 31 (secret redaction) over the whole suite: the self-test of
 * the canary (test/helpers/canary.ts, test/canary/global-setup.ts). It proves
 * the three things the suite-wide check rests on: a planted hit is found and
 * fails the run, servers that captured nothing fail it too, and a server
 * started through the helpers really gets the canary in its credential
 * variables and really has its outputs captured.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import setup from '../canary/global-setup.js';
import { judgeScan, scanCaptures } from '../canary/scan-captures.js';
import { canary } from '../helpers/canary.js';
import { assertBuilt, REPO_ROOT, startStdioSession } from '../helpers/mcp-session.js';
import {
  echoHeaders,
  type RecordingUpstream,
  startRecordingUpstream,
} from '../helpers/recording-upstream.js';

const SPEC = join(REPO_ROOT, 'test/fixtures/e2e/petstore.yaml');

describe('the canary scan', () => {
  let dir: string;
  const secret = 'sk-canary-0123456789abcdef0123456789abcdef';

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'canary-self-test-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds a planted hit, names the file and line, and masks the secret in its report', () => {
    writeFileSync(join(dir, 'clean-1-1.log'), 'serving 3 tools\n{"content":[{"type":"text","text":"ok"}]}\n');
    writeFileSync(join(dir, 'leaky-1-2.log'), `line one\nupstream said: key=${secret} (oops)\n`);
    const scan = scanCaptures(dir, secret);
    expect(scan.files).toBe(2);
    expect(scan.hits).toEqual(['leaky-1-2.log:2: upstream said: key=<CANARY> (oops)']);
    const failure = judgeScan(scan);
    expect(failure).toContain('leaked into 1 output line');
    expect(failure).not.toContain(secret);
  });

  it('fails a run whose servers captured nothing at all', () => {
    const empty = mkdtempSync(join(tmpdir(), 'canary-self-test-'));
    try {
      writeFileSync(join(empty, 'stdio-1-1.log'), '');
      expect(judgeScan(scanCaptures(empty, secret))).toMatch(/no output was captured/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('fails the run from the teardown: throws and sets the exit code', () => {
    const provided = new Map<string, string>();
    const project = { name: 'self-test', provide: (key: string, value: string) => provided.set(key, value) };
    const teardown = setup(project as unknown as Parameters<typeof setup>[0]);
    const planted = provided.get('canary')!;
    writeFileSync(join(provided.get('canaryDir')!, 'plant-1-1.log'), `result: ${planted}\n`);
    const before = process.exitCode;
    try {
      expect(teardown).toThrow(/canary \(self-test\): the canary secret leaked into 1 output line/);
      expect(process.exitCode).toBe(1);
    } finally {
      process.exitCode = before;
      rmSync(provided.get('canaryDir')!, { recursive: true, force: true });
    }
  });

  it('passes clean output', () => {
    rmSync(join(dir, 'leaky-1-2.log'));
    expect(judgeScan(scanCaptures(dir, secret))).toBeUndefined();
  });
});

describe('a server started through the helpers', () => {
  let upstream: RecordingUpstream;

  beforeAll(async () => {
    assertBuilt();
    // A careless upstream: its error body echoes the request headers, the API key among them.
    upstream = await startRecordingUpstream({ 'GET /v1/pets/*': echoHeaders(500) });
  });
  afterAll(async () => {
    await upstream?.close();
  });

  it('gets the canary in its credential variable and has its result and log captured, redacted', async () => {
    const secret = canary();
    expect(secret).toMatch(/^sk-canary-[0-9a-f]{32}$/);
    // No env given: the helper fills every credential variable of the spec with the canary.
    const session = await startStdioSession('v2-auto', {
      serveArgs: [SPEC, '--base-url', `${upstream.url}/v1`],
    });
    let text = '';
    try {
      const result = await session.callTool('getPet', { petId: 7 });
      text = JSON.stringify(result);
      expect(result.isError).toBe(true);
    } finally {
      await session.close();
    }
    expect(upstream.requests[0]?.headers['x-api-key']).toBe(secret);
    expect(text).toContain('[REDACTED]');

    const scan = scanCaptures(inject('canaryDir'), secret);
    expect(scan.files).toBeGreaterThan(0);
    expect(scan.bytes).toBeGreaterThan(text.length);
    expect(scan.hits).toEqual([]);
    // This very result is among the captured outputs.
    const captured = scanCaptures(inject('canaryDir'), text);
    expect(captured.hits.length).toBeGreaterThan(0);
  });
});
