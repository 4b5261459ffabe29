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

/** The request's id (request-log.ts), written with the head rather than set on its own: see withRequestId. */
const REQUEST_ID = Symbol('request id');
/** The headers object given to writeHead, when they went as a list (getHeader knows only headers set one by one). */
const GIVEN = Symbol('headers given');

interface Marked {
  [REQUEST_ID]?: string | undefined;
  [GIVEN]?: OutgoingHttpHeaders | undefined;
}

/** Sends `id` as `X-Request-Id` with the head of `res`, whoever writes it. */
export function sendRequestId(res: ServerResponse, id: string): void {
  if (res instanceof ServerResponse && REQUEST_ID in res) (res as Marked)[REQUEST_ID] = id;
  else res.setHeader('x-request-id', id);
}

/** The header `name` as sent with the head of `res` (for the access log's size). */
export function sentHeader(res: ServerResponse, name: string): string | undefined {
  return res.getHeader(name)?.toString() ?? given((res as Marked)[GIVEN], name);
}

/** The headers object as a flat list, made once per object (the front cache gives the same ones again and again). */
const flatLists = new WeakMap<object, Array<string | string[]>>();
function flatList(headers: OutgoingHttpHeaders): Array<string | string[]> {
  let flat = flatLists.get(headers);
  if (!flat) {
    flat = [];
    for (const [name, value] of Object.entries(headers)) {
      if (value !== undefined) flat.push(name, typeof value === 'number' ? String(value) : value);
    }
    flatLists.set(headers, flat);
  }
  return flat;
}

/**
 * Adds the request's id to the head about to be written. Set with `setHeader` as the request came
 * in, it made Node copy every header of a cached answer into its own table one by one before
 * writing them (8 % of a cache hit's CPU): given as a list with the others, they are written as they
 * are. Only when nothing was set one by one: otherwise Node merges the two, and the id joins them.
 */
function withRequestId(res: ServerResponse & Marked, rest: unknown[], headersAt: number): void {
  const id = res[REQUEST_ID];
  if (id === undefined) return;
  res[REQUEST_ID] = undefined;
  const headers = rest[headersAt] as HeadersArgument;
  if (headers && !Array.isArray(headers) && res.getHeaderNames().length === 0) {
    res[GIVEN] = headers;
    rest[headersAt] = [...flatList(headers), 'x-request-id', id];
  } else res.setHeader('x-request-id', id);
}

/**
 * A `ServerResponse` (for `http.createServer({ ServerResponse })`) that adds the missing security
 * headers when its head is written, whether by `writeHead(…)` or implicitly by a first
 * `write`/`end` (Node then calls `writeHead` itself), and the request's id (sendRequestId). A
 * class rather than a wrapper set on each response: the front cache answers in tens of
 * microseconds, and a closure per request showed.
 */
export function guardedResponse(options: SecurityHeaderOptions): typeof ServerResponse {
  // Header objects passed again and again (the front cache's prepared answers) checked once.
  const complete = new WeakSet<object>();
  const writeHead = ServerResponse.prototype.writeHead as (statusCode: number, ...rest: unknown[]) => ServerResponse;

  /** Adds the security headers the head lacks: set one by one, or in a copy of the caller's headers. */
  function secure(res: ServerResponse, rest: unknown[], headersAt: number): void {
    const headers = rest[headersAt] as HeadersArgument;
    if (headers && complete.has(headers)) return;
    if (headers && missingSecurityHeaders((name) => given(headers, name), options).length === 0) {
      complete.add(headers);
      return;
    }
    const read = (name: string) => given(headers, name) ?? res.getHeader(name)?.toString();
    for (const [name, value] of missingSecurityHeaders(read, options)) {
      if (given(headers, name) === undefined) res.setHeader(name, value);
      else if (headers && !Array.isArray(headers)) {
        // A CSP given here without frame-ancestors: replaced in a copy of the caller's headers.
        const own = Object.keys(headers).find((key) => key.toLowerCase() === name)!;
        rest[headersAt] = { ...headers, [own]: value };
      }
    }
  }

  return class GuardedResponse<Request extends IncomingMessage = IncomingMessage> extends ServerResponse<Request> {
    [REQUEST_ID]: string | undefined = undefined;
    [GIVEN]: OutgoingHttpHeaders | undefined = undefined;

    override writeHead(statusCode: number, ...rest: unknown[]): this {
      const headersAt = typeof rest[0] === 'string' ? 1 : 0;
      // A 304's headers replace the stored answer's in the browser's cache (RFC 9111, 4.3.4): adding
      // ours there would swap a page's full CSP for a bare frame-ancestors, or the embed's framing rule.
      if (statusCode !== 304) secure(this, rest, headersAt);
      const id = this[REQUEST_ID];
      withRequestId(this, rest, headersAt);
      try {
        return writeHead.call(this, statusCode, ...rest) as this;
      } catch (error) {
        // Refused (a bad header value): the 500 written instead carries the id, and not these headers.
        this[REQUEST_ID] = id;
        this[GIVEN] = undefined;
        throw error;
      }
    }
  } as unknown as typeof ServerResponse;
}
