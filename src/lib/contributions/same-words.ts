import { withLineFeeds } from '../sanitize/line-ends.ts';

/**
 * Whether two versions of a text have the same words, line ends aside: a browser sends a
 * textarea's lines back ending in CRLF (HTML's form encoding), whatever they ended in when stored
 * (LF from a script, an import or an older form). The sanitiser reads both alike.
 */
export function sameWords(a: string, b: string): boolean {
  return withLineFeeds(a) === withLineFeeds(b);
}
