import { LINK_REL, hasCredentials, isSafeUrl } from './allowed.ts';

// jsdom's Node constants live on its window; these values are fixed by the DOM standard.
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/**
 * Elements nested deeper are unwrapped to their content. Real text nests a
 * few levels; jsdom's cost per node grows with its depth, so this bounds the
 * final sanitising pass.
 */
const MAX_NESTING = 16;

/** A blank line, possibly holding spaces or tabs, ends a paragraph. */
export const PARAGRAPH_BREAK = /\n(?:[ \t]*\n)+/;
export const LEADING_SPACE = /^[ \t\n]+/;
export const TRAILING_SPACE = /[ \t\n]+$/;

/** Candidate URLs in plain text; `\b` keeps `xhttp://` and `awww.` unlinked. */
export const URL_IN_TEXT = /\b(?:https?:\/\/|www\.)[^\s<>"«»]+/gi;
/** Sentence punctuation that ends a URL typed in prose rather than belonging to it. */
const TRAILING_PUNCTUATION = new Set(['.', ',', ';', ':', '!', '?', "'", '"', '…']);

const CLOSING_BRACKETS = new Map([
  [')', '('],
  [']', '['],
]);

/**
 * Builds the formatted copy of sanitised inline markup.
 *
 * Blank lines separate `<p>`, single newlines become `<br>` plus a newline,
 * a `<blockquote>` is a block formatted the same way inside, and bare URLs
 * become links. Blocks are joined by a blank line, so feeding the output back
 * (its `<p>`/`<br>` stripped as user markup) rebuilds the same output.
 *
 * The source is only read and a new tree is built: in jsdom, removing or
 * moving one of n siblings costs O(n), so rearranging in place is quadratic.
 * Elements are copied with `cloneNode(false)`, keeping the attributes the
 * sanitiser left.
 */
export function formatBody(source: Node): HTMLElement {
  const doc = ownerDocumentOf(source);
  const output = doc.createElement('div');
  formatBlocks(source, output, 0, doc);
  return output;
}

/** The children of `source` as paragraphs and blockquotes, appended to `target` (see copyInline for `depth`). */
function formatBlocks(source: Node, target: Element, depth: number, doc: Document): void {
  let paragraph: HTMLParagraphElement | null = null;
  let pendingText = '';

  const addBlock = (block: Element): void => {
    if (target.lastChild) target.append(doc.createTextNode('\n\n'));
    target.append(block);
  };
  const closeParagraph = (): void => {
    if (paragraph) addBlock(paragraph);
    paragraph = null;
  };
  const openParagraph = (): HTMLParagraphElement => (paragraph ??= doc.createElement('p'));
  // Whitespace at a paragraph's edges is what separated it from its neighbours.
  const flushText = (endsParagraph: boolean): void => {
    const pieces = pendingText.split(PARAGRAPH_BREAK);
    pendingText = '';
    pieces.forEach((piece, index) => {
      const isLast = index === pieces.length - 1;
      if (index > 0) closeParagraph();
      let text = paragraph ? piece : piece.replace(LEADING_SPACE, '');
      if (!isLast || endsParagraph) text = text.replace(TRAILING_SPACE, '');
      if (text !== '') appendInlineText(text, openParagraph(), false, doc);
    });
  };

  for (let child = source.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === TEXT_NODE) {
      pendingText += (child as Text).data;
    } else if (child.nodeType === ELEMENT_NODE) {
      if (isBlockquote(child) && depth < MAX_NESTING) {
        flushText(true);
        closeParagraph();
        const blockquote = child.cloneNode(false) as Element;
        formatBlocks(child, blockquote, depth + 1, doc);
        addBlock(blockquote);
      } else {
        flushText(false);
        copyInline(child as Element, openParagraph(), false, depth, doc);
      }
    }
  }
  flushText(true);
  closeParagraph();
}

function isBlockquote(node: Node): boolean {
  return node.nodeName === 'BLOCKQUOTE';
}

function isLink(node: Node): boolean {
  return node.nodeName === 'A';
}

