import { describe, expect, it } from 'vitest';
import {
  toCommentText,
  toHtmlCommentText,
  toIdentifier,
  toJsLiteral,
  toLineText,
  toMarkdownText,
} from '../../../src/generate/template-helpers.js';

const HOSTILE = [
  `'`,
  `"`,
  '`',
  '\\',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text is the attack
  '${globalThis.__pwned=1}',
  '*/ globalThis.__pwned=1 /*',
  '\n globalThis.__pwned=1 //',
  '\r\n',
  '\u2028',
  '\u2029',
  '</script><script>alert(1)</script>',
  '{{constructor.constructor}}',
  '"""',
  `'); process.exit(1); ('`,
  '__proto__',
  '../../etc/passwd',
  '$(touch pwned); rm -rf /',
  'x", "scripts": {"postinstall": "touch pwned"}, "y": "',
  '\u0000\u001b[31m',
  'trailing\\',
];

describe('toJsLiteral (json helper)', () => {
  it.each(HOSTILE.map((value) => [JSON.stringify(value), value]))(
    '%s round-trips as one literal',
    (_, value) => {
      const literal = toJsLiteral(value);
      expect(JSON.parse(literal)).toBe(value);
      expect(literal.startsWith('"') && literal.endsWith('"')).toBe(true);
      expect(literal).not.toMatch(/[\u2028\u2029\n\r]/);
      expect(literal).not.toContain('</');
    },
  );

  it('encodes nested values and numbers', () => {
    const value = { a: ['</b>', 1, true, null], '\u2028': 'x' };
    expect(JSON.parse(toJsLiteral(value))).toEqual(value);
    expect(toJsLiteral(42)).toBe('42');
  });

  it('refuses values JSON cannot hold', () => {
    expect(() => toJsLiteral(undefined)).toThrow(TypeError);
  });
});

describe('toCommentText (comment helper)', () => {
  it.each(HOSTILE.map((value) => [JSON.stringify(value), value]))('%s cannot end a comment', (_, value) => {
    const text = toCommentText(value);
    expect(text).not.toContain('*/');
    expect(text).not.toMatch(/[\n\r\u2028\u2029\u0085]/);
  });

  it('keeps ordinary text', () => {
    expect(toCommentText('Petstore 1.0.0')).toBe('Petstore 1.0.0');
    expect(toCommentText('a */ b\nc')).toBe('a * / b c');
  });
});

describe('toLineText (line helper)', () => {
  it('makes one line without controls or a trailing continuation', () => {
    expect(toLineText('a\nb\r\nc\u2028d\u0085e')).toBe('a b c d e');
    expect(toLineText('x\u0000\u001by')).toBe('xy');
    expect(toLineText('RUN rm -rf / \\')).toBe('RUN rm -rf / ');
  });
});

describe('toMarkdownText (md helper)', () => {
  it.each([
    ['a | b', 'a \\| b'],
    ['line\nbreak', 'line break'],
    ['<script>', '\\<script\\>'],
    ['[x](javascript:alert(1))', '\\[x\\](javascript:alert(1))'],
    ['`code`', '\\`code\\`'],
    ['**bold** _it_', '\\*\\*bold\\*\\* \\_it\\_'],
    ['back\\slash', 'back\\\\slash'],
    ['&amp;', '\\&amp;'],
    ['plain words, 1.0 (ok)', 'plain words, 1.0 (ok)'],
  ])('%j → %j', (input, expected) => {
    expect(toMarkdownText(input)).toBe(expected);
  });
});

describe('toHtmlCommentText (htmlComment helper)', () => {
  it.each(['-->', '--!>', '---->', 'a\n-->\nb', '- - >'])('%j cannot close the comment', (value) => {
    const text = toHtmlCommentText(value);
    expect(text).not.toContain('--');
    expect(text).not.toContain('>');
    expect(text).not.toMatch(/\n/);
  });
});

describe('toIdentifier (ident helper)', () => {
  it.each(['listPets', 'get_pet-by-id', 'PETSTORE_API_KEY', 'petstore', 'a.b'])('accepts %j', (value) => {
    expect(toIdentifier(value)).toBe(value);
  });

  it.each(['', '../x', 'a b', 'a"b', '-flag', '$(x)', 'a/b', '__proto__\n', 'x`'])('refuses %j', (value) => {
    expect(() => toIdentifier(value)).toThrow(TypeError);
  });
});
