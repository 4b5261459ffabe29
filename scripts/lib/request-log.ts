import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { accessLogger } from '../../src/lib/ops/logger.ts';
import { recordRequest } from './metrics.ts';
import { routeLabel } from './route-label.ts';
import { sendRequestId, sentHeader } from './security-headers.ts';

const INCOMING_ID = /^[\w.:-]{1,64}$/;

/**
 * Which answers get a line: all but those the front cache gave from memory (`uncached`, the
 * default), every one (`all`), or none (`off`). A cached page is counted in the metrics rather
 * than logged: its line was a quarter of the cache's CPU per answer (pino's serialiser and its
 * buffer's byte count; the cached wall 26 000–34 000 req/s with the line, 36 000–42 000 without), and says only
 * "the same page again".
 */
export type AccessLogMode = 'all' | 'uncached' | 'off';

export function accessLogMode(value: string | undefined): AccessLogMode {
  if (value === 'all' || value === 'off' || value === 'uncached') return value;
  if (value && value !== 'on')
    console.warn(`[log] ACCESS_LOG=${value} is not known: a line per answer not from the cache.`);
  return 'uncached';
}

const fromCache = new WeakSet<ServerResponse>();

/** Says `res` was answered by the front cache from memory (a page or its 304): not logged unless ACCESS_LOG=all. */
export function answeredFromCache(res: ServerResponse): void {
  fromCache.add(res);
}

/**
 * Gives the request an id (a proxy's `X-Request-Id` when proxies are trusted, else a new one),
 * sends it back in `X-Request-Id`, and when the answer is done counts it in the metrics and logs
 * one line (see AccessLogMode): id, method, route (never the path: it may hold a private link),
 * status, duration, size. No address, no user agent, no query.
 */
export function observeRequest(req: IncomingMessage, res: ServerResponse, options: ObserveOptions): void {
  const started = process.hrtime.bigint();
  const incoming = req.headers['x-request-id'];
  const id =
    options.trustedProxies > 0 && typeof incoming === 'string' && INCOMING_ID.test(incoming) ? incoming : randomUUID();
  sendRequestId(res, id);
  // A response closes once: `on` spares the wrapper `once` allocates for every request.
  res.on('close', () => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const status = res.headersSent ? res.statusCode : 0;
    const route = routeLabel(req.url, status);
    const method = /^(GET|HEAD|POST|PUT|DELETE|OPTIONS|PATCH)$/.test(req.method ?? '') ? req.method! : 'OTHER';
    recordRequest(method, route, status, seconds);
    if (options.accessLog === 'off' || (options.accessLog === 'uncached' && fromCache.has(res))) return;
    (options.logger ?? accessLogger).info(
      {
        req: id,
        method,
        route,
        status,
        ms: Math.round(seconds * 10_000) / 10,
        bytes: Number(sentHeader(res, 'content-length')) || undefined,
        aborted: res.writableFinished ? undefined : true,
      },
      'request',
    );
  });
}

export interface ObserveOptions {
  trustedProxies: number;
  /** ACCESS_LOG (accessLogMode): metrics are counted whatever it says. */
  accessLog: AccessLogMode;
  /** Where the lines go (tests); the access logger by default. */
  logger?: Pick<typeof accessLogger, 'info'>;
}
