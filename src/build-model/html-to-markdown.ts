/**
 * Spec text written in HTML (463 of Stripe's 468 operation descriptions:
 * `<p>`, `<code>`, `<a href="/docs/...">`, entities) as Markdown, which reads
 * the same to a model for fewer tokens. Only text with real markup changes: a
 * tag must name a known HTML element, so `a < b`, `Map<String>` or Kubernetes'
 * `<main request>` stay as written, and Markdown code spans are never read as
 * HTML (Plaid's `answer_<i>_<j>`). Links keep their URL only when it is an
 * absolute http(s) one: a site-relative `/docs/...` has no site we could name,
 * and no other scheme belongs in front of a model. Scripts, styles, images and
 * attributes other than `href` vanish. Time is linear in the input (a hostile
 * spec may hold megabytes of markup); the caller still sanitizes the result.
 */

const BLOCKS = new Set([
  'p',
  'div',
  'section',
  'article',
  'aside',
  'header',
  'footer',
  'nav',
  'figure',
  'figcaption',
  'address',
  'details',
  'summary',
  'center',
  'form',
  'fieldset',
  'caption',
  'dl',
  'dt',
  'dd',
  'ul',
  'ol',
  'li',
  'pre',
  'blockquote',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
]);
const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'big',
  'br',
  'cite',
  'code',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'ins',
  'kbd',
  'label',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'tt',
  'u',
  'var',
  'wbr',
]);
// Dropped with everything inside them (to their closing tag, or to the end when unclosed).
const DROPPED = new Set([
  'script',
  'style',
  'template',
  'iframe',
  'object',
  'noscript',
  'svg',
  'textarea',
  'noembed',
  'noframes',
  'xmp',
  'canvas',
  'audio',
  'video',
  'applet',
]);
// Dropped, having no content: images and form controls mean nothing to a model.
const VOID = new Set(['br', 'hr', 'wbr', 'img', 'input', 'embed', 'source', 'track', 'area', 'col', 'param']);
const CODE = new Set(['code', 'kbd', 'samp', 'tt']);
// Opening one of these closes an open `<p>` (HTML's implied end tags).
const CLOSES_P = new Set([...BLOCKS].filter((name) => !['li', 'dt', 'dd', 'tr', 'td', 'th'].includes(name)));
/** Tags nested deeper are ignored, their text kept: a hostile spec cannot make the renderer recurse without end. */
const MAX_DEPTH = 16;

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  bull: '•',
  middot: '·',
  copy: '©',
  reg: '®',
  trade: '™',
  deg: '°',
  times: '×',
  divide: '÷',
  plusmn: '±',
  le: '≤',
  ge: '≥',
  ne: '≠',
  larr: '←',
  rarr: '→',
  uarr: '↑',
  darr: '↓',
  harr: '↔',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  sect: '§',
  para: '¶',
  dagger: '†',
  shy: '',
  zwj: '',
  zwnj: '',
};

interface Element {
  name: string;
  href?: string;
  children: Node[];
}
type Node = Element | { text: string; literal: boolean };

