/** A run of an excerpt's text: `hit` when it is a word the search matched. Plain text, never HTML. */
export interface ExcerptSegment {
  text: string;
  hit: boolean;
}

/** What a serialiser writes for these characters in text; a numeric reference for the rest. */
const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

function decodeReferences(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name[0] !== '#') return NAMED[name.toLowerCase()] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
  });
}

/**
 * The excerpt `ts_headline` made of a body's escaped text (search.ts), as plain-text segments:
 * `<mark>` and `</mark>` are the only markup in it (every `<` of the text itself is `&lt;`), so
 * they are split on, then character references decoded. The page prints the segments as text,
 * so nothing a contributor wrote can become markup.
 */
export function excerptSegments(headline: string): ExcerptSegment[] {
  const segments: ExcerptSegment[] = [];
  let hit = false;
  for (const piece of headline.split(/(<mark>|<\/mark>)/)) {
    if (piece === '<mark>') hit = true;
    else if (piece === '</mark>') hit = false;
    else {
      const text = decodeReferences(piece).replace(/\s+/g, ' ');
      if (!text) continue;
      const last = segments.at(-1);
      if (last && last.hit === hit) last.text += text;
      else segments.push({ text, hit });
    }
  }
  if (segments[0]) segments[0].text = segments[0].text.trimStart();
  const last = segments.at(-1);
  if (last) last.text = last.text.trimEnd();
  return segments.filter((segment) => segment.text !== '');
}