/**
 * Copies an inline element into a paragraph. Two shapes are unwrapped to their
 * content because, serialised, they would parse as a different tree: a
 * `<blockquote>` inside inline markup closes the `<p>`, and an `<a>` inside an
 * `<a>` (which the parser builds only through table foster parenting, and on
 * which DOMPurify is not idempotent) closes the outer link. Anything nested
 * MAX_NESTING deep is unwrapped too. `depth` counts the copied elements (`<p>`
 * aside) around what is appended to `target`.
 */
function copyInline(element: Element, target: Element, insideLink: boolean, depth: number, doc: Document): void {
  if (isBlockquote(element) || (insideLink && isLink(element)) || depth >= MAX_NESTING) {
    copyInlineChildren(element, target, insideLink, depth, doc);
    return;
  }
  const copy = element.cloneNode(false) as Element;
  // Filled while detached: each insertion into a deep tree updates every ancestor.
  copyInlineChildren(element, copy, insideLink || isLink(element), depth + 1, doc);
  target.append(copy);
}

/** The children of `source`, appended to `target` (see copyInline for `depth`). */
function copyInlineChildren(source: Element, target: Element, insideLink: boolean, depth: number, doc: Document): void {
  let pendingText = '';
  for (let child = source.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === TEXT_NODE) {
      pendingText += (child as Text).data;
    } else if (child.nodeType === ELEMENT_NODE) {
      appendInlineText(pendingText, target, insideLink, doc);
      pendingText = '';
      copyInline(child as Element, target, insideLink, depth, doc);
    }
  }
  appendInlineText(pendingText, target, insideLink, doc);
}

/** Text with each newline as `<br>` and a newline, and bare URLs linked outside links. */
function appendInlineText(text: string, target: Element, insideLink: boolean, doc: Document): void {
  if (text === '') return;
  let pending = '';
  text.split('\n').forEach((line, index) => {
    if (index > 0) {
      if (pending !== '') target.append(doc.createTextNode(pending));
      target.append(doc.createElement('br'));
      pending = '\n';
    }
    if (insideLink) {
      pending += line;
      return;
    }
    let consumed = 0;
    for (const match of line.matchAll(URL_IN_TEXT)) {
      const url = withoutTrailingPunctuation(match[0]);
      const href = hrefFor(url);
      if (href === null) continue;
      pending += line.slice(consumed, match.index);
      if (pending !== '') target.append(doc.createTextNode(pending));
      pending = '';
      target.append(linkTo(href, url, doc));
      consumed = match.index + url.length;
    }
    pending += line.slice(consumed);
  });
  if (pending !== '') target.append(doc.createTextNode(pending));
}

function linkTo(href: string, text: string, doc: Document): HTMLAnchorElement {
  const link = doc.createElement('a');
  link.setAttribute('href', href);
  link.setAttribute('rel', LINK_REL);
  link.textContent = text;
  return link;
}

/** Drops sentence punctuation and closing brackets the URL did not open, e.g. `(voir https://a.fr/x).` */
export function withoutTrailingPunctuation(candidate: string): string {
  let url = candidate;
  for (;;) {
    const last = url.at(-1) ?? '';
    const opening = CLOSING_BRACKETS.get(last);
    if (TRAILING_PUNCTUATION.has(last)) {
      url = url.slice(0, -1);
    } else if (opening !== undefined && count(url, opening) < count(url, last)) {
      url = url.slice(0, -1);
    } else {
      return url;
    }
  }
}

function count(text: string, character: string): number {
  return text.split(character).length - 1;
}

/** The link target for a URL found in text, or null when it has no usable host or has credentials before it. */
export function hrefFor(url: string): string | null {
  const href = /^www\./i.test(url) ? `https://${url}` : url;
  if (!isSafeUrl(href)) return null;
  const parsed = URL.parse(href);
  if (!parsed || hasCredentials(parsed)) return null;
  return /[\p{L}\p{N}]/u.test(parsed.hostname.replace(/^www\./i, '')) ? href : null;
}

function ownerDocumentOf(node: Node): Document {
  const doc = node.ownerDocument;
  if (doc === null) throw new Error('formatBody needs a node that belongs to a document');
  return doc;
}
