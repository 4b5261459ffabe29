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
