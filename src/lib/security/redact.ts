/** A path with the private token of an author's link (or of the first admin's setup address) replaced, for log lines. */
export function redactToken(pathname: string): string {
  return pathname.replace(/(\/(?:mes-souvenirs|installation)\/)[^/?#]+/, '$1…');
}
