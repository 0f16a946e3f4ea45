import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../../src/runtime/parse-retry-after.js';

const NOW = Date.parse('2026-12-01T12:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['1', 1_000],
    [' 120 ', 120_000],
    ['0', 0],
    ['3600', 3_600_000],
  ])('delay-seconds %j → %d ms', (value, ms) => {
    expect(parseRetryAfter(value, NOW)).toBe(ms);
  });

  it.each([
    ['Tue, 01 Dec 2026 12:00:30 GMT', 30_000],
    ['Tuesday, 01-Dec-26 12:01:00 GMT', 60_000],
    ['Tue Dec  1 12:00:05 2026', 5_000],
    // A date already past: go ahead now.
    ['Tue, 01 Dec 2026 11:00:00 GMT', 0],
  ])('HTTP date %j → %d ms from now', (value, ms) => {
    expect(parseRetryAfter(value, NOW)).toBe(ms);
  });

  it.each([undefined, '', '-1', '1.5', 'soon', '2026-12-01T12:00:30Z', 'Tue, 99 Foo 2026', '99999999999'])(
    'malformed %j → undefined (the caller backs off on its own)',
    (value) => {
      expect(parseRetryAfter(value, NOW)).toBeUndefined();
    },
  );
});
