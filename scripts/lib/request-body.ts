import type { IncomingMessage, ServerResponse } from 'node:http';
import { localeFromPath, t } from '../../src/lib/i18n/index.ts';
import type { Locale } from '../../src/lib/i18n/index.ts';
import { answerPlainNotice, PLAIN_NOTICE_HEADERS } from './plain-notice.ts';

/**
 * The largest body a form or Action accepts, in bytes. A 10 000-character souvenir URL-encoded at
 * up to 9 bytes a character stays under 90 KiB, so this leaves room for every other field while
 * refusing anything far beyond. A share form with photos is streamed instead (photo-upload.ts).
 */
export const FORM_BODY_LIMIT = 256 * 1024;

/** The body limit of a route: one place, so that every route's limit can be read at a glance. */
export function bodyLimitFor(_pathname: string): number {
  return FORM_BODY_LIMIT;
}

export type BodyReading = { kind: 'read'; body: Buffer } | { kind: 'too_large'; limit: number };

export function carriesBody(req: IncomingMessage): boolean {
  return req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS';
}

/**
 * Reads the whole body, or stops as soon as it passes `limit` (a declared Content-Length is
 * refused before reading anything; a chunked body is counted as it arrives). Reading it here,
 * once, is what keeps Astro's two limits — the adapter's, which truncates, and the Actions',
 * which only checks Content-Length — from ever meeting a body between them (issue 13).
 */
export function readBodyWithin(req: IncomingMessage, limit: number): Promise<BodyReading> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ kind: 'too_large', limit });
  // Events rather than `for await`: leaving an async iterator early destroys the socket, and the
  // client then sees a broken pipe instead of the 413 that explains what happened.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData).off('end', onEnd).off('error', reject);
      resolve({ kind: 'too_large', limit });
    };
    const onEnd = () => resolve({ kind: 'read', body: Buffer.concat(chunks, size) });
    req.on('data', onData).once('end', onEnd).once('error', reject);
  });
}

/** How much of a refused body is still read and thrown away, and for how long, before answering. */
const DISCARD_BYTES = 16 * 1024 * 1024;
const DISCARD_MS = 10_000;

/**
 * Reads and drops the rest of a refused body before the 413 is sent: a client still sending when
 * the server hangs up reports a broken pipe (browsers: "connection reset") instead of the page
 * that explains what happened. Bounded: past DISCARD_BYTES or DISCARD_MS it answers anyway.
 */
export function discardRest(req: IncomingMessage): Promise<void> {
  if (req.complete || req.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let discarded = 0;
    const done = () => {
      clearTimeout(timer);
      req.off('data', onData).off('end', done).off('close', done).off('error', done);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > DISCARD_BYTES) done();
    };
    const timer = setTimeout(done, DISCARD_MS);
    req.on('data', onData).once('end', done).once('close', done).once('error', done);
    req.resume();
  });
}

/** A JSON body that does not parse: Astro's Actions would throw a SyntaxError (a 500) on it. */
export function isBrokenJson(req: IncomingMessage, body: Buffer): boolean {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json' || body.length === 0) return false;
  try {
    JSON.parse(body.toString('utf8'));
    return false;
  } catch {
    return true;
  }
}

function humanSize(bytes: number, locale: Locale): string {
  return `${Math.round(bytes / 1024)} ${locale === 'fr' ? 'Ko' : 'KB'}`;
}

/**
 * 413, said in the visitor's language: what happened (nothing was received or saved) and what to
 * do. The text cannot be given back — refusing it unread is the point — so the page says where it
 * still is. The connection closes after it (discardRest has read what it will of the body).
 */
export function answerTooLarge(req: IncomingMessage, res: ServerResponse, limit: number): void {
  const locale = localeFromPath(req.url ?? '/');
  res.shouldKeepAlive = false;
  const notice = {
    locale,
    status: 413,
    title: t(locale, 'error.tooLarge.title'),
    text: t(locale, 'error.tooLarge.text', { size: humanSize(limit, locale) }),
    back: t(locale, 'error.tooLarge.back'),
    headers: { connection: 'close' },
  };
  answerPlainNotice(req, res, notice, 'CONTENT_TOO_LARGE');
}

/** 400 for a JSON body that does not parse, in the visitor's language. */
export function answerBrokenJson(req: IncomingMessage, res: ServerResponse): void {
  const message = t(localeFromPath(req.url ?? '/'), 'error.badJson');
  res.writeHead(400, { ...PLAIN_NOTICE_HEADERS, 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ code: 'BAD_REQUEST', message }));
}
