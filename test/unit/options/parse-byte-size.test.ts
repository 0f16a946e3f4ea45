import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/errors.js';
import { parseByteSize } from '../../../src/options/parse-byte-size.js';
import { DEFAULT_MAX_SPEC_BYTES, resolveSpecOptions } from '../../../src/options/spec-options.js';

describe('parseByteSize', () => {
  it.each([
    [1234, 1234],
    ['1234', 1234],
    ['100MB', 100_000_000],
    ['100 mb', 100_000_000],
    ['256MiB', 268_435_456],
    ['1.5GB', 1_500_000_000],
    ['2KiB', 2048],
    ['10kB', 10_000],
  ] as const)('%s is %d bytes', (value, bytes) => {
    expect(parseByteSize(value, '--max-spec-size')).toBe(bytes);
  });

  it.each(['', '0', '-5', 'big', '10 TB', '1e9', 'MB'])('refuses %j naming the flag', (value) => {
    expect(() => parseByteSize(value, '--max-spec-size')).toThrow(
      expect.objectContaining({
        code: ErrorCode.OPTIONS_INVALID,
        message: expect.stringMatching(/^--max-spec-size must be a positive size/),
      }),
    );
  });
});

describe('resolveSpecOptions: maxSpecBytes', () => {
  it('defaults to 256 MiB, which admits GitHub’s 70 MB dereferenced description', () => {
    expect(resolveSpecOptions({}, true).maxSpecBytes).toBe(DEFAULT_MAX_SPEC_BYTES);
    expect(DEFAULT_MAX_SPEC_BYTES).toBeGreaterThan(70_000_000);
  });

  it('resolves a size with a unit, and is idempotent on its own result', () => {
    const once = resolveSpecOptions({ maxSpecBytes: '1GB' }, true);
    expect(once.maxSpecBytes).toBe(1e9);
    expect(resolveSpecOptions(once, true).maxSpecBytes).toBe(1e9);
  });
});
