import { describe, expect, it } from 'vitest';
import { isValidPattern, toUnicodePattern } from '../../../src/build-model/unicode-pattern.js';

describe('unicode-mode patterns', () => {
  it.each<[string, string | undefined]>([
    ['^[a-zA-Z0-9_\\-\\:]+$', '^[a-zA-Z0-9_\\-:]+$'],
    ['^\\@\\d+$', '^@\\d+$'],
    ['\\-\\_', '-_'],
    // valid already: nothing to repair
    ['^a+$', undefined],
    // still invalid without the needless escapes
    ['(?<!x', undefined],
  ])('%s → %s', (pattern, expected) => {
    expect(toUnicodePattern(pattern)).toBe(expected);
    if (expected !== undefined) expect(isValidPattern(expected)).toBe(true);
  });

  it('tells unicode-mode validity apart', () => {
    expect(isValidPattern('^[a-z]+$')).toBe(true);
    expect(isValidPattern('\\:')).toBe(false);
  });
});
