/**
 * Property test of the generator's sinks (SECURITY.md test plan B 15, in part,
 * and I 56): every spec string reaches a generated file through one of the
 * template helpers, so for any string (and first, as fast-check `examples`,
 * every payload of the regression corpus) each helper's output stays what its
 * context needs:
 *
 * - a JSON literal parses back, in JavaScript too, to the very string (encoded,
 *   not stripped) and runs nothing;
 * - comment text cannot end its block or line comment;
 * - line, Markdown and HTML-comment text stay on one line and cannot close
 *   or mark up anything;
 * - an identifier is either refused or safe as it is.
 *
 * The JavaScript checks run the generated text in a fresh `vm` context: a
 * payload that broke out would set `__pwned` there.
 */
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  toCommentText,
  toHtmlCommentText,
  toIdentifier,
  toJsLiteral,
  toLineText,
  toMarkdownText,
} from '../../src/generate/template-helpers.js';
import { KNOWN_ATTACK_PAYLOADS } from './known-attack-payloads.js';

const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom('*/', '-->', '\\', '\u2028', '${', '`', '\r\n', '</script>', '{{'),
);
const CORPUS = KNOWN_ATTACK_PAYLOADS.map((payload) => payload.value);
const RANDOM_RUNS = 300;
const options = {
  numRuns: CORPUS.length + RANDOM_RUNS,
  examples: CORPUS.map((value) => [value] as [string]),
};

/** Evaluates generated JavaScript in a fresh context; returns its value and whether anything ran. */
function runGenerated(code: string): { value: unknown; pwned: unknown } {
  const context: Record<string, unknown> = {};
  const value = runInNewContext(code, context, { timeout: 1_000 });
  return { value, pwned: context.__pwned };
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: controls are what must not be there
const CONTROL_OR_BREAK = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/;

describe('property: the template helpers keep any string in its context', () => {
  it('toJsLiteral: parses back to the string, as JSON and as JavaScript, and runs nothing', () => {
    let seen = 0;
    fc.assert(
      fc.property(anyString, (value) => {
        seen += 1;
        const literal = toJsLiteral(value);
        expect(JSON.parse(literal)).toBe(value);
        expect(literal).not.toMatch(/[\n\r\u2028\u2029]/);
        expect(literal).not.toContain('</');
        const run = runGenerated(`(${literal})`);
        expect(run.value).toBe(value);
        expect(run.pwned).toBeUndefined();
      }),
      options,
    );
    expect(seen).toBe(options.numRuns);
  });

  it('toCommentText: cannot end a block or a line comment', () => {
    fc.assert(
      fc.property(anyString, (value) => {
        const text = toCommentText(value);
        expect(text).not.toMatch(CONTROL_OR_BREAK);
        const block = runGenerated(`/** ${text} */ 'after block'`);
        expect(block).toEqual({ value: 'after block', pwned: undefined });
        const line = runGenerated(`// ${text}\n'after line'`);
        expect(line).toEqual({ value: 'after line', pwned: undefined });
      }),
      options,
    );
  });

  it('toLineText, toMarkdownText, toHtmlCommentText: one line, nothing left to close or mark up', () => {
    fc.assert(
      fc.property(anyString, (value) => {
        const line = toLineText(value);
        expect(line).not.toMatch(CONTROL_OR_BREAK);
        expect(line.endsWith('\\')).toBe(false);

        const markdown = toMarkdownText(value);
        expect(markdown).not.toMatch(CONTROL_OR_BREAK);
        // Once every escaped character is taken out, no Markdown or HTML syntax is left.
        expect(markdown.replace(/\\./g, '')).not.toMatch(/[\\`*_[\]<>#+!|~&]/);

        const comment = toHtmlCommentText(value);
        expect(comment).not.toMatch(CONTROL_OR_BREAK);
        expect(comment).not.toContain('--');
        expect(comment).not.toContain('>');
      }),
      options,
    );
  });

  it('toIdentifier: refuses, or gives the string unchanged and safe', () => {
    fc.assert(
      fc.property(anyString, (value) => {
        let identifier: string;
        try {
          identifier = toIdentifier(value);
        } catch (error) {
          expect(error).toBeInstanceOf(TypeError);
          return;
        }
        expect(identifier).toBe(value);
        expect(identifier).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/);
      }),
      options,
    );
  });
});
