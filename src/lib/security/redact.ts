/** A path with the private token of an author's link replaced, for log lines. */
export function redactToken(pathname: string): string {
  return pathname.replace(/(\/mes-souvenirs\/)[^/?#]+/, '$1…');
}
