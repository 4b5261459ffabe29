import { URL_IN_TEXT } from '../sanitize/format.ts';
import { decodeCharacterReferences } from '../sanitize/character-references.ts';

/** WordPress's own count of typed links (`comment_max_links`): an `<a` tag with an href. */
const ANCHOR_WITH_HREF = /<a\s[^>]*href/gi;
const ANCHOR_ELEMENT = /<a\b[^>]*>[\s\S]*?<\/a\s*>/gi;
const SCRIPT_OR_STYLE = /<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const TAG = /<[^>]*>/g;

/**
 * How many links a text will show: typed `<a href>` tags, plus bare URLs outside them, since the
 * formatter turns those into links too (it uses the same URL pattern).
 */
export function countLinks(text: string): number {
  const anchors = text.match(ANCHOR_WITH_HREF)?.length ?? 0;
  const outside = text.replace(ANCHOR_ELEMENT, ' ').replace(TAG, ' ');
  return anchors + (outside.match(URL_IN_TEXT)?.length ?? 0);
}

/**
 * The text with its markup removed (as WordPress's `wp_strip_all_tags`: script and style
 * with their content, then every tag) and the usual entities decoded, so that `sp<b></b>am`
 * or `sp&#97;m` are read as `spam`. For matching only, never for display.
 */
export function stripTags(html: string): string {
  return decodeCharacterReferences(html.replace(SCRIPT_OR_STYLE, '').replace(TAG, ''));
}

/**
 * Case- and accent-free form of a text: "Été" and "ete" fold alike. NFKD rather than NFD so
 * compatibility forms (full-width letters, ligatures such as "ﬁ") fold to plain letters too.
 */
export function foldForMatching(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Whether `word` occurs in `text`, ignoring case and accents, anywhere, inside words included
 * (WordPress matches "press" in "WordPress"). An empty word matches nothing.
 */
export function matchesWord(text: string, word: string): boolean {
  const needle = foldForMatching(word.trim());
  return needle !== '' && foldForMatching(text).includes(needle);
}

/** The first word of the list found in any of the texts, or null. */
export function firstMatchingWord(words: readonly string[], texts: readonly string[]): string | null {
  // No list (the default): nothing to fold, on every share and comment.
  if (words.length === 0) return null;
  const folded = texts.map(foldForMatching);
  for (const word of words) {
    const needle = foldForMatching(word.trim());
    if (needle !== '' && folded.some((text) => text.includes(needle))) return word;
  }
  return null;
}

/** A word list as an admin types it: one word or phrase per line, blank lines and repeats dropped. */
export function parseWordList(text: string): string[] {
  const seen = new Set<string>();
  const words: string[] = [];
  for (const line of text.split(/\r\n?|\n/)) {
    const word = line.trim();
    const key = foldForMatching(word);
    if (word === '' || seen.has(key)) continue;
    seen.add(key);
    words.push(word);
  }
  return words;
}
