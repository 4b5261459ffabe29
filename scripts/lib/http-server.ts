import { describeFailure } from '../../src/lib/ops/failure.ts';
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { localeFromPath, t } from '../../src/lib/i18n/index.ts';
import {
  answerBrokenJson,
  answerTooLarge,
  discardRest,
  bodyLimitFor,
  carriesBody,
  isBrokenJson,
  readBodyWithin,
} from './request-body.ts';
import { guardedResponse } from './security-headers.ts';
import { answerPhotoFormRefusal, readPhotoForm, takesPhotos } from './photo-upload.ts';
import type { SecurityHeaderOptions } from '../../src/lib/security/headers.ts';
import { observeRequest } from './request-log.ts';
import { answerClientError } from './client-error.ts';
import type { ObserveOptions } from './request-log.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface RunningServer {
  server: http.Server;
  /** Stops accepting, lets requests in flight finish (up to `graceMs`), then resolves. */
  stop(graceMs?: number): Promise<void>;
}

/** A request line Astro can read: broken percent-escapes (`/%E0%A4%A`) would end as a 500 deep inside it. */
function isWellFormed(url: string): boolean {
  try {
    decodeURI(url);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads a request's body within its route's limit before any handler runs, and hands it to Astro
 * already read (`req.body`, which the node adapter takes as is instead of reading the stream).
 */
async function handleWithBody(handler: Handler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // A share form with photos is streamed to disk and re-encoded instead (photo-upload.ts).
  const reading = takesPhotos(req) ? await readPhotoForm(req) : await readBodyWithin(req, bodyLimitFor(req.url ?? '/'));
  if (reading.kind === 'refused') {
    await answerPhotoFormRefusal(req, res, reading);
    return;
  }
  if (reading.kind === 'too_large') {
    console.warn(`[http] ${req.method} refused: body over ${reading.limit} bytes`);
    await discardRest(req);
    answerTooLarge(req, res, reading.limit);
    return;
  }
  if (isBrokenJson(req, reading.body)) {
    answerBrokenJson(req, res);
    return;
  }
  (req as IncomingMessage & { body?: Buffer }).body = reading.body;
  await handler(req, res);
}

function answerUnhandled(req: IncomingMessage, res: ServerResponse, error: unknown): void {
  console.error(`[http] unhandled error: ${describeFailure(error)}`);
  if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(t(localeFromPath(req.url ?? '/'), 'error.internal'));
}

/**
 * A GET, HEAD or OPTIONS goes to the handler at once, in the same tick: the front cache answers
 * it synchronously, and an async frame per request was a measurable share of that answer.
 */
function handle(handler: Handler, req: IncomingMessage, res: ServerResponse): void {
  if (carriesBody(req)) {
    handleWithBody(handler, req, res).catch((error: unknown) => answerUnhandled(req, res, error));
    return;
  }
  try {
    const pending = handler(req, res);
    if (pending) pending.catch((error: unknown) => answerUnhandled(req, res, error));
  } catch (error) {
    answerUnhandled(req, res, error);
  }
}

/** Every answer, whoever writes it, gets the security headers it lacks (security-headers.ts). */
export function listen(
  handler: Handler,
  host: string,
  port: number,
  headers: SecurityHeaderOptions = { hsts: false },
  observe?: ObserveOptions,
): Promise<RunningServer> {
  const server = http.createServer({ ServerResponse: guardedResponse(headers) }, (req, res) => {
    if (observe) observeRequest(req, res, observe);
    if (!isWellFormed(req.url ?? '/')) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(t(localeFromPath(req.url ?? '/'), 'error.badAddress'));
      return;
    }
    handle(handler, req, res);
  });
  // A request Node cannot parse (an address too long, a broken head) is answered in words too.
  server.on('clientError', answerClientError(headers));
  server.keepAliveTimeout = 5_000;
  server.headersTimeout = 20_000;
  server.requestTimeout = 30_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve({
        server,
        stop: (graceMs = 10_000) =>
          new Promise<void>((done) => {
            const force = setTimeout(() => {
              server.closeAllConnections();
              done();
            }, graceMs);
            force.unref();
            server.close(() => {
              clearTimeout(force);
              done();
            });
            server.closeIdleConnections();
          }),
      });
    });
  });
}
