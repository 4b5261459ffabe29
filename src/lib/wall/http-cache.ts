import { createHash } from 'node:crypto';

/** A strong validator of exact bytes (RFC 9110 §8.8.3): the same body always gives the same tag. */
export function strongEtag(body: Uint8Array): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/**
 * Whether `If-None-Match` names this entity tag. The comparison is the weak one RFC 9110 §13.1.2
 * prescribes for this header (a W/ prefix on either side is ignored); `*` matches any.
 */
export function ifNoneMatchMatches(header: string | null | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return header.split(',').some((tag) => opaque(tag) === wanted);
}

/** Headers a 304 repeats from the 200 it stands for (RFC 9110 §15.4.5). */
const KEPT_ON_304 = new Set(['cache-control', 'content-location', 'date', 'etag', 'expires', 'vary']);

export interface StoredResponse {
  status: number;
  /** Lower-case names, final values (security headers included). */
  headers: ReadonlyArray<readonly [string, string]>;
  body: Uint8Array;
  etag: string;
}

export interface ResponseParts {
  status: number;
  headers: Array<[string, string]>;
  /** Null for a 304 or a HEAD. */
  body: Uint8Array | null;
}

/**
 * The answer to a GET or HEAD from a stored response: a 304 when the client already holds these
 * bytes, else the bytes. Plain data, so a node:http server can write it without Astro.
 */
export function answerFromStore(
  stored: StoredResponse,
  method: string,
  ifNoneMatch: string | null | undefined,
): ResponseParts {
  if (ifNoneMatchMatches(ifNoneMatch, stored.etag)) {
    return {
      status: 304,
      headers: stored.headers.filter(([name]) => KEPT_ON_304.has(name)).map(([n, v]) => [n, v]),
      body: null,
    };
  }
  const headers = stored.headers.map(([n, v]) => [n, v] as [string, string]);
  headers.push(['content-length', String(stored.body.byteLength)]);
  return { status: stored.status, headers, body: method === 'HEAD' ? null : stored.body };
}

export function toWebResponse(parts: ResponseParts): Response {
  return new Response(parts.body as BodyInit | null, { status: parts.status, headers: parts.headers });
}
