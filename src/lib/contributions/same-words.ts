/**
 * Whether two versions of a text have the same words, line ends aside: a browser sends a
 * textarea's lines back ending in CRLF (HTML's form encoding), whatever they ended in when stored
 * (LF from a script, an import or an older form).
 */
export function sameWords(a: string, b: string): boolean {
  return lineFeeds(a) === lineFeeds(b);
}

/** CRLF and a lone CR as the line feed they end a line with (the sanitiser reads both as one). */
function lineFeeds(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
