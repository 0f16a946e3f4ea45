import { describe, expect, it } from 'vitest';
import { matchGlob } from '../../../src/build-model/match-glob.js';

describe('matchGlob', () => {
  it.each([
    // pattern, value, matches
    ['listPets', 'listPets', true],
    ['listPets', 'listpets', false],
    ['*Pet*', 'getPetById', true],
    ['*Pet*', 'listOrders', false],
    ['repos/*', 'repos/get', true],
    ['repos/*', 'repos/list-for-org/extra', false],
    ['repos/**', 'repos/a/b', true],
    ['/repos/**', '/repos/{owner}/{repo}', true],
    ['/repos/**', '/repos', true],
    ['/repos/**', '/reposx', false],
    ['/repos/*', '/repos/{owner}', true],
    ['/repos/*', '/repos/{owner}/{repo}', false],
    ['/pets/{petId}', '/pets/{petId}', true],
    ['/pets/{petId}', '/pets/p', false],
    ['get?', 'getX', true],
    ['get?', 'get/', false],
    ['a.b', 'aXb', false],
    ['(x)+[y]', '(x)+[y]', true],
  ])('%s on %s → %s', (pattern, value, expected) => {
    expect(matchGlob(pattern)(value)).toBe(expected);
  });

  it('ignores case only when asked', () => {
    expect(matchGlob('*pet*', true)('getPetById')).toBe(true);
    expect(matchGlob('LISTPETS', true)('listPets')).toBe(true);
    expect(matchGlob('*pet*')('getPetById')).toBe(false);
  });
});
