import { describe, expect, it } from 'vitest';
import { OptionsError } from '../../../src/errors.js';
import { resolveSelectionOptions } from '../../../src/options/selection-options.js';
import { resolveSpecOptions } from '../../../src/options/spec-options.js';

describe('resolveSelectionOptions', () => {
  it('gives every list, one value or many, and --read-only off by default', () => {
    expect(
      resolveSelectionOptions({ tag: 'pets', method: ['GET', 'head'], overlay: ['a.yaml', 'b.yaml'] }),
    ).toEqual({
      tag: ['pets'],
      excludeTag: [],
      operation: [],
      excludeOperation: [],
      path: [],
      excludePath: [],
      method: ['get', 'head'],
      excludeMethod: [],
      readOnly: false,
      overlay: ['a.yaml', 'b.yaml'],
    });
  });

  it('is idempotent, so loadModel can resolve resolved options again', () => {
    const once = resolveSpecOptions({ excludeTag: ['x'], readOnly: true, overlay: 'o.yaml' }, true);
    expect(resolveSpecOptions(once, true)).toEqual(once);
  });

  it.each<[Record<string, unknown>, string]>([
    [{ method: 'fetch' }, '--method'],
    [{ excludeMethod: ['get', 'GRAB'] }, '--exclude-method'],
    [{ tag: '' }, '--tag'],
    [{ excludePath: ['  '] }, '--exclude-path'],
    [{ overlay: [''] }, '--overlay'],
    [{ readOnly: 'yes' }, '--read-only'],
  ])('refuses %j naming %s', (user, flag) => {
    try {
      resolveSelectionOptions(user);
      expect.unreachable('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(OptionsError);
      expect(error).toMatchObject({ code: 'OMCP_OPTIONS_INVALID', option: flag });
      expect((error as Error).message).toContain(flag);
    }
  });
});
