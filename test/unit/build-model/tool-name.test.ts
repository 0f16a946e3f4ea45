import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildApiModel } from '../../../src/build-model/build-api-model.js';
import { buildToolNames, cleanToolName, shortHash } from '../../../src/build-model/tool-name.js';
import type { HttpMethod } from '../../../src/model/types.js';
import { makeDoc } from './helpers.js';

const NAME = /^[A-Za-z0-9_-]{1,64}$/;

function names(
  requests: Array<{ id?: string; preferred?: string; method?: HttpMethod; path?: string }>,
  max = 64,
) {
  return buildToolNames(
    requests.map((r) => ({
      id: r.id ?? r.preferred ?? `${(r.method ?? 'get').toUpperCase()} ${r.path ?? '/x'}`,
      method: r.method ?? 'get',
      pathTemplate: r.path ?? '/x',
      preferred: r.preferred,
    })),
    max,
  );
}

describe('buildToolNames', () => {
  it.each([
    ['operationId kept', { preferred: 'listPets' }, 'listPets'],
    [
      'no operationId: method + path words',
      { method: 'get' as const, path: '/pets/{petId}' },
      'get_pets_petId',
    ],
    ['root path', { method: 'post' as const, path: '/' }, 'post'],
    ['spaces and punctuation', { preferred: "List a Tag's Values" }, 'List_a_Tag_s_Values'],
    ['dots and slashes', { preferred: 'pets.get/one' }, 'pets_get_one'],
    ['leading/trailing junk trimmed', { preferred: '  __get pets!! ' }, 'get_pets'],
    [
      'only junk falls back',
      { preferred: '###', method: 'delete' as const, path: '/users/{id}' },
      'delete_users_id',
    ],
    ['accents transliterated', { preferred: 'créerÉlément' }, 'creerElement'],
  ])('%s', (_, request, expected) => {
    expect(names([request])[0]!.name).toBe(expected);
  });

  it('Japanese operationId → method_path + hash of the id', () => {
    const [result] = names([{ preferred: 'ペットを取得', method: 'get', path: '/pets' }]);
    expect(result!.name).toBe(`get_pets_${shortHash('ペットを取得')}`);
    expect(result!.renamedBecause).toBeDefined();
  });

  it('two Japanese ids on one path stay distinct', () => {
    const out = names([
      { preferred: 'ペットを取得', path: '/pets' },
      { preferred: 'ペット一覧', path: '/pets' },
    ]);
    expect(out[0]!.name).not.toBe(out[1]!.name);
  });

  it.each([
    ['get-pet', 'get_pet'],
    ['getPet', 'GetPet'],
    ['a b', 'a_b'],
  ])('clash %s vs %s: first keeps, later gets a hash suffix', (a, b) => {
    const out = names([{ preferred: a }, { preferred: b }]);
    expect(out[0]!.name).toBe(cleanToolName(a));
    expect(out[1]!.name).toBe(`${cleanToolName(b)}_${shortHash(b)}`);
    expect(out[1]!.renamedBecause).toMatch(/another tool/);
  });

  it('caps at the max length with a hash, readable head kept', () => {
    const long = `get${'VeryLongName'.repeat(10)}`;
    const [result] = names([{ preferred: long }]);
    expect(result!.name).toHaveLength(64);
    expect(result!.name.startsWith('getVeryLongName')).toBe(true);
    expect(result!.name.endsWith(`_${shortHash(long)}`)).toBe(true);
  });

  it('honours a smaller max length', () => {
    const [result] = names([{ preferred: 'abcdefghijklmnopqrstuvwxyz' }], 16);
    expect(result!.name.length).toBeLessThanOrEqual(16);
    expect(result!.name).toMatch(/^abcdefghi_[0-9a-f]{6}$/);
  });

  it('same ids in → same names out; all unique and valid (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.string({ maxLength: 100 }), { nil: undefined }), { maxLength: 30 }),
        (ids) => {
          const requests = ids.map((id, i) => ({
            preferred: id,
            id: id ?? `GET /p${i}`,
            path: `/p${i % 3}`,
          }));
          const a = names(requests).map((r) => r.name);
          const b = names(requests).map((r) => r.name);
          expect(a).toEqual(b);
          for (const n of a) expect(n).toMatch(NAME);
          expect(new Set(a.map((n) => n.toLowerCase().replace(/-/g, '_'))).size).toBe(a.length);
        },
      ),
    );
  });
});

describe('tool names through buildApiModel', () => {
  it('x-mcp.name overrides, is cleaned and de-duplicated, with diagnostics', () => {
    const doc = makeDoc({
      '/a': { get: { operationId: 'same', responses: {} } },
      '/b': { get: { operationId: 'other', 'x-mcp': { name: 'same' }, responses: {} } },
      '/c': { get: { operationId: 'x', 'x-mcp': { name: 'nice name!' }, responses: {} } },
    });
    const { model, diagnostics } = buildApiModel(doc);
    expect(model.operations.map((o) => o.toolName)).toEqual([
      'same',
      `same_${shortHash('other')}`,
      'nice_name',
    ]);
    expect(diagnostics.filter((d) => d.code === 'OMCP_TOOL_RENAMED').map((d) => d.pointer)).toEqual([
      '/paths/~1b/get',
      '/paths/~1c/get',
    ]);
  });

  it('rejects an invalid maxToolNameLength', () => {
    expect(() => buildApiModel(makeDoc({}), { maxToolNameLength: 3 })).toThrow(/maxToolNameLength/);
  });
});
