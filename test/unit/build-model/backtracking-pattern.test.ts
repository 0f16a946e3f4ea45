import { describe, expect, it } from 'vitest';
import { isBacktrackingPattern } from '../../../src/build-model/backtracking-pattern.js';

describe('isBacktrackingPattern', () => {
  it.each([
    '^(a+)+$',
    '^(a|a)*$',
    '(\\w+\\s?)*$',
    '([a-z]+\\.){2,}',
    '^((ab)*)+$',
    '(?:a+)+',
    '((a+))*',
    '^(a+){2,9}$',
  ])('flags %j (a repeated group that holds a repetition or an alternation)', (pattern) => {
    expect(isBacktrackingPattern(pattern)).toBe(true);
  });

  it.each([
    '^[a-z]+$',
    '^\\d{3}-\\d{4}$',
    '^([0-9]{1,3}\\.){3}[0-9]{1,3}$',
    '^(\\+\\d+)?$',
    '(?:abc)+',
    '^[a-zA-Z0-9_\\-:]+$',
    '^\\p{L}+$',
    '[(]+',
    '\\(a+\\)+',
    '^(a){2,5}$',
    '(?<year>\\d{4})-(?<month>\\d\\d)',
  ])('passes %j', (pattern) => {
    expect(isBacktrackingPattern(pattern)).toBe(false);
  });
});
