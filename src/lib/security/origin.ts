const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * True for a state-changing request whose Origin is missing or is not this site.
 * Browsers send Origin on every POST; a request without one is a script, not our form.
 */
export function isCrossSiteWrite(request: Request, url: URL): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const origin = request.headers.get('origin');
  if (!origin || origin === 'null') return true;
  return origin !== url.origin;
}
