import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { AddressInfo } from 'node:net';
import { listen } from '../../scripts/lib/http-server.ts';
import type { RunningServer } from '../../scripts/lib/http-server.ts';
import { HSTS, missingSecurityHeaders } from '../../src/lib/security/headers.ts';
import { linkOrigin, parsePublicOrigin, sendsHsts } from '../../src/lib/security/public-origin.ts';

function completed(given: Record<string, string>, hsts = false): Record<string, string> {
  const headers = new Headers(given);
  for (const [name, value] of missingSecurityHeaders((name) => headers.get(name), { hsts })) headers.set(name, value);
  return Object.fromEntries(headers);
}

describe('the security headers an answer lacks', () => {
  it('keeps the no-referrer a page chose, and fills in the rest', () => {
    const headers = completed({ 'referrer-policy': 'no-referrer' });
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['permissions-policy']).toContain('camera=()');
  });

  it('refuses framing, appending frame-ancestors to a CSP that lacks it', () => {
    const headers = completed({ 'content-security-policy': "script-src 'self' 'sha256-abc'" });
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['content-security-policy']).toBe("script-src 'self' 'sha256-abc'; frame-ancestors 'none';");
  });

  it('leaves framing to a page that said who may frame it (the embed)', () => {
    const csp = "script-src 'self'; frame-ancestors 'self' https:";
    const headers = completed({ 'x-frame-options': 'SAMEORIGIN', 'content-security-policy': csp });
    expect(headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(headers['content-security-policy']).toBe(csp);
  });

  it('adds HSTS only when asked to', () => {
    expect(completed({})['strict-transport-security']).toBeUndefined();
    expect(completed({}, true)['strict-transport-security']).toBe(HSTS);
  });
});

describe('the public origin', () => {
  it('turns HSTS on for an https PUBLIC_ORIGIN whatever the request, and follows the request without one', () => {
    const plain = new URL('http://127.0.0.1:4321/');
    expect(sendsHsts('https://memoire.example.org', plain)).toBe(true);
    expect(sendsHsts('http://memoire.example.org', new URL('https://memoire.example.org/'))).toBe(false);
    expect(sendsHsts(undefined, plain)).toBe(false);
    expect(sendsHsts(undefined, new URL('https://memoire.example.org/'))).toBe(true);
  });

  it('writes links on the configured origin, else on the request’s', () => {
    const foreign = new URL('http://evil.example/en/');
    expect(linkOrigin('https://memoire.example.org', foreign)).toBe('https://memoire.example.org');
    expect(linkOrigin(undefined, foreign)).toBe('http://evil.example');
  });

  it('reads PUBLIC_ORIGIN as an origin, and refuses what is not one', () => {
    expect(parsePublicOrigin(undefined)).toBeUndefined();
    expect(parsePublicOrigin('')).toBeUndefined();
    expect(parsePublicOrigin('https://memoire.example.org/')).toBe('https://memoire.example.org');
    expect(() => parsePublicOrigin('memoire.example.org')).toThrow(/PUBLIC_ORIGIN/);
    expect(() => parsePublicOrigin('ftp://memoire.example.org')).toThrow(/PUBLIC_ORIGIN/);
  });
});

const PREPARED_COMPLETE = Object.freeze({
  'content-type': 'text/html',
  'content-security-policy': "default-src 'self'; frame-ancestors 'none';",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'camera=()',
  'strict-transport-security': 'max-age=1',
});
const PREPARED_PARTIAL = Object.freeze({
  'content-type': 'text/html',
  'Content-Security-Policy': "default-src 'self'",
});

/** What Astro's checkOrigin answers (it runs before our middleware): a status and a text, nothing else. */
describe('answers written outside the middleware, through the front server', () => {
  let running: RunningServer;
  let front: string;

  beforeAll(async () => {
    running = await listen(
      (req, res) => {
        // The same objects on every request, as the front cache passes its prepared answers.
        if (req.url === '/prepared-complete') return void res.writeHead(200, PREPARED_COMPLETE).end('page');
        if (req.url === '/prepared-partial') return void res.writeHead(200, PREPARED_PARTIAL).end('page');
        if (req.url === '/embed') {
          res.writeHead(200, { 'X-Frame-Options': 'SAMEORIGIN', 'Content-Security-Policy': 'frame-ancestors https:' });
          res.end('embed');
          return;
        }
        if (req.url === '/implicit') {
          res.statusCode = 500;
          res.end('Internal Server Error');
          return;
        }
        res.writeHead(403, { 'content-type': 'text/plain;charset=UTF-8' });
        res.end('Cross-site POST form submissions are forbidden');
      },
      '127.0.0.1',
      0,
      { hsts: true },
    );
    front = `http://127.0.0.1:${(running.server.address() as AddressInfo).port}`;
  });

  afterAll(() => running.stop(0));

  it('gives a bare 403, and an answer written without writeHead, the security headers', async () => {
    for (const urlPath of ['/partager', '/implicit']) {
      const res = await fetch(`${front}${urlPath}`, { method: 'POST' });
      expect(res.headers.get('x-content-type-options'), urlPath).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), urlPath).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('x-frame-options'), urlPath).toBe('DENY');
      expect(res.headers.get('content-security-policy'), urlPath).toBe("frame-ancestors 'none';");
      expect(res.headers.get('strict-transport-security'), urlPath).toBe(HSTS);
    }
  });

  it('changes nothing the answer already said', async () => {
    const res = await fetch(`${front}/embed`);
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('content-security-policy')).toBe('frame-ancestors https:');
  });

  it('checks a header object passed again and again once, and never takes a partial one for complete', async () => {
    for (let round = 0; round < 3; round++) {
      const complete = await fetch(`${front}/prepared-complete`);
      expect(complete.headers.get('referrer-policy')).toBe('no-referrer');
      expect(complete.headers.get('strict-transport-security')).toBe('max-age=1');
      expect(complete.headers.get('content-security-policy')).toBe("default-src 'self'; frame-ancestors 'none';");
      const partial = await fetch(`${front}/prepared-partial`);
      expect(partial.headers.get('x-frame-options')).toBe('DENY');
      expect(partial.headers.get('x-content-type-options')).toBe('nosniff');
      expect(partial.headers.get('strict-transport-security')).toBe(HSTS);
      expect(partial.headers.get('content-security-policy')).toBe("default-src 'self'; frame-ancestors 'none';");
    }
    expect(PREPARED_PARTIAL).toEqual({ 'content-type': 'text/html', 'Content-Security-Policy': "default-src 'self'" });
  });
});
