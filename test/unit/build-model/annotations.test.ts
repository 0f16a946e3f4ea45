import { describe, expect, it } from 'vitest';
import { buildAnnotations } from '../../../src/build-model/annotations.js';
import type { HttpMethod } from '../../../src/model/types.js';
import { buildOne } from './helpers.js';

describe('buildAnnotations', () => {
  it.each<[HttpMethod, boolean, boolean, boolean]>([
    // method, readOnly, destructive, idempotent
    ['get', true, false, true],
    ['head', true, false, true],
    ['options', true, false, true],
    ['trace', true, false, true],
    ['delete', false, true, true],
    ['put', false, true, true],
    ['post', false, true, false],
    ['patch', false, true, false],
  ])('%s', (method, readOnlyHint, destructiveHint, idempotentHint) => {
    expect(buildAnnotations(method, undefined)).toEqual({
      readOnlyHint,
      destructiveHint,
      idempotentHint,
      openWorldHint: true,
    });
  });

  it('title from the summary', () => {
    const { op } = buildOne({ summary: 'List pets', responses: {} });
    expect(op.annotations.title).toBe('List pets');
    expect(op.title).toBe('List pets');
  });

  it('x-mcp overrides annotations, description; exclude skips with an info diagnostic', () => {
    const { op } = buildOne(
      {
        summary: 'Create',
        'x-mcp': {
          description: 'Custom text',
          annotations: { destructiveHint: false, idempotentHint: 'yes', title: 'Make one' },
        },
        responses: {},
      },
      { method: 'post' },
    );
    expect(op.annotations).toEqual({
      title: 'Make one',
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
      openWorldHint: true,
    });
    expect(op.description).toBe('Create\n\nCustom text');
    expect(() => buildOne({ 'x-mcp': { exclude: true }, responses: {} })).toThrow(/OMCP_OPERATION_SKIPPED/);
  });
});
