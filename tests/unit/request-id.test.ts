/**
 * Every answer carries its request's id (request-log.ts), written with the head by the front
 * server's response (security-headers.ts): with a cached answer's headers as they are given, or
 * beside headers set one by one.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { listen } from '../../scripts/lib/http-server.ts';
import type { RunningServer } from '../../scripts/lib/http-server.ts';
import { sentHeader } from '../../scripts/lib/security-headers.ts';

const PREPARED = Object.freeze({
  'content-type': 'text/html; charset=utf-8',
  'content-length': '4',
  'set-cookie': ['a=1; Path=/', 'b=2; Path=/'],
});
/** A cached answer's headers: the security headers already there, so nothing is set one by one. */
const COMPLETE = Object.freeze({
  'content-type': 'text/html; charset=utf-8',
  'content-length': '4',
  'content-security-policy': "default-src 'self'; frame-ancestors 'none';",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'camera=()',
  'set-cookie': ['a=1; Path=/', 'b=2; Path=/'],
});
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('the request id on every answer', () => {
  let running: RunningServer;
  let front: string;
  const sent = new Map<string, string | undefined>();

  beforeAll(async () => {
    const answer = (path: string, res: ServerResponse, write: () => void) => {
      write();
      sent.set(path, sentHeader(res, 'content-length'));
    };
    running = await listen(
      (req, res) => {
        const path = req.url ?? '/';
        if (path === '/prepared') return answer(path, res, () => res.writeHead(200, PREPARED).end('page'));
        if (path === '/complete') return answer(path, res, () => res.writeHead(200, COMPLETE).end('page'));
        if (path === '/refused') {
          // A header Node refuses: the answer written instead still carries the id.
          try {
            // Refused at its first header, before Node reads the length further on.
            res.writeHead(200, { 'x-bad': 'a\u0000b', ...COMPLETE });
          } catch {
            return answer(path, res, () => res.writeHead(500, { 'content-type': 'text/plain' }).end('refused'));
          }
        }
        if (path === '/not-modified') return answer(path, res, () => res.writeHead(304, { etag: '"x"' }).end());
        if (path === '/one-by-one') {
          res.setHeader('content-type', 'text/plain');
          return answer(path, res, () => res.writeHead(200, { 'content-length': '2' }).end('ok'));
        }
        answer(path, res, () => res.end('implicit'));
      },
      '127.0.0.1',
      0,
      { hsts: false },
      { trustedProxies: 0, accessLog: 'off' },
    );
    front = `http://127.0.0.1:${(running.server.address() as AddressInfo).port}`;
  });

  afterAll(() => running.stop(0));

  it('sends one id per answer, however its head is written, with every header given', async () => {
    const ids = new Set<string>();
    for (const path of [
      '/prepared',
      '/prepared',
      '/complete',
      '/complete',
      '/not-modified',
      '/one-by-one',
      '/implicit',
      '/refused',
    ]) {
      const res = await fetch(`${front}${path}`);
      const id = res.headers.get('x-request-id') ?? '';
      expect(id, path).toMatch(UUID);
      ids.add(id);
      if (path === '/prepared' || path === '/complete') {
        expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      }
      if (path === '/complete') expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      if (path === '/refused') expect(res.status).toBe(500);
      if (path === '/one-by-one') expect(res.headers.get('content-type')).toBe('text/plain');
      await res.arrayBuffer();
    }
    expect(ids.size).toBe(8);
    // The access log's size, whichever way the head went, and not a refused head's.
    expect(Object.fromEntries(sent)).toMatchObject({ '/prepared': '4', '/complete': '4', '/one-by-one': '2' });
    expect(sent.get('/refused')).toBeUndefined();
    expect(PREPARED['set-cookie']).toHaveLength(2);
  });
});
