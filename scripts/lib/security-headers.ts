/**
 * The security headers on every answer of the front server, not only Astro's pages: static files,
 * Astro's own checkOrigin 403 (it runs before our middleware, so none of its headers), the
 * front server's 400s and any answer Astro writes outside its pipeline. Pages already carry
 * them (src/middleware.ts); here only what is missing is added, by the same rule
 * (src/lib/security/headers.ts), at the moment the status line is written.
 */
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { missingSecurityHeaders } from '../../src/lib/security/headers.ts';
import type { SecurityHeaderOptions } from '../../src/lib/security/headers.ts';

type HeadersArgument = OutgoingHttpHeaders | Array<string | string[]> | undefined;

/** The header `name` (lower case) among those given to writeHead, as a plain object or a flat array. */
function given(headers: HeadersArgument, name: string): string | undefined {
  if (!headers) return undefined;
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2) {
      if (String(headers[i]).toLowerCase() === name) return String(headers[i + 1]);
    }
    return undefined;
  }
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name && value !== undefined) return String(value);
  }
  return undefined;
}

/**
 * Makes `res` add the missing security headers when its head is written, whether by
 * `writeHead(…)` or implicitly by a first `write`/`end` (Node then calls `writeHead` itself).
 */
export function guardSecurityHeaders(res: ServerResponse, options: SecurityHeaderOptions): void {
  const writeHead = res.writeHead.bind(res) as (statusCode: number, ...rest: unknown[]) => ServerResponse;
  res.writeHead = ((statusCode: number, ...rest: unknown[]) => {
    // A 304's headers replace the stored answer's in the browser's cache (RFC 9111, 4.3.4): adding
    // ours there would swap a page's full CSP for a bare frame-ancestors, or the embed's framing rule.
    if (statusCode === 304) return writeHead(statusCode, ...rest);
    const headersAt = typeof rest[0] === 'string' ? 1 : 0;
    const headers = rest[headersAt] as HeadersArgument;
    const read = (name: string) => given(headers, name) ?? res.getHeader(name)?.toString();
    for (const [name, value] of missingSecurityHeaders(read, options)) {
      if (given(headers, name) === undefined) res.setHeader(name, value);
      else if (headers && !Array.isArray(headers)) {
        // A CSP given here without frame-ancestors: replaced in a copy of the caller's headers.
        const own = Object.keys(headers).find((key) => key.toLowerCase() === name)!;
        rest[headersAt] = { ...headers, [own]: value };
      }
    }
    return writeHead(statusCode, ...rest);
  }) as ServerResponse['writeHead'];
}
