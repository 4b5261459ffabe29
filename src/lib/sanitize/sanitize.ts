import type { Config, DOMPurify } from 'dompurify';
import { INPUT_CONFIG, OUTPUT_CONFIG, acquirePurifier, discardPurifier } from './purifier.ts';
import { namesOfRemoved } from './removed-markup.ts';
import { withLineFeeds } from './line-ends.ts';
import { formatBody } from './format.ts';
import { formatPlainText, isPlainText, plainTextOf, plainTextOfFormatted } from './plain-text.ts';
import { hasVisibleText } from './visible.ts';

export { ALLOWED_TAGS_NOTICE } from './allowed.ts';

/** Longest body we sanitise, in UTF-16 code units, checked before anything is parsed. */
export const MAX_SANITIZE_INPUT = 20_000;

/**
 * Most tags (end tags and comments included) in a body. jsdom removes and
 * nests nodes in time proportional to their siblings and ancestors, so
 * sanitising is quadratic in markup: within 20 000 characters, 4 000 `<br>`
 * took 2.6 s and 6 600 nested `<q>` 3.6 s; at 500 tags the worst shape we
 * found (links nested through tables) took 0.25 s.
 */
export const MAX_SANITIZE_TAGS = 500;

/** Most lines in a body: each becomes a `<br>` node (10 000 lines took 0.55 s). */
export const MAX_SANITIZE_LINES = 2_000;

const TAG_START = /<[a-zA-Z\/!?]/g;

/**
 * Longest HTML `toPlainText` accepts: sanitised output is longer than its
 * input (escaped `&`/`<`, `<br>` per newline, a tag and `rel` per link).
 */
const MAX_PLAIN_TEXT_INPUT = MAX_SANITIZE_INPUT * 20;

/**
 * `frameset`: a frameset document (`<frameset>` before any text) has no body to hold a souvenir.
 * `empty`: nothing visible is left once sanitised (see sanitizeContributionBody).
 */
export type SanitizeErrorCode = 'too_long' | 'unparseable' | 'frameset' | 'empty';

export class SanitizeError extends Error {
  readonly code: SanitizeErrorCode;
  /** For `empty`: the markup removed (removed-markup.ts), which is often why nothing is left. */
  readonly removed: string[];

  constructor(code: SanitizeErrorCode, message: string, options?: ErrorOptions & { removed?: string[] }) {
    super(message, options);
    this.name = 'SanitizeError';
    this.code = code;
    this.removed = options?.removed ?? [];
  }
}

function unparseable(cause: unknown): SanitizeError {
  // Our own refusals leave the window as it was: no reason to rebuild it.
  if (cause instanceof SanitizeError) return cause;
  discardPurifier();
  return new SanitizeError('unparseable', 'The text could not be read as HTML.', { cause });
}

/**
 * The `<body>` DOMPurify parsed `html` into. A frameset document has none (DOMPurify then
 * returns null): refused as such, rather than failing further on as if the parse had broken.
 */
function parsedBody(purify: DOMPurify, html: string, config: Config): HTMLElement {
  // RETURN_DOM gives the parsed document's <body>, typed only as a Node.
  const body = purify.sanitize(html, { ...config, RETURN_DOM: true }) as HTMLElement | null;
  if (body === null) throw new SanitizeError('frameset', 'The text is a frameset document, which has no body.');
  return body;
}

/**
 * Safe HTML for a souvenir body: the 13 allowed tags with their attributes,
 * paragraphs and line breaks from blank lines and newlines, bare URLs linked.
 * Throws SanitizeError (and nothing else) on over-long or unparseable input.
 */
export function sanitizeBody(raw: string): string {
  const text = checkedInput(raw);
  return isPlainText(text) ? formatPlainText(text) : sanitizeToBody(text).body.innerHTML;
}

/** What a write needs of checked text: its HTML, its words, and what the sanitiser removed (removed-markup.ts). */
interface Sanitised {
  html: string;
  text: string;
  removed: string[];
}

function sanitizeChecked(text: string): Sanitised {
  if (isPlainText(text)) return { html: formatPlainText(text), text: plainTextOf(text), removed: [] };
  const { body, removed } = sanitizeToBody(text);
  return { html: body.innerHTML, text: collapseWhitespace(textWithBoundaries(body)), removed };
}

/**
 * `sanitizeBody(raw)` and `toPlainText` of its result from the same parse: a write needs both
 * (hashtags come from the text), and each jsdom parse is a tenth of the CPU of sharing a
 * souvenir (measured by `npm run bench`). Same bounds and errors as sanitizeBody.
 */
export function sanitizeBodyWithText(raw: string): { html: string; text: string } {
  const { html, text } = sanitizeChecked(checkedInput(raw));
  return { html, text };
}

/**
 * `sanitizeBodyWithText` for a contribution of any kind (a souvenir, a comment, an author's or a
 * moderator's edit), with what it removed (removed-markup.ts, for the preview): also throws
 * SanitizeError `empty` when the result shows nothing (only invisible characters, or markup the
 * sanitiser removed), which would be stored as an empty card.
 */
export function sanitizeContributionBody(raw: string): Sanitised {
  const sanitised = sanitizeChecked(checkedInput(raw));
  if (!hasVisibleText(sanitised.text)) {
    throw new SanitizeError('empty', 'Nothing visible is left of the text.', { removed: sanitised.removed });
  }
  return sanitised;
}

