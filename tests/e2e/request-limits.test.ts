import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import http from 'node:http';
import { launchServer } from './support/server.ts';
import type { E2eServer } from './support/server.ts';
import { rawPost } from '../helpers/raw-post.ts';

function shareForm(bodyText: string): Buffer {
  const form = new URLSearchParams({
    name: 'Camille (démo)',
    email: 'camille@example.org',
    title: 'Un soir de concert',
    body: bodyText,
    consent: 'on',
  });
  return Buffer.from(form.toString());
}

/** A GET with headers fetch() may not set (Host). */
function get(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
      })
      .on('error', reject);
  });
}

const PUBLIC_ORIGIN = 'https://memoire.example.org';

/** The security headers every answer must carry, with HSTS since PUBLIC_ORIGIN is https. */
function expectSecurityHeaders(headers: Record<string, string | string[] | undefined>, what: string) {
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['referrer-policy'], what).toBe('strict-origin-when-cross-origin');
  expect(headers['x-frame-options'], what).toBe('DENY');
  expect(headers['content-security-policy'], what).toContain("frame-ancestors 'none'");
  expect(headers['strict-transport-security'], what).toBe('max-age=31536000; includeSubDomains');
}

/** The request-size limit and broken JSON through the real server and Astro's Actions (issue 13, points 1 and 2). */
describe('request bodies: one limit, told honestly, never a 500', () => {
  let server: E2eServer;
  let headers: Record<string, string>;

  beforeAll(async () => {
    // A public origin on https, as behind a TLS proxy: the headers' tests below read it; the server itself is plain http.
    server = await launchServer({ LIFT_RATE_LIMITS: '1', PUBLIC_ORIGIN });
    headers = { origin: server.origin, 'content-type': 'application/x-www-form-urlencoded' };
  });
  afterAll(() => server?.dispose());

  it.each([
    ['with its length declared', false],
    ['chunked', true],
  ])('refuses a 300 KiB share %s with a 413 that says nothing was saved', async (_how, chunked) => {
    const res = await rawPost(
      `${server.origin}/partager?_action=share`,
      shareForm('é'.repeat(60_000)),
      headers,
      chunked,
    );
    expect(res.status).toBe(413);
    expect(res.text).toContain('rien n’a été enregistré');
    expect(res.text).not.toContain('conservé ci-dessous');
  });

  it('keeps the text of a share that is too long but within the limit, with a 400 and the reason', async () => {
    const text = `Le premier rang, la salle qui chante. ${'la '.repeat(4_000)}`;
    for (const chunked of [false, true]) {
      const res = await rawPost(`${server.origin}/partager?_action=share`, shareForm(text), headers, chunked);
      expect(res.status).toBe(400);
      expect(res.text).toContain('Le premier rang, la salle qui chante.');
    }
  });

  it('accepts a chunked share within the limit', async () => {
    const res = await rawPost(
      `${server.origin}/partager?_action=share`,
      shareForm('Le soir où la salle entière a chanté avec le groupe.'),
      headers,
      true,
    );
    expect(res.status).toBeLessThan(400);
  });

  it('answers 400, not 500, to an Action called with broken JSON', async () => {
    const res = await rawPost(`${server.origin}/_actions/share`, Buffer.from('{"name": "Camille",'), {
      origin: server.origin,
      'content-type': 'application/json',
    });
    expect(res.status).toBe(400);
    expect(server.output()).not.toContain('SyntaxError');
  });

  /** Issue 13, point 7; the same server, started with an https PUBLIC_ORIGIN and reached over plain http. */
  describe('headers that say what they mean', () => {
    it('sends HSTS when PUBLIC_ORIGIN is https, though the request itself is plain http', async () => {
      const res = await get(`${server.origin}/confidentialite`);
      expect(res.status).toBe(200);
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    });

    it('gives cached pages links on the public origin, even after a request with a foreign Host filled the cache', async () => {
      const foreign = await get(`${server.origin}/en/`, { host: 'evil.example:8080' });
      expect(foreign.status).toBe(200);
      const res = await get(`${server.origin}/en/`);
      expect(res.status).toBe(200);
      for (const page of [foreign, res]) {
        expect(page.text).toContain(`<link rel="alternate" hreflang="fr" href="${PUBLIC_ORIGIN}/"`);
        expect(page.text).toContain(`href="${PUBLIC_ORIGIN}/en/rss.xml"`);
        expect(page.text).not.toContain('evil.example');
        expect(page.text).not.toContain('http://127.0.0.1');
        expectSecurityHeaders(page.headers, 'the wall');
      }
      const feed = await get(`${server.origin}/en/feed.json`, { host: 'evil.example:8080' });
      expect(JSON.parse(feed.text).home_page_url).toBe(`${PUBLIC_ORIGIN}/en/`);
    });

    it('keeps the same-origin referrer policy the author’s private page chose', async () => {
      const res = await get(`${server.origin}/mes-souvenirs/${'x'.repeat(43)}`);
      expect(res.status).toBe(404);
      expect(res.headers['referrer-policy']).toBe('same-origin');
      expect(res.headers['cache-control']).toBe('private, no-store');
    });

    it('puts the security headers on cross-site refusals, Astro’s and ours', async () => {
      const astros = await fetch(`${server.origin}/partager?_action=share`, {
        method: 'POST',
        body: new URLSearchParams({ name: 'x' }),
        headers: { origin: 'https://evil.example' },
      });
      expect(astros.status).toBe(403);
      expectSecurityHeaders(Object.fromEntries(astros.headers), 'checkOrigin');
      const ours = await fetch(`${server.origin}/_actions/share`, {
        method: 'POST',
        body: JSON.stringify({ name: 'x' }),
        headers: { 'content-type': 'application/json' },
      });
      expect(ours.status).toBe(403);
      expectSecurityHeaders(Object.fromEntries(ours.headers), 'our origin check');
    });

    it('puts the security headers on static files', async () => {
      const res = await get(`${server.origin}/favicon.svg`);
      expect(res.status).toBe(200);
      expectSecurityHeaders(res.headers, '/favicon.svg');
    });

    it('shows a 16 000-character address once on the 404 page, cut short, and links no alternates to it', async () => {
      const asked = `/${'a'.repeat(16_000)}`;
      const res = await get(`${server.origin}${asked}`);
      expect(res.status).toBe(404);
      // The first 80 characters of the address, its slash included.
      expect(res.text.split('a'.repeat(79)).length - 1).toBe(1);
      expect(res.text).toContain(`/${'a'.repeat(79)}…`);
      expect(res.text).not.toContain('a'.repeat(80));
      expect(res.text).not.toContain('hreflang="x-default"');
      expect(res.text.length).toBeLessThan(20_000);
    });
  });
});
