import { describe, expect, it } from 'vitest';
import { buildToolDescription, MAX_TOOL_DESCRIPTION_LENGTH } from '../../../src/build-model/description.js';
import { sanitizeText } from '../../../src/build-model/sanitize-text.js';

const base = { deprecated: false, method: 'get' as const, pathTemplate: '/pets/{id}' };

describe('buildToolDescription', () => {
  it.each<[string, Partial<Parameters<typeof buildToolDescription>[0]>, string]>([
    [
      'summary + description',
      { summary: 'Get a pet', description: 'Returns one pet.' },
      'Get a pet\n\nReturns one pet.',
    ],
    ['equal texts deduplicated', { summary: 'Same', description: ' Same ' }, 'Same'],
    [
      'description repeating the summary',
      { summary: 'Get', description: 'Get a pet by id.' },
      'Get a pet by id.',
    ],
    ['summary only', { summary: 'Only' }, 'Only'],
    ['empty → METHOD /path', { summary: '  ', description: '' }, 'GET /pets/{id}'],
    ['deprecated prefix', { summary: 'Old', deprecated: true }, 'Deprecated. Old'],
    [
      'zero-width, bidi, BOM and controls removed',
      { summary: 'a\u200Bb\u202Ec\u2066d\uFEFFe\u0007f\u001b[31mg' },
      'abcdef[31mg',
    ],
    ['CRLF normalised, blank runs collapsed', { description: 'a\r\n\r\n\r\n\r\nb        c' }, 'a\n\nb c'],
    [
      'HTML description → Markdown',
      {
        summary: 'List accounts',
        description: '<p>Lists accounts via <a href="/docs/connect">Connect</a>.</p>',
      },
      'List accounts\n\nLists accounts via Connect.',
    ],
    [
      'HTML repeating the summary is still deduplicated',
      { summary: 'Retrieve a charge', description: '<p>Retrieve a charge by its <code>id</code>.</p>' },
      'Retrieve a charge by its `id`.',
    ],
    [
      'the sanitizer runs after conversion: decoded invisible characters go too',
      { description: '<p>a&#8203;b&#x202E;c</p>' },
      'abc',
    ],
  ])('%s', (_, input, expected) => {
    expect(buildToolDescription({ ...base, ...input })).toBe(expected);
  });

  it('caps at 4,096 characters with an ellipsis (compact tool lists cut it again at 1,024)', () => {
    const text = buildToolDescription({ ...base, description: `${' '.repeat(50_000)}${'x'.repeat(5000)}` });
    expect(text).toHaveLength(MAX_TOOL_DESCRIPTION_LENGTH);
    expect(text.endsWith('…')).toBe(true);
  });
});

describe('sanitizeText', () => {
  it('never splits a surrogate pair when cutting', () => {
    const out = sanitizeText(`${'a'.repeat(8)}😀😀`, 10);
    expect(out).toBe(`${'a'.repeat(8)}…`);
  });
});
