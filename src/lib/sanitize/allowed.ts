/** What a contributor may write: the 13 tags WordPress's comment form allowed (minus `<s>`). */
export const USER_TAGS = [
  'a',
  'abbr',
  'acronym',
  'b',
  'blockquote',
  'cite',
  'code',
  'del',
  'em',
  'i',
  'q',
  'strike',
  'strong',
] as const;

/** Produced by our formatter only; a contributor's own `<p>`/`<br>` are stripped. */
export const FORMATTER_TAGS = ['p', 'br'] as const;

/** Attributes per tag. DOMPurify's ALLOWED_ATTR is global, so a hook enforces this map. */
export const ATTRIBUTES_BY_TAG: ReadonlyMap<string, readonly string[]> = new Map([
  ['a', ['href', 'title']],
  ['abbr', ['title']],
  ['acronym', ['title']],
  ['blockquote', ['cite']],
  ['del', ['datetime']],
  ['q', ['cite']],
]);

export const ALL_ATTRIBUTES = ['href', 'title', 'cite', 'datetime'] as const;

/** Attributes holding a URL: only absolute http(s) and mailto survive. */
export const URL_ATTRIBUTES: ReadonlySet<string> = new Set(['href', 'cite']);

/**
 * Anchored on the literal scheme, so no encoded or whitespace-split scheme
 * (`jav&#x09;ascript:`) can hide behind it; relative URLs are refused too.
 */
export const SAFE_URL = /^(?:https?:\/\/|mailto:)/i;

/** Set on every link: user content must not pass ranking, referrer or `window.opener`. */
export const LINK_REL = 'nofollow ugc noopener noreferrer';

/** Shown under the form as WordPress showed it; the page escapes it. */
export const ALLOWED_TAGS_NOTICE =
  '<a href="" title=""> <abbr title=""> <acronym title=""> <b> <blockquote cite=""> <cite> <code> <del datetime=""> <em> <i> <q cite=""> <strike> <strong>';

export function isAttributeAllowed(tag: string, attribute: string): boolean {
  return ATTRIBUTES_BY_TAG.get(tag)?.includes(attribute) ?? false;
}

export function isSafeUrl(value: string): boolean {
  return SAFE_URL.test(value);
}

/**
 * Credentials before the host (`https://exemple.fr@ailleurs.example/`) make a link read as one
 * site and open another: links in bodies and the commenter's website refuse them alike.
 */
export function hasCredentials(url: URL): boolean {
  return url.username !== '' || url.password !== '';
}

/** One address, as a mail client reads a mailto's recipient once percent-decoded. */
const ONE_ADDRESS = /^[^\s@,;?&<>"]+@[^\s@,;?&<>"]+$/;

/**
 * What a URL attribute (see isSafeUrl) may hold, or null to drop it: http(s) without credentials,
 * and a mailto reduced to its one address (`?cc=`, `?bcc=`, `&body=` would add recipients or words
 * the reader never saw). A value the URL parser cannot read is kept as it is: it opens nothing.
 */
export function permittedUrl(value: string): string | null {
  if (!isSafeUrl(value)) return null;
  const url = URL.parse(value);
  if (!url) return value;
  if (url.protocol !== 'mailto:') return hasCredentials(url) ? null : value;
  const address = value.slice('mailto:'.length).split(/[?#]/, 1)[0]!;
  let decoded: string;
  try {
    decoded = decodeURIComponent(address);
  } catch {
    return null;
  }
  return ONE_ADDRESS.test(decoded) ? `mailto:${address}` : null;
}
