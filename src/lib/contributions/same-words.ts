/**
 * Whether two versions of a text have the same words, line ends aside: a browser sends a
 * textarea's lines back ending in CRLF (HTML's form encoding), whatever they ended in when stored
 * (LF from a script, an import or an older form).
 */
export function sameWords(a: string, b: string): boolean {
  return a.replaceAll('\r', '') === b.replaceAll('\r', '');
}
