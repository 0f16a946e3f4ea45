import { describe, expect, it } from 'vitest';
import { OptionsError } from '../../../src/errors.js';
import { resolveModelCacheDir } from '../../../src/options/model-cache-dir.js';

describe('resolveModelCacheDir', () => {
  it.each<[string, Parameters<typeof resolveModelCacheDir>[0], Record<string, string>, string | undefined]>([
    [
      'XDG_CACHE_HOME first',
      {},
      { XDG_CACHE_HOME: '/x/cache', HOME: '/home/u' },
      '/x/cache/openapi-mcp/models',
    ],
    ['else ~/.cache', {}, { HOME: '/home/u' }, '/home/u/.cache/openapi-mcp/models'],
    [
      'a relative XDG_CACHE_HOME is ignored',
      {},
      { XDG_CACHE_HOME: 'rel', HOME: '/home/u' },
      '/home/u/.cache/openapi-mcp/models',
    ],
    ['no home in the environment: no cache', {}, {}, undefined],
    ['--cache-dir wins, relative to cwd', { cacheDir: 'c' }, { XDG_CACHE_HOME: '/x' }, '/work/c'],
    ['--no-cache wins over all', { cache: false, cacheDir: '/c' }, { HOME: '/home/u' }, undefined],
  ])('%s', (_case, user, env, expected) => {
    expect(resolveModelCacheDir(user, env, '/work')).toBe(expected);
  });

  it('refuses an empty --cache-dir naming the flag', () => {
    expect(() => resolveModelCacheDir({ cacheDir: ' ' }, {}, '/work')).toThrow(OptionsError);
    expect(() => resolveModelCacheDir({ cacheDir: '' }, {}, '/work')).toThrow('--cache-dir');
  });
});
