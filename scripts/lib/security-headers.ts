/**
 * The security headers on every answer of the front server, not only Astro's pages: static files,
 * Astro's own checkOrigin 403 (it runs before our middleware, so none of its headers), the
 * front server's 400s and any answer Astro writes outside its pipeline. Pages already carry
 * them (src/middleware.ts); here only what is missing is added, by the same rule
 * (src/lib/security/headers.ts), at the moment the status line is written.
 */
import { ServerResponse } from 'node:http';
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
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
  const exact = headers[name];
  if (exact !== undefined) return String(exact);
  for (const key in headers) {
    if (key.toLowerCase() === name && headers[key] !== undefined) return String(headers[key]);
  }
  return undefined;
}

/**
 * A `ServerResponse` (for `http.createServer({ ServerResponse })`) that adds the missing security
 * headers when its head is written, whether by `writeHead(…)` or implicitly by a first
 * `write`/`end` (Node then calls `writeHead` itself). A class rather than a wrapper set on each
 * response: the front cache answers in tens of microseconds, and a closure per request showed.
 */
export function guardedResponse(options: SecurityHeaderOptions): typeof ServerResponse {
  // Header objects passed again and again (the front cache's prepared answers) checked once.
  const complete = new WeakSet<object>();
  const writeHead = ServerResponse.prototype.writeHead as (statusCode: number, ...rest: unknown[]) => ServerResponse;
  return class GuardedResponse<Request extends IncomingMessage = IncomingMessage> extends ServerResponse<Request> {
    override writeHead(statusCode: number, ...rest: unknown[]): this {
      // A 304's headers replace the stored answer's in the browser's cache (RFC 9111, 4.3.4): adding
      // ours there would swap a page's full CSP for a bare frame-ancestors, or the embed's framing rule.
      if (statusCode === 304) return writeHead.call(this, statusCode, ...rest) as this;
      const headersAt = typeof rest[0] === 'string' ? 1 : 0;
      const headers = rest[headersAt] as HeadersArgument;
      if (headers && complete.has(headers)) return writeHead.call(this, statusCode, ...rest) as this;
      if (headers && missingSecurityHeaders((name) => given(headers, name), options).length === 0) {
        complete.add(headers);
        return writeHead.call(this, statusCode, ...rest) as this;
      }
      const read = (name: string) => given(headers, name) ?? this.getHeader(name)?.toString();
      for (const [name, value] of missingSecurityHeaders(read, options)) {
        if (given(headers, name) === undefined) this.setHeader(name, value);
        else if (headers && !Array.isArray(headers)) {
          // A CSP given here without frame-ancestors: replaced in a copy of the caller's headers.
          const own = Object.keys(headers).find((key) => key.toLowerCase() === name)!;
          rest[headersAt] = { ...headers, [own]: value };
        }
      }
      return writeHead.call(this, statusCode, ...rest) as this;
    }
  } as unknown as typeof ServerResponse;
}
