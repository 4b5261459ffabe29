import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { accessLogger } from '../../src/lib/ops/logger.ts';
import { recordRequest } from './metrics.ts';
import { routeLabel } from './route-label.ts';
import { sendRequestId, sentHeader } from './security-headers.ts';

const INCOMING_ID = /^[\w.:-]{1,64}$/;

/**
 * Gives the request an id (a proxy's `X-Request-Id` when proxies are trusted, else a new one),
 * sends it back in `X-Request-Id`, and when the answer is done counts it in the metrics and logs
 * one line: id, method, route (never the path: it may hold a private link), status, duration,
 * size. No address, no user agent, no query.
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
    if (!options.accessLog) return;
    accessLogger.info(
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
  /** False with ACCESS_LOG=off: metrics are still counted, no line is written. */
  accessLog: boolean;
}
