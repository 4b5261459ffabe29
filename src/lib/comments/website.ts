import { hasCredentials } from '../sanitize/allowed.ts';

/** Longest website address kept, in characters. */
export const MAX_WEBSITE_LENGTH = 200;

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * The website a commenter gave, as an absolute http(s) address, or null when it is not one.
 * A bare "exemple.fr" gets https:// in front (WordPress adds http://; most sites now answer on
 * https). Credentials in the address, other schemes and hosts without a dot are refused.
 */
export function normaliseWebsite(value: string): string | null {
  const typed = value.trim();
  if (typed === '' || typed.length > MAX_WEBSITE_LENGTH || /\s/.test(typed)) return null;
  let url: URL;
  try {
    url = new URL(HAS_SCHEME.test(typed) ? typed : `https://${typed}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  // Credentials are refused as in links in bodies; an empty `@` before the host is dropped by `href`.
  if (hasCredentials(url) || !url.hostname.includes('.') || url.hostname.endsWith('.')) return null;
  return url.href.length <= MAX_WEBSITE_LENGTH ? url.href : null;
}