/** removedMarkup's answers by text: an author's private page asks again for the same text. */
const namedBefore = new Map<string, string[]>();
const MOST_NAMED_KEPT = 200;

/**
 * What the sanitiser takes out of `raw` (a tag as `<img>`, an attribute as `onclick`, a comment
 * as `<!-- -->`; removed-markup.ts), each named once, at most a dozen: the author is told on their
 * private page rather than finding it gone. Empty for plain text, and for text the forms refuse on
 * their own (too long, unparseable). Kept per text: a page viewed again parses nothing.
 */
export function removedMarkup(raw: string): string[] {
  const known = namedBefore.get(raw);
  if (known) return known;
  let names: string[];
  try {
    const text = checkedInput(raw);
    if (isPlainText(text)) return [];
    names = sanitizeToBody(text).removed;
  } catch {
    names = [];
  }
  if (namedBefore.size >= MOST_NAMED_KEPT) namedBefore.delete(namedBefore.keys().next().value!);
  namedBefore.set(raw, names);
  return names;
}

/** The DOMPurify path for any input, which the plain-text path must match byte for byte (a property test compares them). */
export function sanitizeThroughDom(raw: string): { html: string; text: string } {
  const { body } = sanitizeToBody(checkedInput(raw));
  return { html: body.innerHTML, text: collapseWhitespace(textWithBoundaries(body)) };
}

/** The input with `\n` line ends, refused (SanitizeError) when over the bounds above. */
function checkedInput(raw: string): string {
  if (typeof raw !== 'string') throw new SanitizeError('unparseable', 'The text is not a string.');
  if (raw.length > MAX_SANITIZE_INPUT) {
    throw new SanitizeError('too_long', `The text is longer than ${MAX_SANITIZE_INPUT} characters.`);
  }
  const text = withLineFeeds(raw);
  if (countMatches(text, TAG_START) > MAX_SANITIZE_TAGS) {
    throw new SanitizeError('too_long', `The text holds more than ${MAX_SANITIZE_TAGS} tags.`);
  }
  if (countMatches(text, /\n/g) >= MAX_SANITIZE_LINES) {
    throw new SanitizeError('too_long', `The text has more than ${MAX_SANITIZE_LINES} lines.`);
  }
  return text;
}

/**
 * The final `<body>` of sanitizeBody for checked input (its innerHTML is what DOMPurify would have
 * returned as a string), and what the first parse removed of the text (removed-markup.ts).
 */
function sanitizeToBody(text: string): { body: HTMLElement; removed: string[] } {
  try {
    const purify = acquirePurifier(2);
    const input = parsedBody(purify, text, INPUT_CONFIG);
    // Read now: the next parse empties DOMPurify's list.
    const removed = namesOfRemoved(purify.removed, input, text);
    const formatted = formatBody(input).innerHTML;
    // Parsed and sanitised again so what we store is DOMPurify's own verdict on the formatter's work.
    return { body: parsedBody(purify, formatted, OUTPUT_CONFIG), removed };
  } catch (error) {
    throw unparseable(error);
  }
}

function countMatches(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

/**
 * The text of sanitised HTML for excerpts and meta tags: block and line
 * boundaries become spaces, ASCII whitespace runs collapse (no-break spaces
 * stay). The result is plain text, still to be escaped where it is shown.
 */
export function toPlainText(html: string): string {
  if (typeof html !== 'string') throw new SanitizeError('unparseable', 'The text is not a string.');
  if (html.length > MAX_PLAIN_TEXT_INPUT) {
    throw new SanitizeError('too_long', `The HTML is longer than ${MAX_PLAIN_TEXT_INPUT} characters.`);
  }
  return plainTextOfFormatted(html) ?? toPlainTextThroughDom(html);
}

/** toPlainText by parsing, for any HTML; the unparsed path must match it (a property test compares them). */
export function toPlainTextThroughDom(html: string): string {
  try {
    return collapseWhitespace(textWithBoundaries(parsedBody(acquirePurifier(1), html, OUTPUT_CONFIG)));
  } catch (error) {
    throw unparseable(error);
  }
}

/** ASCII whitespace runs become one space (no-break spaces stay). */
function collapseWhitespace(text: string): string {
  return text.replace(/[ \t\n\r\f]+/g, ' ').trim();
}

const TEXT_NODE = 3;
const BOUNDARY_TAGS: ReadonlySet<string> = new Set(['P', 'BR', 'BLOCKQUOTE']);

/** The text under `root`, with a space where a block or line starts or ends; read without recursion or mutation. */
function textWithBoundaries(root: Node): string {
  const parts: string[] = [];
  let node: Node | null = root.firstChild;
  while (node !== null) {
    if (node.nodeType === TEXT_NODE) parts.push((node as Text).data);
    else if (BOUNDARY_TAGS.has(node.nodeName)) parts.push(' ');
    node = node.firstChild ?? nextOutside(node, root, parts);
  }
  return parts.join('');
}

/** The next node in document order outside `node`'s subtree, with a space for each block it leaves. */
function nextOutside(node: Node, root: Node, parts: string[]): Node | null {
  let current = node;
  for (;;) {
    if (current.nextSibling !== null) return current.nextSibling;
    const parent = current.parentNode;
    if (parent === null || parent === root) return null;
    if (BOUNDARY_TAGS.has(parent.nodeName)) parts.push(' ');
    current = parent;
  }
}
