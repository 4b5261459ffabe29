/**
 * The access log's line per answer (request-log.ts), through the front server as `npm start` runs
 * it: a page rendered gets its line, a page the front cache gives from memory is counted in the
 * metrics and logged only with ACCESS_LOG=all.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { listen } from '../../scripts/lib/http-server.ts';
import type { RunningServer } from '../../scripts/lib/http-server.ts';
import { frontHandler } from '../../scripts/lib/front-handler.ts';
import { accessLogMode } from '../../scripts/lib/request-log.ts';
import type { AccessLogMode } from '../../scripts/lib/request-log.ts';
import { renderCache } from '../../src/lib/wall/render-cache.ts';
import { cacheDecision } from '../../src/lib/wall/cache-policy.ts';

const PAGE = '<!doctype html><title>Mur</title><p>Un souvenir du mur.</p>';

/** Stands in for Astro: renders, and keeps what it rendered as its middleware does. */
function fakeAstro(req: http.IncomingMessage, res: http.ServerResponse) {
  const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
  const decision = cacheDecision(req.method ?? 'GET', url, req.headers.cookie);
  const headers: Array<[string, string]> = [
    ['content-type', 'text/html; charset=utf-8'],
    ['content-security-policy', "default-src 'self'; frame-ancestors 'none';"],
    ['x-frame-options', 'DENY'],
  ];
  if (decision.action === 'cache') {
    const cache = renderCache();
    const page = { status: 200, headers, body: Buffer.from(PAGE), cacheControl: decision.cacheControl, ttlMs: null };
    cache.store(decision.key, page, cache.generation);
  }
  res.writeHead(200, Object.fromEntries(headers)).end(PAGE);
}

describe('the access log', () => {
  const lines: Array<Record<string, unknown>> = [];
  const servers: RunningServer[] = [];
  const logger = { info: (fields: Record<string, unknown>) => void lines.push(fields) };

  async function serverLogging(mode: AccessLogMode): Promise<string> {
    const running = await listen(
      frontHandler(fakeAstro, {}),
      '127.0.0.1',
      0,
      { hsts: false },
      {
        trustedProxies: 0,
        accessLog: mode,
        logger: logger as never,
      },
    );
    servers.push(running);
    return `http://127.0.0.1:${(running.server.address() as AddressInfo).port}`;
  }

  /** The routes and statuses logged for these requests, in order. */
  async function logged(origin: string, paths: string[]): Promise<string[]> {
    lines.length = 0;
    for (const path of paths) await (await fetch(`${origin}${path}`)).arrayBuffer();
    // A line is written when its answer closes, just after the client has it.
    await new Promise((resolve) => setTimeout(resolve, 50));
    return lines.map((line) => `${String(line.route)} ${String(line.status)}`);
  }

  beforeAll(() => renderCache().setAccepting(true));
  afterAll(async () => {
    for (const running of servers) await running.stop(100);
  });

  it('logs a rendered page, and counts rather than logs the same page from the cache', async () => {
    renderCache().invalidateAll();
    const origin = await serverLogging('uncached');
    // The first render, then two answers from memory, then an address no cache keeps: rendered.
    expect(await logged(origin, ['/', '/', '/', '/?x=1'])).toEqual(['/ 200', '/ 200']);
    expect(lines[0]).toMatchObject({ method: 'GET', status: 200 });
    expect(String(lines[0]!.req)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs every answer with ACCESS_LOG=all, and none with off', async () => {
    renderCache().invalidateAll();
    expect(await logged(await serverLogging('all'), ['/', '/', '/'])).toEqual(['/ 200', '/ 200', '/ 200']);
    renderCache().invalidateAll();
    expect(await logged(await serverLogging('off'), ['/', '/'])).toEqual([]);
  });

  it('reads ACCESS_LOG: uncached unless told all or off', () => {
    expect(accessLogMode(undefined)).toBe('uncached');
    expect(accessLogMode('on')).toBe('uncached');
    expect(accessLogMode('all')).toBe('all');
    expect(accessLogMode('off')).toBe('off');
    expect(accessLogMode('everything')).toBe('uncached');
  });
});
