// What of a contributor's markup the sanitiser's first parse threw away, in words the contributor
// can act on (`<img>`, `onclick`, `<!-- -->`): said beside the preview and on the private page
// instead of being found gone (sanitize.ts reads it from the very parse that sanitises).
import type { DOMPurify } from 'dompurify';

/** Most names given: past a dozen, more would not help anyone fix a text. */
export const MOST_REMOVED_NAMED = 12;

/**
 * Removals that take nothing from the author: the document's own frame (the parser makes it), and
 * a link's `rel`, which every link gets from us whatever was typed.
 */
const NOT_TAKEN = new Set(['<html>', '<head>', '<body>', 'rel']);

const ELEMENT = 1;
const COMMENT = 8;

function nodeLabel(node: Node): string | null {
  if (node.nodeType === ELEMENT) return `<${node.nodeName.toLowerCase()}>`;
  return node.nodeType === COMMENT ? '<!-- -->' : null;
}

/**
 * What the parser put outside the `<body>` DOMPurify sanitises, and so dropped without listing it:
 * elements it places in `<head>` when a text starts with them (`<title>`, `<script>`, `<style>`,
 * `<meta>`…) and comments before everything else. Not the `<html>` element's own children:
 * DOMPurify removes the `<body>` itself (not an allowed tag) and leaves copies of its content there.
 */
function outsideBody(body: HTMLElement): Node[] {
  const document = body.ownerDocument;
  const comments = [...document.childNodes].filter((node) => node.nodeType === COMMENT);
  return [...(document.head?.childNodes ?? []), ...comments];
}

/** A tag the author typed (`<tbody>` the parser adds to a table was not): its whole name in the text, case aside. */
function typed(name: string, lowerText: string): boolean {
  if (!name.startsWith('<') || name === '<!-- -->') return true;
  const tag = name.slice(1, -1).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`</?${tag}(?=[\\s/>]|$)`).test(lowerText);
}

/** Ends a list cut at MOST_REMOVED_NAMED: there was more. */
export const MORE_REMOVED = '…';

/**
 * The names of what the first parse of `text` removed: what the parser left outside its `body`,
 * then DOMPurify's own list for that parse (`removed`, read before the next parse empties it);
 * each name once, none of the parser's own additions (`<tbody>` in a table), at most
 * MOST_REMOVED_NAMED, then MORE_REMOVED when there were more.
 */
export function namesOfRemoved(removed: DOMPurify['removed'], body: HTMLElement, text: string): string[] {
  const lowerText = text.toLowerCase();
  const names = new Set<string>();
  let more = false;
  const add = (name: string | null | undefined) => {
    if (!name || NOT_TAKEN.has(name) || names.has(name) || !typed(name, lowerText)) return;
    if (names.size < MOST_REMOVED_NAMED) names.add(name);
    else more = true;
  };
  for (const node of outsideBody(body)) add(nodeLabel(node));
  for (const item of removed) add('element' in item ? nodeLabel(item.element) : item.attribute?.name.toLowerCase());
  return more ? [...names, MORE_REMOVED] : [...names];
}
