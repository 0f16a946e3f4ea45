import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspect, OptionsError, SpecLoadError } from '../../../src/index.js';

const REPO = join(import.meta.dirname, '../../..');

describe('inspect() as a library function', () => {
  it('reports the tools, the variables (set or not, never their values) and the diagnostics', async () => {
    const { report, model } = await inspect('specs/petstore.yaml', {
      cwd: REPO,
      env: { OPENAPI_MCP_STORE_KEY: 'secret-value' },
    });
    expect(report.tools.map((t) => t.name)).toEqual(model.operations.map((op) => op.toolName));
    const getPet = report.tools.find((t) => t.name === 'getPet');
    expect(getPet).toMatchObject({ method: 'GET', path: '/pets/{petId}' });
    const key = report.env.find((v) => v.name === 'OPENAPI_MCP_STORE_KEY');
    expect(key).toMatchObject({ set: true });
    expect(JSON.stringify(report)).not.toContain('secret-value');
    expect(report.diagnostics).toEqual(expect.any(Array));
  });

  it('includes the schema check (inspect is where a user asks about the spec)', async () => {
    const { report } = await inspect(join(REPO, 'test/fixtures/spec/schema-violations.yaml'), { cwd: REPO });
    expect(report.diagnostics.map((d) => d.code)).toContain('OMCP_SPEC_SCHEMA_VIOLATION');
    expect(report.tools.map((t) => t.name)).toEqual(['listThings', 'getThing']);
  });

  it('refuses a bad option before reading the spec, and an unreadable spec with its code', async () => {
    await expect(inspect('does-not-exist.yaml', { cwd: REPO, envPrefix: 'lower' })).rejects.toBeInstanceOf(
      OptionsError,
    );
    await expect(inspect('does-not-exist.yaml', { cwd: REPO })).rejects.toMatchObject({
      constructor: SpecLoadError,
      code: 'OMCP_SPEC_READ',
    });
  });
});
