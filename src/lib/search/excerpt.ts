import { decodeCharacterReferences } from '../sanitize/character-references.ts';

/** A run of an excerpt's text: `hit` when it is a word the search matched. Plain text, never HTML. */
export interface ExcerptSegment {
  text: string;
  hit: boolean;
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
      const text = decodeCharacterReferences(piece).replace(/\s+/g, ' ');
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
