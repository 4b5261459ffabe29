import { describe, it, expect, vi } from 'vitest';
import { createRequire } from 'node:module';
import { JSDOM } from 'jsdom';
import { normaliseWebsite } from '../../src/lib/comments/website.ts';
import { catalogue } from '../../src/lib/i18n/catalogue.ts';
import {
  ALLOWED_TAGS_NOTICE,
  MAX_SANITIZE_INPUT,
  MAX_SANITIZE_LINES,
  MAX_SANITIZE_TAGS,
  SanitizeError,
  sanitizeBody,
  sanitizeThroughDom,
  toPlainText,
} from '../../src/lib/sanitize/sanitize.ts';

/** The sanitiser loads jsdom with `require` (src/lib/sanitize/jsdom.ts): a spy on this module sees each window it opens. */
const jsdomModule = createRequire(import.meta.url)('jsdom') as typeof import('jsdom');

const REL = 'nofollow ugc noopener noreferrer';

/** What may appear in the output: the 13 user tags, plus `p`/`br` from the formatter. */
const ALLOWED_OUTPUT: ReadonlyMap<string, readonly string[]> = new Map([
  ['a', ['href', 'title', 'rel']],
  ['abbr', ['title']],
  ['acronym', ['title']],
  ['b', []],
  ['blockquote', ['cite']],
  ['br', []],
  ['cite', []],
  ['code', []],
  ['del', ['datetime']],
  ['em', []],
  ['i', []],
  ['p', []],
  ['q', ['cite']],
  ['strike', []],
  ['strong', []],
]);
const URL_SCHEME = /^(?:https?:\/\/|mailto:)/i;
const HTML_NS = 'http://www.w3.org/1999/xhtml';

const { window } = new JSDOM('');

/** Parses as a browser would inside a page's `<div>`; jsdom neither runs scripts nor loads resources here. */
function parse(html: string): HTMLDivElement {
  const container = window.document.createElement('div');
  container.innerHTML = html;
  return container;
}

function expectSafe(html: string): void {
  expect(html).not.toMatch(/<(?:script|style|iframe|img|svg|math|form|base|meta|template|object|embed)/i);
  const container = parse(html);

  for (const element of Array.from(container.querySelectorAll('*'))) {
    const tag = element.localName;
    expect(element.namespaceURI, `namespace of <${tag}>`).toBe(HTML_NS);
    const attributes = ALLOWED_OUTPUT.get(tag);
    expect(attributes, `<${tag}> is not allowed`).toBeDefined();
    for (const { name, value } of Array.from(element.attributes)) {
      expect(attributes, `${name} on <${tag}>`).toContain(name);
      if (name === 'href' || name === 'cite') expect(value).toMatch(URL_SCHEME);
    }
    if (tag === 'a') expect(element.getAttribute('rel')).toBe(REL);
  }

  const comments = window.document.createTreeWalker(container, window.NodeFilter.SHOW_COMMENT);
  expect(comments.nextNode(), 'comment in output').toBeNull();
  // What the browser builds serialises back to the same string: no mutation on re-parse.
  expect(container.innerHTML).toBe(html);
}

function maxDepth(node: Node): number {
  let deepest = 0;
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 1) deepest = Math.max(deepest, 1 + maxDepth(child));
  }
  return deepest;
}

function sanitizeError(run: () => unknown): SanitizeError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SanitizeError);
    return error as SanitizeError;
  }
  throw new Error('expected a SanitizeError');
}

