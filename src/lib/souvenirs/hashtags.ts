/** The movement's own hashtag, implied on every souvenir and so never stored. */
export const MAIN_HASHTAG = 'monplusbeausouvenirdubataclan';

const HASHTAG = /(?:^|[^\p{L}\p{N}_&#])#([\p{L}\p{N}_]{2,50})/gu;

/** Hashtags found in a plain text, lower-cased, without the main one, at most 10. */
export function extractHashtags(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(HASHTAG)) {
    const tag = match[1]!.toLocaleLowerCase('fr');
    if (tag !== MAIN_HASHTAG && !/^\d+$/.test(tag)) found.add(tag);
    if (found.size >= 10) break;
  }
  return [...found];
}
