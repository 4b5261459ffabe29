import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { loadStaticFiles, staticFiles } from '../../scripts/lib/static-files.ts';
import { listen } from '../../scripts/lib/http-server.ts';
import type { RunningServer } from '../../scripts/lib/http-server.ts';
import { listenLocally, closeServer } from '../helpers/local-server.ts';

const CSS = `.mur { color: #222; }\n`.repeat(300);
let server: http.Server;
let origin: string;
let clientDir: string;

beforeAll(async () => {
  clientDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mur-static-'));
  fs.mkdirSync(path.join(clientDir, '_astro'));
  fs.writeFileSync(path.join(clientDir, '_astro', 'wall.AbC123.css'), CSS);
  fs.writeFileSync(path.join(clientDir, '_astro', 'font.AbC123.woff2'), 'binary');
  fs.writeFileSync(path.join(clientDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  fs.writeFileSync(path.join(clientDir, '.env'), 'SECRET=1');
  fs.writeFileSync(path.join(clientDir, 'notes.unknown'), 'not a type we serve');
  // Stands in for the front cache and Astro: says who answered.
  const next = (_req: http.IncomingMessage, res: http.ServerResponse) => res.end('next');
  server = http.createServer(staticFiles(next, await loadStaticFiles(clientDir)));
  origin = await listenLocally(server);
});

afterAll(async () => {
  await closeServer(server);
  fs.rmSync(clientDir, { recursive: true, force: true });
});

function get(urlPath: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .request(`${origin}${urlPath}`, { headers, method }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      })
      .on('error', reject)
      .end();
  });
}

describe('static files from memory', () => {
  it('answers brotli, then gzip, with the immutable cache and nosniff', async () => {
    const br = await get('/_astro/wall.AbC123.css', { 'accept-encoding': 'gzip, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['x-content-type-options']).toBe('nosniff');
    expect(br.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(CSS);
    expect(br.body.length).toBeLessThan(CSS.length / 10);
    const gz = await get('/_astro/wall.AbC123.css', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).toString()).toBe(CSS);
  });

  it('sends the headers alone to HEAD', async () => {
    const head = await get('/_astro/wall.AbC123.css', { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.body.length).toBe(0);
  });

  it('sends the file as it is to a client that accepts no compression, and binary files as they are', async () => {
    const plain = await get('/_astro/wall.AbC123.css?v=1');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(CSS);
    const font = await get('/_astro/font.AbC123.woff2', { 'accept-encoding': 'br' });
    expect(font.headers['content-encoding']).toBeUndefined();
    expect(font.headers['content-type']).toBe('font/woff2');
    const icon = await get('/favicon.svg');
    expect(icon.headers['cache-control']).toBe('public, max-age=3600');
  });

  it('answers 304 to a matching ETag, per encoding', async () => {
    const first = await get('/_astro/wall.AbC123.css', { 'accept-encoding': 'br' });
    const again = await get('/_astro/wall.AbC123.css', {
      'accept-encoding': 'br',
      'if-none-match': first.headers.etag!,
    });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const otherEncoding = await get('/_astro/wall.AbC123.css', {
      'accept-encoding': 'gzip',
      'if-none-match': first.headers.etag!,
    });
    expect(otherEncoding.status).toBe(200);
  });

  it('leaves other methods, other paths, hidden or unknown files and made-up names to the next handler', async () => {
    const post = await get('/favicon.svg', {}, 'POST');
    expect(post.body.toString()).toBe('next');
    for (const [urlPath, headers] of [
      ['/.env', {}],
      ['/notes.unknown', {}],
      ['/_astro/../package.json', { 'accept-encoding': 'br' }],
      ['/_astro/%2e%2e%2fpackage.json', { 'accept-encoding': 'br' }],
      ['/_astro/absent.css', { 'accept-encoding': 'br' }],
      ['/', { 'accept-encoding': 'br' }],
    ] as const) {
      const answer = await get(urlPath, headers);
      expect(answer.body.toString(), urlPath).toBe('next');
    }
  });
});

/** Issue 13, point 7: through the front server, as scripts/start.ts mounts them, files carry the page's security headers. */
describe('static files through the front server', () => {
  let running: RunningServer;
  let front: string;

  beforeAll(async () => {
    const next = (_req: http.IncomingMessage, res: http.ServerResponse) => res.end('next');
    running = await listen(staticFiles(next, await loadStaticFiles(clientDir)), '127.0.0.1', 0, { hsts: true });
    front = `http://127.0.0.1:${(running.server.address() as AddressInfo).port}`;
  });

  afterAll(() => running.stop(0));

  it('sends nosniff, the referrer policy, no framing and HSTS with every file', async () => {
    for (const urlPath of ['/favicon.svg', '/_astro/wall.AbC123.css']) {
      const res = await fetch(`${front}${urlPath}`);
      expect(res.status, urlPath).toBe(200);
      expect(res.headers.get('x-content-type-options'), urlPath).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), urlPath).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('x-frame-options'), urlPath).toBe('DENY');
      expect(res.headers.get('content-security-policy'), urlPath).toBe("frame-ancestors 'none';");
      expect(res.headers.get('strict-transport-security'), urlPath).toBe('max-age=31536000; includeSubDomains');
    }
  });

  it('adds nothing to a 304, whose headers would replace the stored ones', async () => {
    const first = await fetch(`${front}/favicon.svg`);
    const again = await fetch(`${front}/favicon.svg`, { headers: { 'if-none-match': first.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expect(again.headers.get('content-security-policy')).toBeNull();
    expect(again.headers.get('x-frame-options')).toBeNull();
  });
});
