import { LINK_REL, isSafeUrl } from './allowed.ts';

// jsdom's Node constants live on its window; these values are fixed by the DOM standard.
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const SHOW_TEXT = 0x4;

/** A blank line, possibly holding spaces or tabs, ends a paragraph. */
const PARAGRAPH_BREAK = /\n(?:[ \t]*\n)+/;
const LEADING_SPACE = /^[ \t\n]+/;
const TRAILING_SPACE = /[ \t\n]+$/;

/** Candidate URLs in plain text; `\b` keeps `xhttp://` and `awww.` unlinked. */
const URL_IN_TEXT = /\b(?:https?:\/\/|www\.)[^\s<>"«»]+/gi;
/** Sentence punctuation that ends a URL typed in prose rather than belonging to it. */
const TRAILING_PUNCTUATION = new Set(['.', ',', ';', ':', '!', '?', "'", '"', '…']);
const CLOSING_BRACKETS = new Map([
  [')', '('],
  [']', '['],
]);

/**
 * Turns sanitised inline markup into paragraphs, in place.
 *
 * Blank lines separate `<p>`, single newlines become `<br>` followed by a
 * newline, `<blockquote>` is a block whose content is formatted the same way,
 * and bare URLs become links. Blocks are joined by a blank line, so feeding
 * the output back (its `<p>`/`<br>` stripped as user markup) rebuilds it.
 */
export function formatBody(root: Element | DocumentFragment): void {
  unwrapMisplacedBlockquotes(root);
  unwrapNestedLinks(root);
  root.normalize();
  formatBlockContainer(root);
}

/** A `<blockquote>` inside inline markup would close the enclosing `<p>` when the HTML is parsed again. */
function unwrapMisplacedBlockquotes(root: Element | DocumentFragment): void {
  const wellPlaced = new Set<Node>([root]);
  // querySelectorAll is in document order, so a parent is settled before its children.
  for (const blockquote of Array.from(root.querySelectorAll('blockquote'))) {
    if (blockquote.parentNode && wellPlaced.has(blockquote.parentNode)) {
      wellPlaced.add(blockquote);
    } else {
      unwrap(blockquote);
    }
  }
}

/**
 * The parser never builds `<a>` inside `<a>` except through table foster
 * parenting; serialised, such a tree parses differently (DOMPurify is not
 * idempotent on it), so keep only the outer link.
 */
function unwrapNestedLinks(root: Element | DocumentFragment): void {
  for (const link of Array.from(root.querySelectorAll('a'))) {
    if (link.parentElement?.closest('a')) unwrap(link);
  }
}

function unwrap(element: Element): void {
  element.replaceWith(...childrenOf(element));
}

/**
 * A snapshot of a node's children. jsdom updates a live `childNodes` list on
 * every later mutation of its parent, which makes moving n children O(n²).
 */
function childrenOf(node: Node): Node[] {
  const children: Node[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) children.push(child);
  return children;
}

function isBlock(node: Node): node is Element {
  return node.nodeType === ELEMENT_NODE && node.nodeName === 'BLOCKQUOTE';
}

function formatBlockContainer(container: Element | DocumentFragment): void {
  const doc = ownerDocumentOf(container);
  const blocks: Node[] = [];
  let inlineRun: Node[] = [];
  const flushInlineRun = (): void => {
    blocks.push(...paragraphsOf(inlineRun, doc));
    inlineRun = [];
  };

  for (const child of childrenOf(container)) {
    if (isBlock(child)) {
      flushInlineRun();
      formatBlockContainer(child);
      blocks.push(child);
    } else {
      inlineRun.push(child);
    }
  }
  flushInlineRun();

  container.replaceChildren();
  blocks.forEach((block, index) => {
    if (index > 0) container.append(doc.createTextNode('\n\n'));
    container.append(block);
  });
}

function paragraphsOf(nodes: Node[], doc: Document): HTMLParagraphElement[] {
  const groups: Node[][] = [[]];
  for (const node of nodes) {
    if (node.nodeType !== TEXT_NODE) {
      groups[groups.length - 1].push(node);
      continue;
    }
    const pieces = (node as Text).data.split(PARAGRAPH_BREAK);
    pieces.forEach((piece, index) => {
      if (index > 0) groups.push([]);
      groups[groups.length - 1].push(doc.createTextNode(piece));
    });
  }

  const paragraphs: HTMLParagraphElement[] = [];
  for (const group of groups) {
    trimEdges(group);
    const content = group.filter((node) => node.nodeType !== TEXT_NODE || (node as Text).data !== '');
    if (content.length === 0) continue;
    const paragraph = doc.createElement('p');
    paragraph.append(...content);
    formatText(paragraph, doc);
    paragraphs.push(paragraph);
  }
  return paragraphs;
}

/** Whitespace at a paragraph's edges is what separated it from its neighbours. */
function trimEdges(group: Node[]): void {
  const first = group[0];
  if (first?.nodeType === TEXT_NODE) {
    (first as Text).data = (first as Text).data.replace(LEADING_SPACE, '');
  }
  const last = group[group.length - 1];
  if (last?.nodeType === TEXT_NODE) {
    (last as Text).data = (last as Text).data.replace(TRAILING_SPACE, '');
  }
}

/** Line breaks and links inside one paragraph, inline markup included. */
function formatText(paragraph: HTMLParagraphElement, doc: Document): void {
  const walker = doc.createTreeWalker(paragraph, SHOW_TEXT);
  const texts: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node as Text);

  for (const text of texts) {
    const insideLink = text.parentElement?.closest('a') != null;
    const lines = text.data.split('\n');
    if (lines.length === 1 && (insideLink || !text.data.match(URL_IN_TEXT))) continue;

    const replacement: Node[] = [];
    lines.forEach((line, index) => {
      if (index > 0) replacement.push(doc.createElement('br'), doc.createTextNode('\n'));
      if (line === '') return;
      if (insideLink) replacement.push(doc.createTextNode(line));
      else replacement.push(...linkify(line, doc));
    });
    text.replaceWith(...replacement);
  }
}

function linkify(line: string, doc: Document): Node[] {
  const nodes: Node[] = [];
  let consumed = 0;
  for (const match of line.matchAll(URL_IN_TEXT)) {
    const url = withoutTrailingPunctuation(match[0]);
    const href = hrefFor(url);
    if (href === null) continue;
    if (match.index > consumed) nodes.push(doc.createTextNode(line.slice(consumed, match.index)));
    const link = doc.createElement('a');
    link.setAttribute('href', href);
    link.setAttribute('rel', LINK_REL);
    link.textContent = url;
    nodes.push(link);
    consumed = match.index + url.length;
  }
  if (consumed < line.length) nodes.push(doc.createTextNode(line.slice(consumed)));
  return nodes;
}

/** Drops sentence punctuation and closing brackets the URL did not open, e.g. `(voir https://a.fr/x).` */
function withoutTrailingPunctuation(candidate: string): string {
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

/** The link target for a URL found in text, or null when it has no usable host. */
function hrefFor(url: string): string | null {
  const href = /^www\./i.test(url) ? `https://${url}` : url;
  if (!isSafeUrl(href)) return null;
  let host: string;
  try {
    host = new URL(href).hostname;
  } catch {
    return null;
  }
  return /[\p{L}\p{N}]/u.test(host.replace(/^www\./i, '')) ? href : null;
}

function ownerDocumentOf(node: Node): Document {
  const doc = node.ownerDocument;
  if (doc === null) throw new Error('formatBody needs a node that belongs to a document');
  return doc;
}
