import { describe, expect, it } from 'vitest';
import { htmlToMarkdown } from '../../../src/build-model/html-to-markdown.js';

describe('htmlToMarkdown', () => {
  it('trims line ends in one pass: a 200,000-blank run finishes (a backtracking regex took seconds per 50,000)', () => {
    const text = `<p>before</p> ${' '.repeat(200_000)}after <!-- c --> ${'\t '.repeat(50_000)}`;
    expect(htmlToMarkdown(text)).toBe('before\n\nafter');
  });

  describe('Stripe-like descriptions', () => {
    it.each([
      ['<p>Retrieves the details of an account.</p>', 'Retrieves the details of an account.'],
      [
        '<p>Returns a list of accounts connected to your platform via <a href="/docs/connect">Connect</a>. If you’re not a platform, the list is empty.</p>',
        'Returns a list of accounts connected to your platform via Connect. If you’re not a platform, the list is empty.',
      ],
      [
        '<p>Capture the payment of an existing charge created with the <code>capture</code> option set to false.</p>\n\n<p>Uncaptured payments expire (<a href="/docs/charges/placing-a-hold">7 by default</a>).</p>',
        'Capture the payment of an existing charge created with the `capture` option set to false.\n\nUncaptured payments expire (7 by default).',
      ],
      [
        // Line breaks inside a paragraph are wrapping: the words on either side keep their space.
        '<p>the PaymentIntent will transition to the <code>succeeded</code>\nstatus via our <a href="https://stripe.com/docs/js">client SDKs</a>\nand the <a href="#payment_intent_object-client_secret">client_secret</a>.</p>',
        'the PaymentIntent will transition to the `succeeded` status via our [client SDKs](https://stripe.com/docs/js) and the client_secret.',
      ],
      [
        '<p>These are marked as <strong>Custom Only</strong> or <em>Custom and Express</em>\nbelow.</p>',
        'These are marked as **Custom Only** or *Custom and Express* below.',
      ],
      [
        'For [bank account](https://stripe.com/docs/api#bank) creation. <br><br>By default, it is the default.',
        'For [bank account](https://stripe.com/docs/api#bank) creation.\n\nBy default, it is the default.',
      ],
    ])('%j', (html, markdown) => {
      expect(htmlToMarkdown(html)).toBe(markdown);
    });

    it('a list between paragraphs, items with code', () => {
      const html =
        '<p>It can result\nin any combination of the following:</p>\n\n<ul>\n<li>Refund: create a new refund (using <code>refund_amount</code>).</li>\n<li>Customer balance credit: credit the balance.</li>\n</ul>\n\n<p>The sum must equal the total.</p>';
      expect(htmlToMarkdown(html)).toBe(
        'It can result in any combination of the following:\n\n- Refund: create a new refund (using `refund_amount`).\n- Customer balance credit: credit the balance.\n\nThe sum must equal the total.',
      );
    });
  });

  describe('structure', () => {
    it('nested lists indent under their item; ordered lists count', () => {
      const html =
        '<ol><li>First<ul><li>a</li><li>b<ol><li>deep</li></ol></li></ul></li><li>Second</li></ol>';
      expect(htmlToMarkdown(html)).toBe('1. First\n   - a\n   - b\n     1. deep\n2. Second');
    });

    it('a list written straight inside a list belongs to the item before it', () => {
      expect(htmlToMarkdown('<ul><li>a</li><ul><li>b</li></ul></ul>')).toBe('- a\n  - b');
    });

    it('a multi-paragraph item keeps its paragraphs under the marker', () => {
      expect(htmlToMarkdown('<ul><li><p>one</p><p>two</p></li></ul>')).toBe('- one\n  two');
    });

    it('headings, rules, quotes', () => {
      expect(htmlToMarkdown('<h2>Limits</h2><p>a</p><hr><blockquote><p>b</p><p>c</p></blockquote>')).toBe(
        '## Limits\n\na\n\n---\n\n> b\n>\n> c',
      );
    });

    it('preformatted text as a fenced block, kept as written', () => {
      expect(
        htmlToMarkdown('<p>Example:</p><pre>\ncurl -u sk_test:\n  https://x &amp;&amp; echo</pre>'),
      ).toBe('Example:\n\n```\ncurl -u sk_test:\n  https://x && echo\n```');
      expect(htmlToMarkdown('<pre>a ``` b</pre>')).toBe('````\na ``` b\n````');
    });

    it('code holding backticks gets a longer fence', () => {
      expect(htmlToMarkdown('<p>Use <code>a`b</code> and <code>`x</code>.</p>')).toBe(
        'Use ``a`b`` and `` `x ``.',
      );
    });

    it('a table as rows, with a header separator', () => {
      const html =
        '<table><thead><tr><th>Scope</th><th>Token</th></tr></thead><tbody><tr><td><a href="https://docs.example.com/t">Org</a></td><td>a | b</td></tr></tbody></table>';
      expect(htmlToMarkdown(html)).toBe(
        '| Scope | Token |\n| --- | --- |\n| [Org](https://docs.example.com/t) | a \\| b |',
      );
    });

    it('entities are decoded: named, decimal, hex; unknown ones stay', () => {
      expect(htmlToMarkdown('<p>AT&amp;T &lt;b&gt; &#8212; &#x2019;s&nbsp;x &bogus; &#0;</p>')).toBe(
        'AT&T <b> — ’s x &bogus; \uFFFD',
      );
    });
  });

  describe('links', () => {
    it.each([
      ['<a href="https://example.com/a">A</a>', '[A](https://example.com/a)'],
      ['<a href="http://example.com/a">A</a>', '[A](http://example.com/a)'],
      ["<a href='HTTPS://example.com/x?a=1&amp;b=2'>q</a>", '[q](HTTPS://example.com/x?a=1&b=2)'],
      ['<a href="https://example.com/a b(c)">x</a>', '[x](https://example.com/a%20b%28c%29)'],
      ['<a href="https://example.com/">https://example.com/</a>', 'https://example.com/'],
      ['<a href="https://example.com/"> </a>', ' https://example.com/ '],
      ['<a href="https://example.com/">[x]</a>', '[\\[x\\]](https://example.com/)'],
      ['<a href="/docs/connect">Connect</a>', 'Connect'],
      ['<a href="docs/connect">Connect</a>', 'Connect'],
      ['<a href="#anchor">here</a>', 'here'],
      ['<a href="//evil.example/x">proto-relative</a>', 'proto-relative'],
      ['<a href="javascript:alert(1)">click</a>', 'click'],
      ['<a href="data:text/html;base64,PHNjcmlwdD4=">data</a>', 'data'],
      ['<a href="mailto:a@b.c">mail</a>', 'mail'],
      ['<a href="https://">broken</a>', 'broken'],
      ['<a name="x">no href</a>', 'no href'],
    ])('%s → %s', (html, markdown) => {
      expect(htmlToMarkdown(`<p>${html}</p>`)).toBe(markdown.trim());
    });
  });

  describe('text that is not HTML stays as written', () => {
    it.each([
      'a < b and c > d',
      'Returns a Map<String, Integer> of counts.',
      'Basic HTTP authentication. Allowed headers-- Authorization: Basic <api_key>',
      'the format <main request>[/<subrequest>]',
      '<time when taint was added> + <toleration seconds>',
      'Use TwiML <Dial> or <Say> verbs.',
      'AT&amp;T without any tag',
      'x <= 3 && y >= 4',
      '<!-- an unclosed comment',
      'Markdown **bold** and `code`',
      'The answer is `answer_<i>_<j>` for the j-th question.',
      '``<p>`` is a paragraph tag',
      '',
    ])('%j', (text) => {
      expect(htmlToMarkdown(text)).toBe(text);
    });

    it('Markdown with a little inline HTML keeps its lines and code spans', () => {
      const text =
        'Values:\n\n  `residence_permit_card` - to <em>temporarily</em> reside\n\n  `answer_<i>_<j>` - the answer\n- item one\n- item <strong>two</strong>';
      expect(htmlToMarkdown(text)).toBe(
        'Values:\n\n  `residence_permit_card` - to *temporarily* reside\n\n  `answer_<i>_<j>` - the answer\n- item one\n- item **two**',
      );
    });

    it('a <br> before a line break is one line break', () => {
      expect(
        htmlToMarkdown('filters:<br />\nThe `album` filter.<br/>\nThe `genre` filter.<br> And more.'),
      ).toBe('filters:\nThe `album` filter.\nThe `genre` filter.\nAnd more.');
    });

    it('a comment goes; Markdown around it stays', () => {
      expect(htmlToMarkdown('Intro.\n\n<!-- theme: warning -->\n\n> ### Early Access\n> May change.\n')).toBe(
        'Intro.\n\n> ### Early Access\n> May change.',
      );
    });
  });

  describe('hostile markup', () => {
    it.each([
      ['<p>a<script>alert("</p>")</script>b</p>', 'ab'],
      ['<p>a</p><SCRIPT type="x">steal()</SCRIPT >', 'a'],
      ['<p>a<script>never closed', 'a'],
      ['<style>p{display:none}</style><p>shown</p>', 'shown'],
      ['<p>x<img src=x onerror="alert(1)">y</p>', 'xy'],
      ['<p onclick="evil()" style="color:red">styled</p>', 'styled'],
      ['<iframe src="https://evil.example"></iframe><p>after</p>', 'after'],
      ['<svg><a href="https://evil.example">in svg</a></svg>ok<br>', 'ok'],
      ['<p><b>bold <i>both</p> after', '**bold *both***\n\nafter'],
      ['<ul><li>one<li>two</ul><p>unclosed', '- one\n- two\n\nunclosed'],
      ['<p>one<p>two', 'one\n\ntwo'],
      ['</b></p>stray closers<br>', 'stray closers'],
      ['<p title="a>b">quoted</p>', 'quoted'],
      ['<a href="https://x.example/">never closed', '[never closed](https://x.example/)'],
    ])('%j → %j', (html, markdown) => {
      expect(htmlToMarkdown(html)).toBe(markdown);
    });

    it('deep nesting is flattened, not recursed into without end', () => {
      const html = `${'<div><b>'.repeat(50_000)}deep${'</b></div>'.repeat(50_000)}`;
      expect(htmlToMarkdown(html)).toMatch(/^(\*\*){1,16}deep(\*\*){1,16}$/);
    });

    it.each([
      ['paragraphs and links', '<p>Some <a href="/docs/x">text</a> with <code>code</code> &amp; more.</p>\n'],
      ['unclosed tags', '<b><i><code>'],
      ['unterminated tags', '<p a="1" b=2 c '],
      ['unterminated quotes', '<p a="<p b="'],
      ['unclosed comments', '<!--<p>'],
      ['unmatched code fences', '`` ` ``` ````'],
      ['lone angle brackets', '<<<<<<<<<< a < b'],
      ['unclosed scripts', '<script><p>x'],
      ['list items', '<ul><li>x'],
    ])('1 MB of %s converts in bounded time', (_, unit) => {
      const html = unit.repeat(Math.ceil(1_000_000 / unit.length));
      const start = performance.now();
      const out = htmlToMarkdown(html);
      expect(typeof out).toBe('string');
      // Linear work takes well under a second here; quadratic work would take minutes.
      expect(performance.now() - start).toBeLessThan(5_000);
    });
  });
});
