/** `serveSpec()` as a library user calls it: a real v2 client over Streamable HTTP, a real upstream on 127.0.0.1. */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OptionsError, type ServeSpecResult, serveSpec } from '../../../src/index.js';
import { json, type RecordingUpstream, startRecordingUpstream } from '../../helpers/recording-upstream.js';

const REPO = join(import.meta.dirname, '../../..');
let upstream: RecordingUpstream;
let served: ServeSpecResult;
let client: Client;

beforeAll(async () => {
  upstream = await startRecordingUpstream({ 'GET /v1/pets/*': json(200, { id: 7, name: 'Rex' }) });
  served = await serveSpec('specs/petstore.yaml', {
    cwd: REPO,
    transport: 'http',
    port: 0,
    baseUrl: `${upstream.url}/v1`,
    env: {},
  });
  client = new Client({ name: 'serve-spec-test', version: '0.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(served.server.url as string)));
});
afterAll(async () => {
  await client?.close();
  await served?.server.close();
  await upstream?.close();
});

describe('serveSpec()', () => {
  it('serves the spec as serve does: the same tools, calls reaching the upstream', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(served.model.operations.map((op) => op.toolName));
    const result = await client.callTool({ name: 'getPet', arguments: { petId: 7 } });
    expect(result.isError).toBeFalsy();
    expect(upstream.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /v1/pets/7']);
  });

  it('skips the schema check (start-up time) unless asked for', async () => {
    const spec = join(REPO, 'test/fixtures/spec/schema-violations.yaml');
    const codes: string[][] = [];
    for (const validate of [undefined, true]) {
      const { server, diagnostics } = await serveSpec(spec, {
        cwd: REPO,
        transport: 'http',
        port: 0,
        env: {},
        ...(validate !== undefined && { validate }),
      });
      await server.close();
      codes.push(diagnostics.map((d) => d.code).filter((code) => code === 'OMCP_SPEC_SCHEMA_VIOLATION'));
    }
    expect(codes[0]).toEqual([]);
    expect(codes[1]).toHaveLength(3);
  });

  it('refuses a bad option before reading the spec', async () => {
    await expect(
      serveSpec('does-not-exist.yaml', { cwd: REPO, port: 'abc', env: {} }),
    ).rejects.toBeInstanceOf(OptionsError);
  });

  it('with cacheDir writes one model cache entry, and the next start serves an equal model', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'openapi-mcp-serve-spec-cache-'));
    try {
      const cacheDir = join(temp, 'models');
      const models = [];
      for (let i = 0; i < 2; i++) {
        const { server, model } = await serveSpec('specs/petstore.yaml', {
          cwd: REPO,
          transport: 'http',
          port: 0,
          env: {},
          cacheDir,
        });
        await server.close();
        models.push(model);
        expect(readdirSync(cacheDir)).toHaveLength(1);
      }
      expect(models[1]).toEqual(models[0]);
      expect(models[1]).not.toBe(models[0]);
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
  });
});
