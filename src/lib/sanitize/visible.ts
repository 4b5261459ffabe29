/**
 * What a text shows, and what in it would lie about its direction (Trojan Source, CVE-2021-42574).
 * Read by the forms' schemas and by the sanitiser's last check; both must agree.
 */

/**
 * Embeddings, overrides and their pop (U+202A–U+202E), isolates and theirs (U+2066–U+2069): an
 * override makes "‮rotaredom" read as "moderator", and one left open reverses what follows it.
 * The marks LRM, RLM and ALM stay allowed: they order neighbouring punctuation, never letters.
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

export function hasBidiControl(text: string): boolean {
  return BIDI_CONTROL.test(text);
}

/** Each bidi control written as its escape (`\u202E`): a moderator sees it, and it reorders nothing. */
export function showBidiControls(text: string): string {
  return text.replace(new RegExp(BIDI_CONTROL.source, 'g'), (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * A character that draws nothing: whitespace, format characters (zero-width spaces and joiners,
 * LRM/RLM/ALM, soft hyphen, tags), default-ignorable fillers (Hangul fillers, variation selectors),
 * marks with no base to sit on, controls, unassigned and private-use code points, and the blank
 * braille pattern (U+2800), which fonts draw as an empty cell.
 */
const INVISIBLE = /[\s\p{Default_Ignorable_Code_Point}\p{M}\p{C}\u2800]/u;

/** True when some character of `text` shows something (a combining mark alone shows nothing). */
export function hasVisibleText(text: string): boolean {
  for (const character of text) {
    if (!INVISIBLE.test(character)) return true;
  }
  return false;
}
