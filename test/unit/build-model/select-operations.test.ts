import { describe, expect, it } from 'vitest';
import { buildApiModel } from '../../../src/build-model/build-api-model.js';
import type { OperationSelection } from '../../../src/build-model/select-operations.js';
import { DiagnosticCode } from '../../../src/diagnostics.js';
import { OptionsError } from '../../../src/errors.js';
import { makeDoc } from './helpers.js';

const ok = { responses: { '200': { description: 'ok' } } };

/** Six operations over two tags, with a clash that forces a hashed name. */
const doc = makeDoc({
  '/pets': {
    get: { operationId: 'listPets', tags: ['pets'], ...ok },
    post: { operationId: 'createPet', tags: ['pets'], ...ok },
  },
  '/pets/{petId}': {
    get: { operationId: 'getPet', tags: ['Pets'], ...ok },
    delete: { operationId: 'deletePet', tags: ['pets', 'admin'], ...ok },
  },
  '/store/orders': {
    // A POST that only reads, and says so.
    post: {
      operationId: 'searchOrders',
      tags: ['store'],
      'x-mcp': { annotations: { readOnlyHint: true } },
      ...ok,
    },
    // Same cleaned name as listPets: gets a hash suffix, whatever is selected.
    get: { operationId: 'ListPets', tags: ['store'], ...ok },
  },
});

function select(selection: OperationSelection) {
  const { model, diagnostics, deselected } = buildApiModel(doc, { selection });
  return { names: model.operations.map((o) => o.toolName), diagnostics, deselected };
}

describe('selectOperations (through buildApiModel)', () => {
  const all = buildApiModel(doc).model.operations.map((o) => o.toolName);

  it.each<[string, OperationSelection, string[]]>([
    ['no selection keeps all', {}, all],
    ['tag, any case', { tag: ['PETS'] }, ['listPets', 'createPet', 'getPet', 'deletePet']],
    ['values of one kind OR', { tag: ['admin', 'store'] }, ['deletePet', 'searchOrders', all[5]!]],
    ['kinds AND', { tag: ['pets'], method: ['get'] }, ['listPets', 'getPet']],
    [
      'exclude wins over include',
      { tag: ['pets'], excludeOperation: ['deletePet'] },
      ['listPets', 'createPet', 'getPet'],
    ],
    ['operationId glob', { operation: ['*Pet'] }, ['createPet', 'getPet', 'deletePet']],
    ['tool name matches too', { operation: [all[5]!] }, [all[5]!]],
    ['path glob', { path: ['/pets/**'] }, ['listPets', 'createPet', 'getPet', 'deletePet']],
    ['path glob with a template', { path: ['/pets/{petId}'] }, ['getPet', 'deletePet']],
    ['exclude path', { excludePath: ['/pets/*'] }, ['listPets', 'createPet', 'searchOrders', all[5]!]],
    ['exclude method', { excludeMethod: ['delete', 'post'] }, ['listPets', 'getPet', all[5]!]],
    [
      'read-only follows readOnlyHint (method or x-mcp)',
      { readOnly: true },
      ['listPets', 'getPet', 'searchOrders', all[5]!],
    ],
    ['read-only ANDs with the rest', { readOnly: true, tag: ['store'] }, ['searchOrders', all[5]!]],
    ['exclude-tag', { excludeTag: ['pets'] }, ['searchOrders', all[5]!]],
  ])('%s', (_label, selection, expected) => {
    expect(select(selection).names).toEqual(expected);
  });

  it('never renames a tool: names are decided over the whole spec', () => {
    expect(all[5]).toMatch(/^ListPets_[0-9a-z]+$/);
    expect(select({ tag: ['store'] }).names).toEqual(['searchOrders', all[5]]);
  });

  it('counts what it left out in one info line, and warns for each value matching nothing', () => {
    const { diagnostics, deselected } = select({ tag: ['pets', 'nope'], excludeOperation: ['zz*'] });
    expect(deselected).toBe(2);
    expect(diagnostics.filter((d) => d.code === DiagnosticCode.OPERATIONS_DESELECTED)).toEqual([
      expect.objectContaining({
        severity: 'info',
        message: expect.stringMatching(/^2 of 6 operation\(s\) left out/),
      }),
    ]);
    const unmatched = diagnostics.filter((d) => d.code === DiagnosticCode.SELECTION_UNMATCHED);
    expect(unmatched.map((d) => [d.severity, d.message])).toEqual([
      ['warning', `--tag "nope" matches none of the spec's 6 operation(s).`],
      ['warning', `--exclude-operation "zz*" matches none of the spec's 6 operation(s).`],
    ]);
  });

  it('adds no selection diagnostic without a selection', () => {
    const { diagnostics, deselected } = select({ tag: [], readOnly: false });
    expect(deselected).toBe(0);
    expect(diagnostics.map((d) => d.code)).not.toContain(DiagnosticCode.OPERATIONS_DESELECTED);
  });

  it('refuses a selection that leaves no tool, naming the flags and the value that matched nothing', () => {
    const run = () => select({ tag: ['pets'], method: ['patch'] });
    expect(run).toThrow(OptionsError);
    expect(run).toThrow(/--tag pets, --method patch\) leaves no tool .* \(--method patch matches nothing\)/);
    expect(() => select({ excludeMethod: ['get', 'post', 'delete'] })).toThrow(OptionsError);
  });

  it('does not build what it leaves out (its diagnostics stay out too)', () => {
    const broken = makeDoc({
      '/a': { get: { operationId: 'a', tags: ['x'], ...ok } },
      '/b': {
        get: {
          operationId: 'b',
          parameters: [{ name: 'q', in: 'query', schema: { $ref: '#/nowhere' } }],
          ...ok,
        },
      },
    });
    const picked = buildApiModel(broken, { selection: { tag: ['x'] } });
    expect(picked.model.operations.map((o) => o.toolName)).toEqual(['a']);
    expect(picked.diagnostics.map((d) => d.code)).not.toContain(DiagnosticCode.SCHEMA_REF_UNRESOLVED);
    expect(buildApiModel(broken).diagnostics.map((d) => d.code)).toContain(
      DiagnosticCode.SCHEMA_REF_UNRESOLVED,
    );
  });
});
