import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import http from 'node:http';
import { launchServer } from './support/server.ts';
import type { E2eServer } from './support/server.ts';

/** A raw POST, so that chunked bodies reach the server as a browser or a script would send them. */
function post(url: string, body: Buffer, headers: Record<string, string>, chunked = false) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request(url, {
      method: 'POST',
      headers: chunked
        ? { ...headers, 'transfer-encoding': 'chunked' }
        : { ...headers, 'content-length': String(body.length) },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, text }));
    });
    req.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error),
    );
    if (chunked) {
      for (let i = 0; i < body.length; i += 16 * 1024) req.write(body.subarray(i, i + 16 * 1024));
      req.end();
    } else req.end(body);
  });
}

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

/** The request-size limit and broken JSON through the real server and Astro's Actions (issue 13, points 1 and 2). */
describe('request bodies: one limit, told honestly, never a 500', () => {
  let server: E2eServer;
  let headers: Record<string, string>;

  beforeAll(async () => {
    server = await launchServer({ LIFT_RATE_LIMITS: '1' });
    headers = { origin: server.origin, 'content-type': 'application/x-www-form-urlencoded' };
  });
  afterAll(() => server?.dispose());

  it.each([
    ['with its length declared', false],
    ['chunked', true],
  ])('refuses a 300 KiB share %s with a 413 that says nothing was saved', async (_how, chunked) => {
    const res = await post(`${server.origin}/partager?_action=share`, shareForm('é'.repeat(60_000)), headers, chunked);
    expect(res.status).toBe(413);
    expect(res.text).toContain('rien n’a été enregistré');
    expect(res.text).not.toContain('conservé ci-dessous');
  });

  it('keeps the text of a share that is too long but within the limit, with a 400 and the reason', async () => {
    const text = `Le premier rang, la salle qui chante. ${'la '.repeat(4_000)}`;
    for (const chunked of [false, true]) {
      const res = await post(`${server.origin}/partager?_action=share`, shareForm(text), headers, chunked);
      expect(res.status).toBe(400);
      expect(res.text).toContain('Le premier rang, la salle qui chante.');
    }
  });

  it('accepts a chunked share within the limit', async () => {
    const res = await post(
      `${server.origin}/partager?_action=share`,
      shareForm('Le soir où la salle entière a chanté avec le groupe.'),
      headers,
      true,
    );
    expect(res.status).toBeLessThan(400);
  });

  it('answers 400, not 500, to an Action called with broken JSON', async () => {
    const res = await post(`${server.origin}/_actions/share`, Buffer.from('{"name": "Camille",'), {
      origin: server.origin,
      'content-type': 'application/json',
    });
    expect(res.status).toBe(400);
    expect(server.output()).not.toContain('SyntaxError');
  });
});
