/**
 * The only way a value reaches a generated file through a template: one helper
 * per output context, each making any string safe *in that context*.
 * Handlebars' own `{{x}}` escaping is for HTML and protects nothing in a `.ts`,
 * `.json`, Markdown or shell-ish file (a `\`, `${`, `*\/` or a newline passes
 * it untouched), so templates call these instead; a test checks every
 * template expression is one of these helpers.
 *
 * Pure string functions; `render.ts` registers them as Handlebars helpers.
 */

/** Line terminators of JavaScript and of the Unicode standard (NEL, LS, PS). */
const LINE_BREAKS = /\r\n|[\n\r\u0085\u2028\u2029]/g;
/** C0/C1 controls other than tab and the line breaks handled above. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching controls is the point
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g;

/**
 * A JSON value as a literal valid in JSON, JavaScript and TypeScript alike.
 * `JSON.stringify` escapes quotes, backslashes and controls; on top, U+2028 and
 * U+2029 are escaped (older JS parsers end a string at them) and `</` becomes
 * `<\/`, so the text can never close a `<script>` element it is pasted into.
 * `<` only ever appears inside strings in JSON, so the replacement is safe.
 */
export function toJsLiteral(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`cannot emit ${typeof value} as a JSON literal`);
  return text
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
    .replace(/<\//g, '<\\/');
}

/**
 * Text for inside a `/* … *\/` or `//` comment: no line breaks (a newline ends
 * a `//` comment), and `*\/` is broken up so the comment cannot be closed early.
 */
export function toCommentText(value: string): string {
  return toLineText(value).replace(/\*\//g, '* /');
}

/**
 * One line of plain text for `#` comments and similar line-based files
 * (`.env.example`, `Dockerfile`, `.gitignore`): line breaks become spaces,
 * controls go, and a trailing backslash (a line continuation in a Dockerfile)
 * is dropped.
 */
export function toLineText(value: string): string {
  return value.replace(LINE_BREAKS, ' ').replace(CONTROLS, '').replace(/\\+$/, '');
}

/**
 * Inline Markdown text (also safe in a table cell): one line, every Markdown
 * or HTML-significant ASCII punctuation backslash-escaped (brackets are, so
 * parentheses can never form a link), so spec text can neither format, link,
 * open HTML, nor break out of a table cell or code span.
 */
export function toMarkdownText(value: string): string {
  return toLineText(value).replace(/[\\`*_[\]<>#+!|~&]/g, '\\$&');
}

/** Text for inside an HTML comment (`<!-- … -->`): one line, and no `--` that could end it. */
export function toHtmlCommentText(value: string): string {
  let text = toLineText(value).replace(/>/g, '&gt;');
  while (text.includes('--')) text = text.replace(/--/g, '- -');
  return text;
}

/**
 * A plain token — tool name, environment variable, npm package name — that
 * needs no escaping anywhere because it can hold nothing special. Anything
 * else throws: the render model is expected to have validated it already.
 */
export function toIdentifier(value: string): string {
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(value)) {
    throw new TypeError(`not a safe identifier: ${JSON.stringify(value)}`);
  }
  return value;
}
