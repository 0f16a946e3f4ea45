/** The library functions take the selection and overlay options as the commands do. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, describe, expect, it } from 'vitest';
import { generate, inspect, loadModel, OptionsError, serveSpec } from '../../../src/index.js';
import { makeTempDir } from '../../helpers/generated-project.js';

const REPO = join(import.meta.dirname, '../../..');
const OVERLAY = 'test/fixtures/overlay/rename-and-exclude.yaml';
const temp = makeTempDir('selection-lib');
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('selection through the library', () => {
  it('loadModel holds only the selected operations, overlays applied first', async () => {
    const { model, deselected } = await loadModel('specs/petstore.yaml', {
      cwd: REPO,
      validate: false,
      overlay: OVERLAY,
      excludeMethod: 'post',
    });
    expect(model.operations.map((o) => o.toolName)).toEqual(['find_pets', 'getPet', 'getInventory']);
    // deletePet is excluded by the overlay's x-mcp (a skip), not by the selection.
    expect(deselected).toBe(2);
  });

  it('inspect reports the count', async () => {
    const { report } = await inspect('specs/petstore.yaml', { cwd: REPO, tag: ['store'] });
    expect(report.tools.map((t) => t.name)).toEqual(['placeOrder', 'getInventory']);
    expect(report.deselected).toBe(4);
  });

  it('generate bakes the selection into the model it writes', async () => {
    const result = await generate('specs/petstore.yaml', {
      cwd: REPO,
      out: join(temp, 'gen'),
      operation: ['getPet', 'list*'],
    });
    expect(result.model.operations.map((o) => o.toolName)).toEqual(['listPets', 'getPet']);
  });

  it('serveSpec serves only the selection to a v2 client over Streamable HTTP', async () => {
    const served = await serveSpec('specs/petstore.yaml', {
      cwd: REPO,
      transport: 'http',
      port: 0,
      env: {},
      path: '/pets/**',
      readOnly: true,
    });
    const client = new Client({ name: 'selection-test', version: '0.0.0' });
    try {
      await client.connect(new StreamableHTTPClientTransport(new URL(served.server.url as string)));
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual(['listPets', 'getPet']);
    } finally {
      await client.close();
      await served.server.close();
    }
  });

  it('refuses a bad value before the spec is read', async () => {
    await expect(serveSpec('no-such-spec.yaml', { cwd: REPO, method: 'grab' })).rejects.toThrow(OptionsError);
    await expect(generate('no-such-spec.yaml', { cwd: REPO, tag: '' })).rejects.toThrow(OptionsError);
  });
});
