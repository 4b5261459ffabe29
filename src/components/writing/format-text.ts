import { isSafeUrl } from '../../lib/sanitize/allowed.ts';

/**
 * What the formatting bar writes into a text: the allowed tags (sanitize/allowed.ts), never
 * anything else, so storage and the sanitiser do not change. Pure functions over a string and a
 * selection, shared by the browser script and its tests.
 */
export type FormatCommand = 'bold' | 'italic' | 'quote' | 'cite' | 'link' | 'strike';

export const FORMAT_COMMANDS: readonly FormatCommand[] = ['bold', 'italic', 'quote', 'cite', 'link', 'strike'];

/** Ctrl (or ⌘) with these letters, as in every word processor. */
export const SHORTCUTS: Readonly<Partial<Record<FormatCommand, string>>> = { bold: 'b', italic: 'i', link: 'k' };

const INLINE_TAGS: Readonly<Record<Exclude<FormatCommand, 'quote' | 'link'>, string>> = {
  bold: 'strong',
  italic: 'em',
  cite: 'cite',
  strike: 'del',
};

/** The text after a command, and what to select in it (the words inside the new tags). */
export interface Formatted {
  value: string;
  selectionStart: number;
  selectionEnd: number;
}

/**
 * An address the sanitiser keeps on a link: http, https or mailto (the same test it applies), with
 * no space or quote that would end the attribute where the person did not mean it to.
 */
export function isLinkAddress(address: string): boolean {
  return isSafeUrl(address) && !/[\s"<>]/.test(address);
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

/** The opening and closing tags a command puts around `selected` (a quotation over lines is a block). */
function tagsFor(command: FormatCommand, selected: string, href: string | undefined): [string, string] {
  if (command === 'link') return [`<a href="${escapeAttribute(href ?? '')}">`, '</a>'];
  if (command === 'quote') return selected.includes('\n') ? ['<blockquote>', '</blockquote>'] : ['<q>', '</q>'];
  const tag = INLINE_TAGS[command];
  return [`<${tag}>`, `</${tag}>`];
}

/**
 * `value` with the selection [start, end) wrapped by `command`'s tags; a link takes `href` (check
 * it with isLinkAddress first) and, when nothing is selected, shows the address itself.
 */
export function applyFormat(
  value: string,
  start: number,
  end: number,
  command: FormatCommand,
  href?: string,
): Formatted {
  let selected = value.slice(start, end);
  if (command === 'link' && selected === '') selected = href ?? '';
  const [open, close] = tagsFor(command, selected, href);
  const inner = start + open.length;
  return {
    value: value.slice(0, start) + open + selected + close + value.slice(end),
    selectionStart: inner,
    selectionEnd: inner + selected.length,
  };
}
