import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/errors.js';
import { createToolCaller } from '../../../src/runtime/create-tool-caller.js';
import { ExtensionsError } from '../../../src/runtime/extensions-error.js';
import { resolveExtensions } from '../../../src/runtime/resolve-extensions.js';
import type { CustomTool } from '../../../src/runtime/server-extensions.js';
import { apiModel, operation } from '../../helpers/model-factory.js';

const operations = [operation({ toolName: 'getPet' }), operation({ toolName: 'listPets' })];
const custom = (partial: Partial<CustomTool> = {}): CustomTool => ({
  name: 'mine',
  description: 'Mine.',
  inputSchema: { type: 'object' },
  handler: () => ({ content: [] }),
  ...partial,
});

describe('resolveExtensions', () => {
  it('publishes every tool under its own name when there are no extensions', () => {
    const resolved = resolveExtensions(operations, undefined);
    expect([...resolved.published]).toEqual([
      ['getPet', { name: 'getPet' }],
      ['listPets', { name: 'listPets' }],
    ]);
    expect(resolved.customTools).toEqual([]);
  });

  it('allows a swap of names, and a custom tool in place of a hidden one', () => {
    const resolved = resolveExtensions(operations, {
      tools: { getPet: { name: 'listPets' }, listPets: { name: 'getPet', title: 'All pets' } },
    });
    expect(resolved.published.get('getPet')).toEqual({ name: 'listPets' });
    expect(resolved.published.get('listPets')).toEqual({ name: 'getPet', title: 'All pets' });
    const replaced = resolveExtensions(operations, {
      tools: { getPet: { hidden: true } },
      customTools: [custom({ name: 'getPet' })],
    });
    expect(replaced.published.has('getPet')).toBe(false);
  });

  it.each([
    ['not an object', [], 'extensions: must be an object, got an array'],
    ['an unknown top-level field', { tool: {} }, 'extensions.tool: unknown field'],
    ['a hook that is not a function', { onRequest: 'x' }, 'extensions.onRequest: must be a function'],
    [
      'an unknown tool',
      { tools: { getPett: {} } },
      'extensions.tools.getPett: no generated tool has this name',
    ],
    [
      'a rename onto a kept tool',
      { tools: { listPets: { name: 'getPet' } } },
      'extensions.tools.listPets.name',
    ],
    [
      'hidden: "yes"',
      { tools: { getPet: { hidden: 'yes' } } },
      'extensions.tools.getPet.hidden: must be true',
    ],
    ['a dotted name', { tools: { getPet: { name: 'pets.get' } } }, 'is not a valid tool name'],
    [
      'a custom tool named like a generated one',
      { customTools: [custom({ name: 'listPets' })] },
      'extensions.customTools[0].name: "listPets" is already the name of generated tool listPets',
    ],
    [
      'a custom tool named like a renamed one',
      { tools: { getPet: { name: 'find_pet' } }, customTools: [custom({ name: 'find_pet' })] },
      'already the name of generated tool getPet',
    ],
    ['two custom tools of one name', { customTools: [custom(), custom()] }, 'customTools[1].name'],
    [
      'a custom tool without a handler',
      { customTools: [custom({ handler: undefined as never })] },
      '.handler',
    ],
    [
      'a custom tool with an array schema',
      { customTools: [custom({ inputSchema: { type: 'array' } as never })] },
      "customTools[0].inputSchema: must be a JSON Schema object with type: 'object'",
    ],
    [
      'a custom tool with a typo',
      { customTools: [{ ...custom(), descripton: 'x' }] },
      'customTools[0].descripton: unknown field',
    ],
  ])('refuses %s', (_label, extensions, message) => {
    expect(() => resolveExtensions(operations, extensions as never)).toThrow(ExtensionsError);
    expect(() => resolveExtensions(operations, extensions as never)).toThrow(message);
  });

  it('has the catalogue code, and is reported like every start failure (exit 1, one line with the code)', async () => {
    const { toExitCode } = await import('../../../src/runtime/exit-code.js');
    const { formatError } = await import('../../../src/runtime/format-error.js');
    const error = new ExtensionsError('Server extensions: tools.nope: no such tool.');
    expect(error.code).toBe(ErrorCode.EXTENSIONS_INVALID);
    expect(toExitCode(error)).toBe(1);
    expect(formatError('petstore', error)).toEqual([
      'petstore: OMCP_EXTENSIONS_INVALID: Server extensions: tools.nope: no such tool.',
    ]);
  });
});

describe('createToolCaller with extensions', () => {
  it('fails at creation on a custom schema that does not compile', () => {
    const model = apiModel(operations);
    const options = { envPrefix: 'X', env: {}, timeoutMs: 1000, maxResponseBytes: 1000, log: () => {} };
    expect(() =>
      createToolCaller(model, options, {
        customTools: [custom({ inputSchema: { type: 'object', properties: { a: { type: 'nope' } } } })],
      }),
    ).toThrow('extensions.customTools[0].inputSchema: the schema does not compile');
  });
});
