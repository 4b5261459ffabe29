import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { listen } from '../../scripts/lib/http-server.ts';
import type { RunningServer } from '../../scripts/lib/http-server.ts';
import { t } from '../../src/lib/i18n/index.ts';

/**
 * What the server answers to `requests` written as they are on one connection, each once the
 * answer to the one before has begun, until the server closes it.
 */
function rawExchange(port: number, ...requests: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const next = () => {
      const request = requests.shift();
      if (request !== undefined) socket.write(request);
    };
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      next();
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    next();
  });
}

describe('a request Node cannot read', () => {
  let running: RunningServer;
  let port: number;

  beforeAll(async () => {
    running = await listen(
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('ok');
      },
      '127.0.0.1',
      0,
    );
    port = (running.server.address() as AddressInfo).port;
  });
  afterAll(() => running.stop(100));

  it('answers an address past the header limit with a 431 that says so, in French and English', async () => {
    const answer = await rawExchange(port, `GET /recherche?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    const [head, body] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    expect(head).toContain('content-type: text/plain; charset=utf-8');
    expect(head).toContain('x-content-type-options: nosniff');
    expect(head).toContain("content-security-policy: frame-ancestors 'none';");
    expect(head).toContain(`content-length: ${Buffer.byteLength(body!)}`);
    expect(body).toBe(`${t('fr', 'error.headersTooLarge')}\n\n${t('en', 'error.headersTooLarge')}\n`);
  });

  it('answers a broken request line with a 400 in words', async () => {
    const answer = await rawExchange(port, 'NOT HTTP AT ALL\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(answer).toContain(t('fr', 'error.badAddress'));
    expect(answer).toContain(t('en', 'error.badAddress'));
  });

  it('answers a kept-alive connection whose second request is too long, after its first answer', async () => {
    const answer = await rawExchange(
      port,
      'GET / HTTP/1.1\r\nHost: x\r\n\r\n',
      `GET /?q=${'b'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(answer).toMatch(/\r\n0\r\n\r\nHTTP\/1\.1 431 /);
  });
});
