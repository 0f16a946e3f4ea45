/**
 * Cleans spec text that reaches the model (tool and schema descriptions): spec
 * strings are prompts (tool poisoning, SECURITY.md T3), so invisible characters
 * that hide instructions are removed and the length is capped.
 */

/** Default cap for descriptions, in UTF-16 code units (SECURITY.md C16). */
export const MAX_DESCRIPTION_LENGTH = 1024;

// C0/C1 controls except \t and \n, zero-width and bidi controls, BOM.
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

const NEEDS_CLEANING = new RegExp(`${INVISIBLE.source}|<!--|\\r|[ \\t]{4}|[ \\t]\\n|\\n\\n\\n`);

/**
 * Strips control, zero-width and bidi characters and HTML comments, normalises line breaks,
 * collapses whitespace padding, trims, and caps at `maxLength` with "…".
 */
export function sanitizeText(text: string, maxLength: number = MAX_DESCRIPTION_LENGTH): string {
  // Most spec text is clean; skip the rewrite passes then (a measurable share of big builds).
  let out = NEEDS_CLEANING.test(text) ? cleanText(text) : text.trim();
  if (out.length > maxLength) {
    let cut = out.slice(0, maxLength - 1);
    // Never leave half a surrogate pair.
    if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
    out = `${cut.trimEnd()}…`;
  }
  return out;
}

function cleanText(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      .replace(INVISIBLE, '')
      // Markdown viewers hide HTML comments from the person reviewing a tool; the model reads them.
      .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
      // Long runs of blanks push text past UI truncation without meaning anything.
      .replace(/[ \t]{4,}/g, ' ')
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}

/** Single-line variant for titles: line breaks become spaces. */
export function sanitizeLine(text: string, maxLength = 200): string {
  return sanitizeText(text.replace(/\s*[\r\n]+\s*/g, ' '), maxLength);
}