const ATTACKS: ReadonlyArray<readonly [string, string]> = [
  ['a script tag', '<script>alert(1)</script>'],
  ['an external script', '<SCRIPT SRC=//evil.example/x.js></SCRIPT>'],
  ['a split script tag', '<scr<script>ipt>alert(1)</scr</script>ipt>'],
  ['an unclosed script', 'avant<script>alert(1)'],
  ['a doubled bracket script', '<<script>script>alert(1)<</script>/script>'],
  ['an attribute breakout in text', '"><script>alert(1)</script>'],
  ['onclick on <b>', '<b onclick="alert(1)">x</b>'],
  ['onmouseover on <a>', '<a href="https://ex.org" onmouseover="alert(1)">x</a>'],
  ['onmouseover on <del>', '<del onmouseover="alert(1)" datetime="2020-01-01">x</del>'],
  ['onfocus with autofocus on <strong>', '<strong onfocus=alert(1) autofocus tabindex=0>x</strong>'],
  ['onclick on <q>', '<q cite="https://ex.org" onclick=alert(1)>x</q>'],
  ['an unquoted handler after a slash', '<em/onmouseover=alert(1)>x</em>'],
  ['a handler with odd spacing', '<i\nonclick\n=\nalert(1)>x</i>'],
  ['javascript: in href', '<a href="javascript:alert(1)">x</a>'],
  ['mixed-case javascript:', '<a href="JaVaScRiPt:alert(1)">x</a>'],
  ['vbscript: in href', '<a href="vbscript:msgbox(1)">x</a>'],
  ['data: in href', '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>'],
  ['a tab entity inside the scheme', '<a href="jav&#x09;ascript:alert(1)">x</a>'],
  ['a newline entity inside the scheme', '<a href="jav&#x0A;ascript:alert(1)">x</a>'],
  ['a raw tab inside the scheme', '<a href="jav\tascript:alert(1)">x</a>'],
  [
    'a fully entity-encoded scheme',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
  ],
  ['hex entities in the scheme', '<a href="&#x6A;avascript&#x3A;alert(1)">x</a>'],
  ['a named colon entity', '<a href="javascript&colon;alert(1)">x</a>'],
  ['leading spaces before the scheme', '<a href="   javascript:alert(1)">x</a>'],
  ['a NUL entity before the scheme', '<a href="&#0;javascript:alert(1)">x</a>'],
  ['a control character before the scheme', '<a href="\u0001javascript:alert(1)">x</a>'],
  ['https: followed by javascript:', '<a href="https:javascript:alert(1)">x</a>'],
  ['a protocol-relative URL', '<a href="//evil.example/">x</a>'],
  ['a relative URL', '<a href="/admin/delete">x</a>'],
  ['an ftp URL', '<a href="ftp://evil.example/">x</a>'],
  ['javascript: in blockquote cite', '<blockquote cite="javascript:alert(1)">x</blockquote>'],
  ['data: in q cite', '<q cite="data:text/html,<script>alert(1)</script>">x</q>'],
  ['an svg script', '<svg><script>alert(1)</script></svg>'],
  ['svg onload', '<svg onload=alert(1)>'],
  ['an svg link', '<svg><a xlink:href="javascript:alert(1)"><text x="0" y="20">x</text></a></svg>'],
  ['svg animate', '<svg><animate onbegin=alert(1) attributeName=x dur=1s>'],
  ['svg set href', '<svg><a><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a></svg>'],
  ['a link inside math', '<math><mi><a href="javascript:alert(1)">x</a></mi></math>'],
  ['math href', '<math href="javascript:alert(1)">click</math>'],
  ['mglyph namespace confusion', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>'],
  ['svg/style namespace confusion', '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">'],
  ['noscript mutation (p)', '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>'],
  ['noscript mutation (b)', '<noscript><b title="</noscript><img src=x onerror=alert(1)>"></b></noscript>'],
  ['nested form mutation', '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>'],
  ['select/style mutation', '<select><option><style></option></select><img src=x onerror=alert(1)></style>'],
  ['a title holding markup', '<abbr title="</abbr><img src=x onerror=alert(1)>">x</abbr>'],
  ['a title holding quotes', '<a href="https://ex.org" title="&quot; onmouseover=&quot;alert(1)">x</a>'],
  ['a comment breakout in a title', '<acronym title="--><img src=x onerror=alert(1)>">x</acronym>'],
  ['an unclosed nest with a bad link', '<b><i><a href="javascript:alert(1)">x'],
  ['overlapping tags', '<b><i>x</b>y</i><a href="https://ex.org"><em>z</a></em>'],
  [
    'a link nested through a table',
    '<a href="https://a.example">1<table><a href="javascript:alert(1)">2</a></table></a>',
  ],
  [
    'two links nested through a table',
    '<a href="https://a.example">1<table><a href="https://b.example">2</a></table></a>',
  ],
  ['a style attribute', '<b style="background:url(javascript:alert(1))">x</b>'],
  ['a CSS expression', '<i style="width: expression(alert(1))">x</i>'],
  ['a style element', '<style>b{x:expression(alert(1))}</style><b>x</b>'],
  ['an overlaying link style', '<a href="https://ex.org" style="position:fixed;inset:0">overlay</a>'],
  ['data-* and aria-* on a link', '<a href="https://ex.org" data-x="1" aria-label="y">x</a>'],
  ['data-* and aria-* on abbr', '<abbr title="t" data-evil="x" aria-hidden="true">x</abbr>'],
  ['id, class and name', '<b id="x" class="y" name="z">x</b>'],
  ['target and rel on a link', '<a href="https://ex.org" target="_blank" rel="opener">x</a>'],
  [
    'xlink:href on an HTML link',
    '<a href="https://ex.org" xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="javascript:alert(1)">x</a>',
  ],
  ['cite on <del>', '<del datetime="2020-01-01" cite="javascript:alert(1)">x</del>'],
  ['a customised built-in', '<b is="x-evil">x</b>'],
  ['a form', '<form action="https://evil.example"><input name="a"><button>go</button></form>'],
  ['a clobbering form', '<form><input name="attributes"><input name="removeAttribute"></form>x'],
  ['an iframe', '<iframe src="https://evil.example"></iframe>'],
  ['an iframe srcdoc', '<iframe srcdoc="<script>alert(1)</script>"></iframe>'],
  ['an img onerror', '<img src=x onerror=alert(1)>'],
  ['an img javascript: src', '<img src="javascript:alert(1)">'],
  ['an img eval chain', '<img src=x:alert(alt) onerror=eval(src) alt=0>'],
  ['a base element', '<base href="https://evil.example/">'],
  ['a meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
  ['a stylesheet link', '<link rel="stylesheet" href="https://evil.example/x.css">'],
  ['a template with a script', '<template><script>alert(1)</script></template>'],
  ['a template with an img', '<template><img src=x onerror=alert(1)></template>'],
  ['an object', '<object data="javascript:alert(1)"></object>'],
  ['an embed', '<embed src="javascript:alert(1)">'],
  ['a video source onerror', '<video><source onerror=alert(1)></video>'],
  ['body onload', '<body onload=alert(1)>x'],
  ['a div onclick', '<div onclick=alert(1)>x</div>'],
  ['details ontoggle', '<details open ontoggle=alert(1)>x</details>'],
  ['an input onfocus', '<input autofocus onfocus=alert(1)>'],
  ['a marquee', '<marquee onstart=alert(1)>x</marquee>'],
  ['isindex', '<isindex action=javascript:alert(1) type=image>'],
  ['an HTML comment', '<!--<img src=x onerror=alert(1)>-->x'],
  ['a conditional comment', '<!--[if IE]><script>alert(1)</script><![endif]-->x'],
  ['CDATA', '<![CDATA[<img src=x onerror=alert(1)>]]>x'],
  ['a processing instruction', '<?xml version="1.0"?><img src=x onerror=alert(1)>'],
  ['a textarea', '<textarea><script>alert(1)</script></textarea>'],
  ['xmp', '<xmp><script>alert(1)</script></xmp>'],
  ['title', '<title><script>alert(1)</script></title>'],
  ['plaintext', '<plaintext><script>alert(1)</script>'],
  ['a script in code', '<code onclick=alert(1)><script>alert(1)</script></code>'],
  ['an @import in strike', '<strike><style>@import "https://evil.example/x.css";</style>x</strike>'],
  ['a user <p> carrying a handler', '<p onclick=alert(1)>x</p>'],
  ['a user <br> carrying a handler', 'a<br onmouseover=alert(1)>b'],
  ['a blockquote inside inline markup', '<b>x<blockquote cite="https://ex.org">y</blockquote>z</b>'],
  ['a template expression', '{{constructor.constructor("alert(1)")()}} <b>${alert(1)}</b>'],
  ['a javascript: URL typed as text', 'javascript:alert(1) et http://ex.org/"onmouseover="alert(1)'],
  ['a link-looking text with markup', 'https://ex.org/<script>alert(1)</script>'],
  ['a www text followed by markup', 'www.ex.org<img src=x onerror=alert(1)>'],
];

describe('sanitizeBody against attacks', () => {
  it('covers at least 60 vectors', () => {
    expect(ATTACKS.length).toBeGreaterThanOrEqual(60);
  });

  it.each(ATTACKS)('neutralises %s', (_name, input) => {
    const output = sanitizeBody(input);
    expectSafe(output);
    expect(sanitizeBody(output)).toBe(output);
  });

  it('keeps the text of a link whose URL it drops', () => {
    expect(sanitizeBody('<a href="jav&#x09;ascript:alert(1)" title="t">x</a>')).toBe(
      `<p><a title="t" rel="${REL}">x</a></p>`,
    );
    expect(sanitizeBody('<blockquote cite="javascript:alert(1)">x</blockquote>')).toBe(
      '<blockquote><p>x</p></blockquote>',
    );
  });

  it('drops script and style content but keeps the text of other removed tags', () => {
    expect(sanitizeBody('<script>alert(1)</script>un<style>b{}</style> <span>mot</span> <div>ici</div>')).toBe(
      '<p>un mot ici</p>',
    );
    expect(sanitizeBody('<textarea><b>x</b></textarea>')).toBe('<p>&lt;b&gt;x&lt;/b&gt;</p>');
  });

  it('keeps only the outer of two links nested through a table', () => {
    expect(sanitizeBody('<a href="https://a.example">1<table><a href="https://b.example">2</a></table></a>')).toBe(
      `<p><a href="https://a.example" rel="${REL}">12</a></p>`,
    );
  });

  it('drops an element carrying is="" whole (DOMPurify removes it rather than leave is="")', () => {
    expect(sanitizeBody('avant <b is="x-evil">x</b> après')).toBe('<p>avant  après</p>');
  });

  it('escapes markup held in a title', () => {
    expect(sanitizeBody('<abbr title="</abbr><img src=x onerror=alert(1)>">x</abbr>')).toBe(
      '<p><abbr title="&lt;/abbr&gt;&lt;img src=x onerror=alert(1)&gt;">x</abbr></p>',
    );
  });
});

describe('sanitizeBody limits and errors', () => {
  it('rejects a 5 MB input as too long without parsing it', () => {
    const started = performance.now();
    expect(sanitizeError(() => sanitizeBody('a'.repeat(5 * 1024 * 1024))).code).toBe('too_long');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('rejects 10 000 nested tags with a SanitizeError, not a crash', () => {
    expect(sanitizeError(() => sanitizeBody('<b>'.repeat(10_000))).code).toBe('too_long');
    expect(sanitizeError(() => sanitizeBody('<q>'.repeat(6_000))).code).toBe('too_long');
  });

  it('accepts exactly MAX_SANITIZE_INPUT characters and refuses one more', () => {
    expect(sanitizeBody('a'.repeat(MAX_SANITIZE_INPUT))).toBe(`<p>${'a'.repeat(MAX_SANITIZE_INPUT)}</p>`);
    expect(sanitizeError(() => sanitizeBody('a'.repeat(MAX_SANITIZE_INPUT + 1))).code).toBe('too_long');
  });

  it('refuses more than MAX_SANITIZE_TAGS tags, whose cost is quadratic in jsdom', () => {
    expect(() => sanitizeBody('a<br>'.repeat(MAX_SANITIZE_TAGS))).not.toThrow();
    expect(sanitizeError(() => sanitizeBody('a<br>'.repeat(MAX_SANITIZE_TAGS + 1))).code).toBe('too_long');
    expect(sanitizeError(() => sanitizeBody('<!---->'.repeat(MAX_SANITIZE_TAGS + 1))).code).toBe('too_long');
  });

  it('refuses more than MAX_SANITIZE_LINES lines', () => {
    expect(() => sanitizeBody('a\n'.repeat(MAX_SANITIZE_LINES - 1))).not.toThrow();
    expect(sanitizeError(() => sanitizeBody('a\n'.repeat(MAX_SANITIZE_LINES))).code).toBe('too_long');
  });

  // No timing here (CI shares its cores, and a timed test fails there at random): the bound on
  // tags (MAX_SANITIZE_TAGS) is what keeps this input cheap.
  it('flattens nesting deeper than 16 elements', () => {
    const inline = sanitizeBody('<q>a\n'.repeat(MAX_SANITIZE_TAGS));
    const quotes = sanitizeBody('<blockquote>a\n\nb\n'.repeat(MAX_SANITIZE_TAGS));
    for (const output of [inline, quotes]) {
      expectSafe(output);
      // 16 kept elements, then the formatter's <p> and <br>.
      expect(maxDepth(parse(output))).toBeLessThanOrEqual(16 + 2);
    }
    const flattened = sanitizeBody('<blockquote><q>a '.repeat(MAX_SANITIZE_TAGS / 2));
    expect(maxDepth(parse(flattened))).toBeLessThanOrEqual(16 + 1);
    expect(sanitizeBody(flattened)).toBe(flattened);
  });

  it('turns anything that is not a string into an unparseable SanitizeError', () => {
    const error = sanitizeError(() => sanitizeBody(null as unknown as string));
    expect(error.code).toBe('unparseable');
    expect(error.name).toBe('SanitizeError');
    expect(error).toBeInstanceOf(Error);
  });

  it('keeps working after its jsdom window has been recreated', () => {
    for (let round = 0; round < 1_100; round += 1) {
      expect(sanitizeBody(`<b>${round}</b>`)).toBe(`<p><b>${round}</b></p>`);
    }
  });
});

describe('sanitizeBody refuses a frameset document', () => {
  const FRAMESETS = [
    '<frameset><frame src="https://exemple.fr/"></frameset>',
    '<title>Souvenir</title><frameset cols="50%,50%">',
    ' <!-- avant --><frameset>',
    '<!DOCTYPE html><html><head></head><frameset rows="*"></frameset></html>',
  ];

  it.each(FRAMESETS)('with its own code: %j', (input) => {
    expect(sanitizeError(() => sanitizeBody(input)).code).toBe('frameset');
  });

  it('whose message exists in French and English', () => {
    expect(catalogue['error.body.frameset'].fr).toContain('<frameset>');
    expect(catalogue['error.body.frameset'].en).toContain('<frameset>');
  });

  it('without rebuilding its jsdom window', () => {
    sanitizeBody('<b>avant</b>');
    const opened = vi.spyOn(jsdomModule, 'JSDOM');
    for (const input of FRAMESETS) sanitizeError(() => sanitizeBody(input));
    expect(sanitizeBody('<b>après</b>')).toBe('<p><b>après</b></p>');
    expect(opened).not.toHaveBeenCalled();
  });

  it('when asked for the text of one too', () => {
    expect(sanitizeError(() => toPlainText('<frameset><frame></frameset>')).code).toBe('frameset');
  });

  it('but not a frameset tag after text, which the parser ignores', () => {
    expect(sanitizeBody('Bonjour <frameset> à tous')).toBe('<p>Bonjour  à tous</p>');
  });
});

describe('links in a body follow the website field’s rule', () => {
  const WITH_CREDENTIALS = [
    'https://a@b.fr/',
    'https://exemple.fr@ailleurs.example/',
    'http://user:secret@exemple.fr/x',
    'https://:secret@exemple.fr/',
    'HTTPS://A@EXEMPLE.FR',
    'https:///a@exemple.fr/',
  ];

  it.each(WITH_CREDENTIALS)(
    'drops a typed link target with credentials before the host, keeping the text: %s',
    (url) => {
      expect(sanitizeBody(`<a href="${url}">lien</a>`)).toBe(`<p><a rel="${REL}">lien</a></p>`);
      expect(sanitizeBody(`<q cite="${url}">dit</q>`)).toBe('<p><q>dit</q></p>');
      expect(normaliseWebsite(url)).toBeNull();
    },
  );

  it('does not link a bare URL with credentials, on either path', () => {
    for (const text of ['voir https://a:b@c.fr/x ici', 'www.a@b.fr', 'https://exemple.fr@ailleurs.example/']) {
      const html = sanitizeBody(text);
      expect(html, text).not.toContain('<a');
      expect(sanitizeThroughDom(text).html).toBe(html);
    }
  });

  it('keeps links without credentials, as the website field does', () => {
    const url = 'https://exemple.fr/a@b';
    expect(sanitizeBody(`<a href="${url}">x</a>`)).toBe(`<p><a href="${url}" rel="${REL}">x</a></p>`);
    expect(sanitizeBody(`voir ${url}`)).toBe(`<p>voir <a href="${url}" rel="${REL}">${url}</a></p>`);
    expect(normaliseWebsite(url)).toBe(url);
    // An empty `@` names nobody: the website keeps the address without it.
    expect(normaliseWebsite('https://@exemple.fr')).toBe('https://exemple.fr/');
  });

  it.each([
    'mailto:jean@exemple.fr?cc=autre@exemple.fr',
    'mailto:jean@exemple.fr?bcc=autre@exemple.fr&body=Bonjour',
    'mailto:jean@exemple.fr?subject=x&body=Cliquez%20ici',
    'MAILTO:jean@exemple.fr#x',
  ])('keeps only the address of a mailto link: %s', (href) => {
    const html = sanitizeBody(`<a href="${href.replace(/&/g, '&amp;')}">écrire</a>`);
    expect(html).toBe(`<p><a href="mailto:jean@exemple.fr" rel="${REL}">écrire</a></p>`);
    expect(sanitizeBody(html)).toBe(html);
  });

  it.each([
    'mailto:a@exemple.fr,b@exemple.fr',
    'mailto:a@exemple.fr%3Fcc=b@exemple.fr',
    'mailto:?to=a@exemple.fr',
    'mailto:',
    'mailto:%zz',
  ])('drops a mailto that is not one address: %s', (href) => {
    expect(sanitizeBody(`<a href="${href}">écrire</a>`)).toBe(`<p><a rel="${REL}">écrire</a></p>`);
  });
});

describe('sanitizeBody keeps the allowed tags', () => {
  it.each([
    [
      '<a href="https://ex.org" title="t" class="c">x</a>',
      `<p><a href="https://ex.org" title="t" rel="${REL}">x</a></p>`,
    ],
    ['<a href="http://ex.org/a?b=1&amp;c=2">x</a>', `<p><a href="http://ex.org/a?b=1&amp;c=2" rel="${REL}">x</a></p>`],
    ['<a href="mailto:marie@example.fr">Marie</a>', `<p><a href="mailto:marie@example.fr" rel="${REL}">Marie</a></p>`],
    ['<a href="HTTPS://EX.ORG">x</a>', `<p><a href="HTTPS://EX.ORG" rel="${REL}">x</a></p>`],
    ['<a href="  https://ex.org  ">x</a>', `<p><a href="https://ex.org" rel="${REL}">x</a></p>`],
    [
      '<a href="https://ex.org" rel="opener" target="_blank">x</a>',
      `<p><a href="https://ex.org" rel="${REL}">x</a></p>`,
    ],
    ['<a title="sans lien">x</a>', `<p><a title="sans lien" rel="${REL}">x</a></p>`],
    ['<abbr title="Société nationale">SN</abbr>', '<p><abbr title="Société nationale">SN</abbr></p>'],
    ['<acronym title="t">x</acronym>', '<p><acronym title="t">x</acronym></p>'],
    ['<b>x</b>', '<p><b>x</b></p>'],
    ['<B>x</B>', '<p><b>x</b></p>'],
    ['<blockquote cite="https://ex.org">x</blockquote>', '<blockquote cite="https://ex.org"><p>x</p></blockquote>'],
    ['<cite>x</cite>', '<p><cite>x</cite></p>'],
    ['<code>x</code>', '<p><code>x</code></p>'],
    ['<del datetime="2024-11-25T10:00:00Z">x</del>', '<p><del datetime="2024-11-25T10:00:00Z">x</del></p>'],
    ['<em>x</em>', '<p><em>x</em></p>'],
    ['<i>x</i>', '<p><i>x</i></p>'],
    ['<q cite="https://ex.org">x</q>', '<p><q cite="https://ex.org">x</q></p>'],
    ['<strike>x</strike>', '<p><strike>x</strike></p>'],
    ['<strong>x</strong>', '<p><strong>x</strong></p>'],
    [
      '<b><i><a href="https://ex.org">x</a></i></b>',
      `<p><b><i><a href="https://ex.org" rel="${REL}">x</a></i></b></p>`,
    ],
  ])('%s', (input, expected) => {
    expect(sanitizeBody(input)).toBe(expected);
  });

  it.each([
    ['<b title="t">x</b>', '<p><b>x</b></p>'],
    [
      '<a href="https://ex.org" cite="https://ex.org" datetime="2020">x</a>',
      `<p><a href="https://ex.org" rel="${REL}">x</a></p>`,
    ],
    ['<q href="https://ex.org" title="t">x</q>', '<p><q>x</q></p>'],
    ['<del cite="https://ex.org" title="t">x</del>', '<p><del>x</del></p>'],
    ['<blockquote title="t">x</blockquote>', '<blockquote><p>x</p></blockquote>'],
    ['<abbr cite="https://ex.org">x</abbr>', '<p><abbr>x</abbr></p>'],
  ])('drops attributes not allowed on that tag: %s', (input, expected) => {
    expect(sanitizeBody(input)).toBe(expected);
  });
});

describe('sanitizeBody formats text', () => {
  it.each([
    ['', ''],
    ['   \n\n \t ', ''],
    ['bonjour', '<p>bonjour</p>'],
    ['a\nb', '<p>a<br>\nb</p>'],
    ['a\n\nb', '<p>a</p>\n\n<p>b</p>'],
    ['a\n\n\n\nb', '<p>a</p>\n\n<p>b</p>'],
    ['a\n  \n\tb', '<p>a</p>\n\n<p>b</p>'],
    ['\n\n  a  \n\n', '<p>a</p>'],
    ['a\r\nb\r\n\r\nc', '<p>a<br>\nb</p>\n\n<p>c</p>'],
    ['a\rb', '<p>a<br>\nb</p>'],
    ['<b>a\n\nb</b>', '<p><b>a<br>\n<br>\nb</b></p>'],
    ['<b>a</b>\n<i>b</i>', '<p><b>a</b><br>\n<i>b</i></p>'],
    ['<b>a</b> <i>b</i>', '<p><b>a</b> <i>b</i></p>'],
    ['<p>a</p><p>b</p>', '<p>ab</p>'],
    ['a<br>b<br/>c', '<p>abc</p>'],
    ['<p>a</p>\n\n<p>b</p>', '<p>a</p>\n\n<p>b</p>'],
    ['A\n<blockquote>q</blockquote>\nB', '<p>A</p>\n\n<blockquote><p>q</p></blockquote>\n\n<p>B</p>'],
    ['<blockquote>q\n\nr</blockquote>', '<blockquote><p>q</p>\n\n<p>r</p></blockquote>'],
    [
      '<blockquote><blockquote>q</blockquote>r</blockquote>',
      '<blockquote><blockquote><p>q</p></blockquote>\n\n<p>r</p></blockquote>',
    ],
    ['<blockquote></blockquote>', '<blockquote></blockquote>'],
  ])('%j', (input, expected) => {
    expect(sanitizeBody(input)).toBe(expected);
  });
});

describe('sanitizeBody links bare URLs', () => {
  const link = (href: string, text = href): string => `<a href="${href}" rel="${REL}">${text}</a>`;

  it.each([
    ['http://a.fr', `<p>${link('http://a.fr')}</p>`],
    ['<b>x</b> http://a.fr', `<p><b>x</b> ${link('http://a.fr')}</p>`],
    ['Voir https://ex.org/page.', `<p>Voir ${link('https://ex.org/page')}.</p>`],
    ['https://ex.org, puis https://ex.org/b;', `<p>${link('https://ex.org')}, puis ${link('https://ex.org/b')};</p>`],
    ['(voir https://ex.org/x)', `<p>(voir ${link('https://ex.org/x')})</p>`],
    ['https://fr.wikipedia.org/wiki/Foo_(bar)', `<p>${link('https://fr.wikipedia.org/wiki/Foo_(bar)')}</p>`],
    ['«https://ex.org»', `<p>«${link('https://ex.org')}»</p>`],
    ['www.ex.fr !', `<p>${link('https://www.ex.fr', 'www.ex.fr')} !</p>`],
    ['https://ex.org/?a=1&b=2', `<p>${link('https://ex.org/?a=1&amp;b=2')}</p>`],
    ['https://ex.org/été', `<p>${link('https://ex.org/été')}</p>`],
    ['<b>http://a.fr</b>', `<p><b>${link('http://a.fr')}</b></p>`],
    ['a\nhttp://a.fr\nb', `<p>a<br>\n${link('http://a.fr')}<br>\nb</p>`],
    ['<a href="https://a.fr">https://b.fr</a>', `<p>${link('https://a.fr', 'https://b.fr')}</p>`],
  ])('%j', (input, expected) => {
    expect(sanitizeBody(input)).toBe(expected);
  });

  it.each([
    'xhttp://a.fr',
    'http://',
    'http://.',
    'www.',
    'ftp://a.fr',
    'mailto:marie@example.fr',
    'javascript://a.fr/%0Aalert(1)',
  ])('leaves %j as text', (input) => {
    expect(sanitizeBody(input)).toBe(`<p>${input}</p>`);
  });
});

describe('sanitizeBody keeps text as written', () => {
  it('leaves French text, accents and guillemets unchanged', () => {
    const text = 'Il était une fois « l’été » — à Noël, ça m’a ému ! Œuvre, cœur, déjà.';
    expect(sanitizeBody(text)).toBe(`<p>${text}</p>`);
  });

  it('keeps no-break spaces and decodes named entities', () => {
    expect(sanitizeBody('Bonjour\u00a0! &eacute;t&eacute; &laquo;x&raquo;')).toBe('<p>Bonjour&nbsp;! été «x»</p>');
  });

  it('escapes & < > in text', () => {
    expect(sanitizeBody('a & b < c > d')).toBe('<p>a &amp; b &lt; c &gt; d</p>');
    expect(sanitizeBody('&lt;script&gt;alert(1)&lt;/script&gt;')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(sanitizeBody('1 <2 et 3>2')).toBe('<p>1 &lt;2 et 3&gt;2</p>');
  });

  it('leaves quotes in text unescaped, as the serialiser does', () => {
    expect(sanitizeBody('"guillemets" et \'apostrophes\'')).toBe('<p>"guillemets" et \'apostrophes\'</p>');
  });
});

describe('sanitizeBody is idempotent', () => {
  it('except near the limits: formatting adds characters and tags, so re-sanitising can be refused', () => {
    const poem = sanitizeBody('un vers\n'.repeat(600));
    expect(sanitizeError(() => sanitizeBody(poem)).code).toBe('too_long');
  });

  it.each([
    'Un souvenir.\n\nDeux lignes\nici, http://a.fr.',
    '<b>gras\n\nsur deux paragraphes</b> puis www.ex.fr',
    'A\n<blockquote cite="https://ex.org">citation\n<em>en ligne</em>\n\nsuite</blockquote>\nB',
    '<p>collé</p><p>depuis</p>une page<br>web',
    '  espaces   et\ttabulations  \n\n  ',
    '<a href="https://ex.org">lien\navec retour</a> & <q>« citation »</q>',
    '<del datetime="2020-01-01">ancien</del> <strike>barré</strike> <code>a &lt; b</code>',
  ])('on %j', (input) => {
    const once = sanitizeBody(input);
    expectSafe(once);
    expect(sanitizeBody(once)).toBe(once);
  });
});

describe('toPlainText', () => {
  it('returns the text with paragraph and line boundaries as single spaces', () => {
    expect(toPlainText(sanitizeBody('Un  souvenir.\n\nDeux\nlignes <b>ici</b>.'))).toBe(
      'Un souvenir. Deux lignes ici.',
    );
    expect(toPlainText('<p>a</p><p>b</p>a<br>b<blockquote>c</blockquote>')).toBe('a b a b c');
  });

  it('decodes entities and keeps no-break spaces', () => {
    expect(toPlainText(sanitizeBody('a & b < c « d\u00a0»'))).toBe('a & b < c « d\u00a0»');
  });

  it('drops script and style content even if handed raw HTML', () => {
    expect(toPlainText('<script>alert(1)</script>texte<style>b{}</style> <img src=x onerror=alert(1)>')).toBe('texte');
  });

  it('keeps link text', () => {
    expect(toPlainText(sanitizeBody('voir https://ex.org/a.'))).toBe('voir https://ex.org/a.');
  });

  it('throws SanitizeError on huge input', () => {
    expect(sanitizeError(() => toPlainText('a'.repeat(5 * 1024 * 1024))).code).toBe('too_long');
  });
});

describe('ALLOWED_TAGS_NOTICE', () => {
  it('shows the allowed tags as WordPress did', () => {
    expect(ALLOWED_TAGS_NOTICE).toBe(
      '<a href="" title=""> <abbr title=""> <acronym title=""> <b> <blockquote cite=""> <cite> <code> <del datetime=""> <em> <i> <q cite=""> <strike> <strong>',
    );
  });
});
