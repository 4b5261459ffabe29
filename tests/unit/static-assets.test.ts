import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { staticAssets } from '../../scripts/lib/static-assets.ts';

const CSS = `.mur { color: #222; }\n`.repeat(300);
let server: http.Server;
let origin: string;
let clientDir: string;

beforeAll(async () => {
  clientDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mur-static-'));
  fs.mkdirSync(path.join(clientDir, '_astro'));
  fs.writeFileSync(path.join(clientDir, '_astro', 'wall.AbC123.css'), CSS);
  fs.writeFileSync(path.join(clientDir, '_astro', 'font.AbC123.woff2'), 'binary');
  // Stands in for the front cache and Astro: says who answered.
  const next = (_req: http.IncomingMessage, res: http.ServerResponse) => res.end('next');
  server = http.createServer(staticAssets(next, clientDir));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(clientDir, { recursive: true, force: true });
});

function get(urlPath: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .request(`${origin}${urlPath}`, { headers, method }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject)
      .end();
  });
}

describe('compressed static assets', () => {
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

  it('leaves other files, other paths, plain clients and made-up names to the next handler', async () => {
    for (const [urlPath, headers] of [
      ['/_astro/wall.AbC123.css', {}],
      ['/_astro/font.AbC123.woff2', { 'accept-encoding': 'br' }],
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
