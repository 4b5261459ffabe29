import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { sanitizeBody, sanitizeBodyWithText, toPlainText, SanitizeError } from '../../src/lib/sanitize/sanitize.ts';

const ALLOWED: Record<string, readonly string[]> = {
  a: ['href', 'title', 'rel'],
  abbr: ['title'],
  acronym: ['title'],
  b: [],
  blockquote: ['cite'],
  cite: [],
  code: [],
  del: ['datetime'],
  em: [],
  i: [],
  q: ['cite'],
  strike: [],
  strong: [],
  p: [],
  br: [],
};
const URL_ATTRS = new Set(['href', 'cite']);

const tagName = fc.constantFrom(
  ...Object.keys(ALLOWED),
  'script',
  'img',
  'svg',
  'math',
  'iframe',
  'style',
  'form',
  'input',
  'noscript',
  'template',
  'textarea',
  'title',
  'table',
  'td',
  'select',
  'option',
  'object',
  'embed',
  'base',
  'meta',
  'link',
  'div',
  'span',
  'mglyph',
  'xmp',
  'plaintext',
);
const attrName = fc.constantFrom(
  'href',
  'title',
  'cite',
  'datetime',
  'onclick',
  'onerror',
  'style',
  'src',
  'is',
  'data-x',
  'aria-label',
  'xlink:href',
  'formaction',
  'rel',
  'id',
  'class',
);
const scheme = fc.constantFrom(
  'http://',
  'https://',
  'mailto:',
  'javascript:',
  'JaVaScRiPt:',
  'jav&#x09;ascript:',
  'data:text/html,',
  'vbscript:',
  '//',
  ' javascript:',
  '&#106;avascript:',
  '',
);
const attrValue = fc.tuple(scheme, fc.string({ maxLength: 12 })).map(([s, rest]) => s + rest);
const quote = fc.constantFrom('"', "'", '');
const attribute = fc.tuple(attrName, attrValue, quote).map(([n, v, q]) => ` ${n}=${q}${v}${q}`);
const openTag = fc
  .tuple(tagName, fc.array(attribute, { maxLength: 3 }), fc.constantFrom('>', '/>', ''))
  .map(([t, attrs, end]) => `<${t}${attrs.join('')}${end}`);
const closeTag = tagName.map((t) => `</${t}>`);
const text = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom(
    '\n',
    '\n\n',
    'https://exemple.org/a?b=c',
    'www.exemple.fr',
    '&amp;',
    '&lt;',
    '<!--',
    '-->',
    '<![CDATA[',
    ']]>',
    '«',
    'é',
    '"',
    "'",
    '`',
  ),
);
const markup = fc.array(fc.oneof(openTag, closeTag, text), { maxLength: 40 }).map((parts) => parts.join(''));

function check(html: string): void {
  const { document } = new JSDOM('').window;
  const container = document.createElement('div');
  container.innerHTML = html;
  for (const element of container.querySelectorAll('*')) {
    const tag = element.localName;
    expect(Object.keys(ALLOWED), `tag <${tag}> in ${html}`).toContain(tag);
    expect(element.namespaceURI).toBe('http://www.w3.org/1999/xhtml');
    for (const attr of element.attributes) {
      expect(ALLOWED[tag], `attribute ${attr.name} on <${tag}> in ${html}`).toContain(attr.name);
      if (URL_ATTRS.has(attr.name)) expect(attr.value, html).toMatch(/^(https?:\/\/|mailto:)/i);
    }
  }
  expect(html).not.toMatch(/<!--/);
}

function sanitizeOrNull(input: string): string | null {
  try {
    return sanitizeBody(input);
  } catch (error) {
    if (error instanceof SanitizeError) return null;
    throw error;
  }
}

// Hundreds of jsdom parses per property: generous timeouts so a busy CI machine is not a failure.
describe('the sanitiser, whatever the input', { timeout: 90_000 }, () => {
  it('outputs only the allowed tags and attributes, with http, https or mailto links', () => {
    fc.assert(
      fc.property(markup, (input) => {
        const output = sanitizeOrNull(input);
        if (output !== null) check(output);
      }),
      { numRuns: 400 },
    );
  });

  it('changes nothing when its own output is sanitised again', () => {
    fc.assert(
      fc.property(markup, (input) => {
        const output = sanitizeOrNull(input);
        if (output === null) return;
        const again = sanitizeOrNull(output);
        if (again !== null) expect(again).toBe(output);
      }),
      { numRuns: 400 },
    );
  });

  it('never throws anything but a SanitizeError, even on arbitrary unicode', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (input) => {
        const output = sanitizeOrNull(input);
        if (output !== null) check(output);
      }),
      { numRuns: 300 },
    );
  });
});

describe('sanitizeBodyWithText', () => {
  it('gives exactly sanitizeBody and toPlainText of it, from one parse', () => {
    fc.assert(
      fc.property(markup, (raw) => {
        const html = sanitizeBody(raw);
        expect(sanitizeBodyWithText(raw)).toEqual({ html, text: toPlainText(html) });
      }),
      { numRuns: 300 },
    );
  });
});