// A start or end tag; no attribute holds a `<`, so a failed match ends before the next one.
const TAG =
  /<(\/?)([A-Za-z][A-Za-z0-9]*)((?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"<]*"|'[^'<]*'|[^\s"'=<>`]+))?)*)\s*\/?>/y;
const HREF = /(?:^|\s)href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/i;
const ENTITY = /&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g;

/** `text` with its HTML turned into Markdown; `text` itself when it holds no HTML markup. */
export function htmlToMarkdown(text: string): string {
  if (!text.includes('<')) return text;
  const root = parse(text);
  if (root === undefined) return text;
  return trimLineEnds(renderFlow(root.children, false).join('\n\n'))
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Blanks at the end of each line removed, in one pass: `/[ \t]+\n/g` backtracks
 * through a long blank run at every start position (50,000 spaces took 4 s).
 */
function trimLineEnds(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      let end = line.length;
      while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end -= 1;
      return end === line.length ? line : line.slice(0, end);
    })
    .join('\n');
}

/** The element tree, or `undefined` when no known tag or comment is found. */
function parse(text: string): Element | undefined {
  const root: Element = { name: '#root', children: [] };
  const stack: Element[] = [root];
  const spans = codeSpans(text);
  let spanIndex = 0;
  let markup = false;
  let pos = 0;
  let noCommentEndAfter = Number.POSITIVE_INFINITY;
  let plain = '';
  const top = (): Element => stack[stack.length - 1]!;
  const flushText = (): void => {
    if (plain !== '') top().children.push({ text: plain, literal: false });
    plain = '';
  };
  while (pos < text.length) {
    const lt = text.indexOf('<', pos);
    const next = lt === -1 ? text.length : lt;
    // Inside HTML code, a backtick is a character, not the start of a Markdown code span.
    if (stack.some((open) => open.name === 'pre' || CODE.has(open.name))) {
      while (spans[spanIndex] !== undefined && spans[spanIndex]![0] < next) spanIndex++;
    }
    const span = spans[spanIndex];
    if (span !== undefined && span[0] < next) {
      plain += text.slice(pos, span[0]);
      flushText();
      top().children.push({ text: text.slice(span[0], span[1]), literal: true });
      pos = span[1];
      spanIndex++;
      continue;
    }
    if (lt === -1) {
      plain += text.slice(pos);
      break;
    }
    plain += text.slice(pos, lt);
    pos = lt;
    if (text.startsWith('<!--', lt) && lt < noCommentEndAfter) {
      const end = text.indexOf('-->', lt + 4);
      if (end === -1) noCommentEndAfter = lt;
      else {
        markup = true;
        pos = end + 3;
        // Spans that began inside the comment are gone with it.
        while (spans[spanIndex] !== undefined && spans[spanIndex]![0] < pos) spanIndex++;
        continue;
      }
    }
    TAG.lastIndex = lt;
    const match = TAG.exec(text);
    const name = match?.[2]?.toLowerCase();
    if (match === null || name === undefined || !isKnown(name)) {
      plain += '<';
      pos = lt + 1;
      continue;
    }
    markup = true;
    flushText();
    pos = lt + match[0].length;
    while (spans[spanIndex] !== undefined && spans[spanIndex]![0] < pos) spanIndex++;
    if (match[1] === '/') {
      closeElement(stack, name);
      continue;
    }
    if (DROPPED.has(name)) {
      const end = new RegExp(`</${name}\\s*>`, 'gi');
      end.lastIndex = pos;
      pos = end.exec(text) === null ? text.length : end.lastIndex;
      while (spans[spanIndex] !== undefined && spans[spanIndex]![0] < pos) spanIndex++;
      continue;
    }
    openElement(stack, name, match[3] ?? '');
  }
  flushText();
  return markup ? root : undefined;
}

function isKnown(name: string): boolean {
  return BLOCKS.has(name) || INLINE.has(name) || DROPPED.has(name) || VOID.has(name);
}

function openElement(stack: Element[], name: string, attributes: string): void {
  if (CLOSES_P.has(name)) closeWithin(stack, 'p', ['li', 'td', 'th', 'dd', 'dt', 'blockquote', 'div']);
  if (name === 'li') closeWithin(stack, 'li', ['ul', 'ol']);
  if (name === 'dt' || name === 'dd') {
    closeWithin(stack, 'dt', ['dl']);
    closeWithin(stack, 'dd', ['dl']);
  }
  if (name === 'tr') closeWithin(stack, 'tr', ['table', 'thead', 'tbody', 'tfoot']);
  if (name === 'td' || name === 'th') {
    closeWithin(stack, 'td', ['tr', 'table']);
    closeWithin(stack, 'th', ['tr', 'table']);
  }
  const element: Element = { name, children: [] };
  if (name === 'a') {
    const href = HREF.exec(attributes);
    const value = href?.[1] ?? href?.[2] ?? href?.[3];
    if (value !== undefined) element.href = decodeEntities(value).trim();
  }
  const parent = stack[stack.length - 1]!;
  if (stack.length >= MAX_DEPTH) return;
  parent.children.push(element);
  if (!VOID.has(name)) stack.push(element);
}

/** Closes the innermost open `name` unless one of `boundaries` is opened after it. */
function closeWithin(stack: Element[], name: string, boundaries: readonly string[]): void {
  for (let i = stack.length - 1; i > 0; i--) {
    const open = stack[i]!.name;
    if (open === name) {
      stack.length = i;
      return;
    }
    if (boundaries.includes(open)) return;
  }
}

/** An end tag closes its element and everything opened inside it; a stray one is ignored. */
function closeElement(stack: Element[], name: string): void {
  for (let i = stack.length - 1; i > 0; i--) {
    if (stack[i]!.name === name) {
      stack.length = i;
      return;
    }
  }
}

/**
 * Markdown code spans (`` `x` ``, ``` ``x`` ```) as [start, end) ranges: a
 * backtick run is closed by the next run of the same length. Each length's
 * runs are scanned once, so the whole is linear.
 */
function codeSpans(text: string): Array<[number, number]> {
  if (!text.includes('`')) return [];
  const runs: Array<[number, number]> = [];
  for (const m of text.matchAll(/`+/g)) runs.push([m.index, m[0].length]);
  const byLength = new Map<number, number[]>();
  runs.forEach(([, length], i) => {
    const list = byLength.get(length);
    if (list === undefined) byLength.set(length, [i]);
    else list.push(i);
  });
  const cursor = new Map<number, number>();
  const spans: Array<[number, number]> = [];
  let i = 0;
  while (i < runs.length) {
    const [start, length] = runs[i]!;
    const list = byLength.get(length)!;
    let c = cursor.get(length) ?? 0;
    while (c < list.length && list[c]! <= i) c++;
    cursor.set(length, c);
    const closer = list[c];
    if (closer === undefined) {
      i++;
      continue;
    }
    spans.push([start, runs[closer]![0] + length]);
    i = closer + 1;
  }
  return spans;
}

/**
 * Blocks of Markdown from a list of nodes. `collapse`: inside an HTML block,
 * where line breaks in the source are only wrapping; outside any (Markdown
 * with a little inline HTML, as in Plaid's and Spotify's specs) the text keeps
 * its lines.
 */
function renderFlow(nodes: readonly Node[], collapse: boolean): string[] {
  const blocks: string[] = [];
  const state = { collapse, afterBreak: false };
  let inline = '';
  const flush = (): void => {
    const done = collapse
      ? inline
          .replace(/ {2,}/g, ' ')
          .replace(/ *\n */g, '\n')
          .trim()
      : trimLines(inline);
    if (done !== '') blocks.push(done);
    inline = '';
  };
  for (const node of nodes) {
    if ('name' in node && BLOCKS.has(node.name)) {
      flush();
      const block = renderBlock(node);
      if (block !== '') blocks.push(block);
      state.afterBreak = false;
    } else {
      inline += renderInline(node, state);
    }
  }
  flush();
  return blocks;
}

/** Outside HTML blocks: blank lines and the first line's indent go, the other lines' indents stay (Markdown lists). */
function trimLines(text: string): string {
  return text
    .replace(/^\s*\n/, '')
    .replace(/^[ \t]+/, '')
    .trimEnd();
}

function renderBlock(element: Element): string {
  const { name } = element;
  if (name === 'hr') return '---';
  if (name === 'pre') return renderPre(element);
  if (name === 'ul' || name === 'ol') return renderList(element);
  if (name === 'li') return withMarker('- ', renderFlow(element.children, true).join('\n'));
  if (name === 'table') return renderTable(element);
  const blocks = renderFlow(element.children, true);
  if (/^h[1-6]$/.test(name)) {
    const line = blocks.join(' ').replace(/\s*\n\s*/g, ' ');
    return line === '' ? '' : `${'#'.repeat(Number(name[1]))} ${line}`;
  }
  if (name === 'blockquote') {
    return blocks
      .join('\n\n')
      .split('\n')
      .map((line) => (line === '' ? '>' : `> ${line}`))
      .join('\n');
  }
  return blocks.join('\n\n');
}

function renderList(list: Element): string {
  const items: string[] = [];
  let number = 1;
  for (const child of list.children) {
    if (!('name' in child) && child.text.trim() === '') continue;
    if ('name' in child && (child.name === 'ul' || child.name === 'ol')) {
      // A list written straight inside a list (no `<li>` around it) belongs to the item before it.
      const nested = renderList(child);
      if (nested !== '') items.push(withMarker('  ', nested));
      continue;
    }
    const content = 'name' in child ? renderFlow(child.name === 'li' ? child.children : [child], true) : [];
    const text = 'name' in child ? content.join('\n') : collapseText(child);
    if (text === '') continue;
    items.push(withMarker(list.name === 'ol' ? `${number++}. ` : '- ', text));
  }
  return items.join('\n');
}

function withMarker(marker: string, content: string): string {
  const indent = ' '.repeat(marker.length);
  return content
    .split('\n')
    .map((line, i) => (i === 0 ? marker + line : line === '' ? '' : indent + line))
    .join('\n');
}

function renderPre(pre: Element): string {
  const content = rawText(pre).replace(/^\n/, '').trimEnd();
  if (content.trim() === '') return '';
  const longest = Math.max(2, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}\n${content}\n${fence}`;
}

function renderTable(table: Element): string {
  const rows: Element[] = [];
  const collect = (element: Element): void => {
    for (const child of element.children) {
      if (!('name' in child)) continue;
      if (child.name === 'tr') rows.push(child);
      else if (['thead', 'tbody', 'tfoot'].includes(child.name)) collect(child);
    }
  };
  collect(table);
  if (rows.length === 0) return renderFlow(table.children, true).join('\n\n');
  const lines: string[] = [];
  rows.forEach((row, i) => {
    const cells = row.children.filter(
      (c): c is Element => 'name' in c && (c.name === 'td' || c.name === 'th'),
    );
    const texts = cells.map((cell) =>
      renderFlow(cell.children, true)
        .join(' ')
        .replace(/\s*\n\s*/g, ' ')
        .replace(/\|/g, '\\|'),
    );
    lines.push(`| ${texts.join(' | ')} |`);
    if (i === 0 && cells.some((cell) => cell.name === 'th')) {
      lines.push(`|${cells.map(() => ' --- |').join('')}`);
    }
  });
  return lines.join('\n');
}

function renderInline(node: Node, state: { collapse: boolean; afterBreak: boolean }): string {
  if (!('name' in node)) {
    if (node.literal) {
      state.afterBreak = false;
      return node.text;
    }
    let text = decodeEntities(node.text);
    if (state.collapse) text = text.replace(/\s+/g, ' ');
    // `<br>` then a line break in the source is one line break, not a paragraph.
    else if (state.afterBreak) text = text.replace(/^[ \t]*\n?/, '');
    if (text !== '') state.afterBreak = false;
    return text;
  }
  const { name } = node;
  if (name === 'br') {
    state.afterBreak = true;
    return '\n';
  }
  if (VOID.has(name)) return '';
  if (BLOCKS.has(name)) {
    // A block inside an inline element (`<a><p>..</p></a>`): its own lines.
    state.afterBreak = false;
    return `\n${renderFlow(node.children, true).join('\n')}\n`;
  }
  if (CODE.has(name)) {
    state.afterBreak = false;
    return codeSpan(rawText(node).replace(/\s+/g, ' '));
  }
  const inner = node.children.map((child) => renderInline(child, state)).join('');
  if (name === 'strong' || name === 'b') return wrap(inner, '**');
  if (name === 'em' || name === 'i') return wrap(inner, '*');
  if (name === 'a') return link(inner, node.href);
  return inner;
}

function collapseText(node: { text: string; literal: boolean }): string {
  return node.literal ? node.text : decodeEntities(node.text).replace(/\s+/g, ' ').trim();
}

/** The text of an element as written (code and preformatted text): entities decoded, `<br>` as a line break. */
function rawText(element: Element): string {
  let out = '';
  for (const child of element.children) {
    if (!('name' in child)) out += child.literal ? child.text : decodeEntities(child.text);
    else if (child.name === 'br') out += '\n';
    else if (!VOID.has(child.name)) out += rawText(child);
  }
  return out;
}

function codeSpan(content: string): string {
  if (content.trim() === '') return content;
  const longest = Math.max(0, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = content.startsWith('`') || content.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

/** `**x**` around the text, outside its surrounding blanks (`** x**` is not emphasis). */
function wrap(inner: string, marker: string): string {
  const text = inner.trim();
  if (text === '') return inner;
  const lead = inner.slice(0, inner.length - inner.trimStart().length);
  const trail = inner.slice(inner.trimEnd().length);
  return `${lead}${marker}${text}${marker}${trail}`;
}

function link(inner: string, href: string | undefined): string {
  const url = href !== undefined && isWebUrl(href) ? href : undefined;
  if (url === undefined) return inner;
  const label = inner.trim();
  const lead = inner.slice(0, inner.length - inner.trimStart().length);
  const trail = inner.slice(inner.trimEnd().length);
  const target = url.replace(/[ ()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  if (label === '' || label === url) return `${lead}${target}${trail}`;
  return `${lead}[${label.replace(/[[\]]/g, '\\$&').replace(/\s*\n\s*/g, ' ')}](${target})${trail}`;
}

function isWebUrl(href: string): boolean {
  return /^https?:\/\/[^/\s]/i.test(href) && URL.canParse(href);
}

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, body: string) => {
    if (body[0] !== '#') return Object.hasOwn(ENTITIES, body) ? ENTITIES[body]! : whole;
    const code =
      body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
    if (code === 0xa0) return ' ';
    // What HTML itself replaces: NUL, surrogates, beyond Unicode.
    if (code === 0 || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return '\uFFFD';
    return String.fromCodePoint(code);
  });
}
