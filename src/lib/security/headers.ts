/**
 * The security headers every answer carries, whoever wrote it: Astro's middleware for pages
 * (src/middleware.ts), and our node:http front server for what never reaches it — static files,
 * Astro's own checkOrigin refusal (it runs before our middleware), the front server's 400s
 * (scripts/lib/security-headers.ts). Only missing headers are added: a page that chose a stricter
 * one (the author's private page says `Referrer-Policy: same-origin`) keeps it.
 */

export const HSTS = 'max-age=31536000; includeSubDomains';

const BASELINE: ReadonlyArray<readonly [string, string]> = [
  ['x-content-type-options', 'nosniff'],
  // Pages link to other sites (websites in comments, links in souvenirs): they get the origin, never the path.
  ['referrer-policy', 'strict-origin-when-cross-origin'],
  ['permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()'],
];

export interface SecurityHeaderOptions {
  /** Strict-Transport-Security (public-origin.ts, `sendsHsts`). */
  hsts: boolean;
}

/**
 * The headers to set on an answer, given how to read the ones it already has (by lower-case
 * name): each missing baseline header, HSTS when wanted, and framing refused unless the answer
 * already said who may frame it (the embed sends `X-Frame-Options: SAMEORIGIN` and its own
 * `frame-ancestors`). A CSP without `frame-ancestors` comes back with `frame-ancestors 'none'`
 * appended, since a `<meta>` CSP cannot carry it.
 */
export function missingSecurityHeaders(
  get: (name: string) => string | null | undefined,
  options: SecurityHeaderOptions,
): Array<[string, string]> {
  const missing: Array<[string, string]> = [];
  for (const [name, value] of BASELINE) if (!get(name)) missing.push([name, value]);
  if (options.hsts && !get('strict-transport-security')) missing.push(['strict-transport-security', HSTS]);
  if (!get('x-frame-options')) {
    missing.push(['x-frame-options', 'DENY']);
    const csp = get('content-security-policy');
    if (!csp) missing.push(['content-security-policy', "frame-ancestors 'none';"]);
    else if (!/(^|;)\s*frame-ancestors\b/i.test(csp)) {
      missing.push(['content-security-policy', `${csp.replace(/;?\s*$/, ';')} frame-ancestors 'none';`]);
    }
  }
  return missing;
}
