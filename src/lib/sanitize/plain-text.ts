/**
 * The formatter's result for text that holds no markup at all, built as a string.
 *
 * Most souvenirs are typed as plain prose. For them the two DOMPurify parses and the DOM
 * formatter of `sanitize.ts` are a quarter of the CPU of sharing (`npm run bench`), and
 * their output is fully determined by the text: paragraphs, `<br>` and linked URLs. This
 * module produces the same bytes (a property test compares both paths on random text);
 * anything the HTML parser would read differently from the characters themselves goes the
 * slow way.
 */
import { LINK_REL } from './allowed.ts';
import {
  PARAGRAPH_BREAK,
  LEADING_SPACE,
  TRAILING_SPACE,
  URL_IN_TEXT,
  hrefFor,
  withoutTrailingPunctuation,
} from './format.ts';

/**
 * Markup or character references (`<`, `&`), and characters the parser drops, replaces or
 * treats as whitespace where the formatter does not: C0/C1 controls other than tab and
 * newline (NUL, form feed, carriage return…) and lone surrogates.
 */
const NOT_PLAIN = /[<&\u0000-\u0008\u000B-\u001F\u007F-\u009F]|\p{Cs}/u;

export function isPlainText(text: string): boolean {
  return !NOT_PLAIN.test(text);
}

/** `sanitizeBody` of plain text (see isPlainText); `text` is the normalised input (`\n` line ends). */
export function formatPlainText(text: string): string {
  const paragraphs: string[] = [];
  for (const piece of text.split(PARAGRAPH_BREAK)) {
    const trimmed = piece.replace(LEADING_SPACE, '').replace(TRAILING_SPACE, '');
    if (trimmed !== '') paragraphs.push(`<p>${inlineHtml(trimmed)}</p>`);
  }
  return paragraphs.join('\n\n');
}

/** What `sanitizeBodyWithText` reads back from formatPlainText's result: whitespace runs as one space. */
export function plainTextOf(text: string): string {
  return text.replace(/[ \t\n\r\f]+/g, ' ').trim();
}

/** A paragraph's lines, each newline as `<br>` and a newline, bare URLs linked. */
function inlineHtml(paragraph: string): string {
  return paragraph
    .split('\n')
    .map((line) => {
      let html = '';
      let consumed = 0;
      for (const match of line.matchAll(URL_IN_TEXT)) {
        const url = withoutTrailingPunctuation(match[0]);
        const href = hrefFor(url);
        if (href === null) continue;
        html += escapeText(line.slice(consumed, match.index));
        html += `<a href="${escapeAttribute(href)}" rel="${LINK_REL}">${escapeText(url)}</a>`;
        consumed = match.index + url.length;
      }
      return html + escapeText(line.slice(consumed));
    })
    .join('<br>\n');
}

/** The HTML serialisation of a text node (no `&` reaches here, see isPlainText). */
function escapeText(text: string): string {
  return text
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\u00a0/g, '&nbsp;');
}

/** The HTML serialisation of an attribute value. */
function escapeAttribute(value: string): string {
  return value.replace(/"/g, '&quot;').replace(/\u00a0/g, '&nbsp;');
}

/** The tags formatPlainText writes: paragraphs and breaks read as a space, links as their text. */
const FORMATTER_MARKUP = new RegExp(`</?p>|<br>|<a href="[^"<>]*" rel="${LINK_REL}">|</a>`, 'g');
const ENTITIES: Readonly<Record<string, string>> = {
  '&lt;': '<',
  '&gt;': '>',
  '&amp;': '&',
  '&quot;': '"',
  '&nbsp;': '\u00a0',
};
/** Characters the HTML parser would not read as themselves (see NOT_PLAIN). */
const PARSER_SENSITIVE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]|\p{Cs}/u;

/**
 * `toPlainText` of HTML made of formatPlainText's markup alone (most stored bodies), without
 * parsing it; null for anything else, which the caller parses. The entities are the five a
 * serialiser writes in text and attributes.
 */
export function plainTextOfFormatted(html: string): string | null {
  if (PARSER_SENSITIVE.test(html)) return null;
  const text = html.replace(FORMATTER_MARKUP, (tag) => (tag.startsWith('<a') || tag === '</a>' ? '' : ' '));
  if (text.includes('<')) return null;
  let unknownEntity = false;
  const decoded = text.replace(/&[^;&]*;?/g, (entity) => ENTITIES[entity] ?? ((unknownEntity = true), entity));
  return unknownEntity ? null : plainTextOf(decoded);
}
