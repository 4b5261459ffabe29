const BASE = 'http://same-site.invalid';

/**
 * The `retour` parameter of the login page as a path on this site, or null. Only a plain
 * absolute path is accepted: never `//host`, `/\host`, a scheme or control characters, so a
 * crafted login link cannot send a moderator to another site after they sign in.
 */
export function safeReturnPath(value: string | null | undefined): string | null {
  if (!value || value.length > 2000) return null;
  if (!value.startsWith('/') || value.startsWith('//') || /[\\\u0000-\u001F\u007F]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  const path = url.pathname + url.search;
  // Coming back to the login page would only show the form again.
  if (/^(\/en)?\/connexion\/?$/.test(url.pathname)) return null;
  return path;
}
