// Answers made before Astro (a body refused unread, a render queue full): a short page in the
// visitor's language, with no script, style or request of its own, so it costs nothing to send.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { localeFromPath, t } from '../../src/lib/i18n/index.ts';
import type { Locale } from '../../src/lib/i18n/index.ts';
import { escapeText } from '../../src/lib/render/html.ts';

/** Headers of every such answer: nothing cached, nothing embedded, nothing loaded. */
export const PLAIN_NOTICE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

export interface PlainNotice {
  locale: Locale;
  status: number;
  title: string;
  text: string;
  back: string;
  /** Extra headers (Retry-After, Connection). */
  headers?: Record<string, string>;
}

/** Whether the client reads JSON (an Astro action called by script, or an API client). */
export function wantsJson(req: IncomingMessage): boolean {
  return (req.url ?? '').startsWith('/_actions/') || /application\/json/.test(req.headers.accept ?? '');
}

/** The notice as a page, or as `{ code, message }` to a client that reads JSON. */
export function answerPlainNotice(req: IncomingMessage, res: ServerResponse, notice: PlainNotice, code: string): void {
  const { locale, status, title, text, back } = notice;
  const headers = { ...PLAIN_NOTICE_HEADERS, ...notice.headers };
  if (wantsJson(req)) {
    res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ code, message: text }));
    return;
  }
  const home = locale === 'fr' ? '/' : '/en/';
  res.writeHead(status, { ...headers, 'content-type': 'text/html; charset=utf-8' });
  res.end(
    req.method === 'HEAD'
      ? undefined
      : `<!doctype html><html lang="${locale}"><head><meta charset="utf-8">` +
          `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeText(title)}</title></head>` +
          `<body><main><h1>${escapeText(title)}</h1><p>${escapeText(text)}</p>` +
          `<p><a href="${home}">${escapeText(back)}</a></p></main></body></html>`,
  );
}

/** 503 with Retry-After, in the address's language: too many pages wait for a render (render-slots.ts). */
export function answerBusy(req: IncomingMessage, res: ServerResponse): 'busy' {
  const locale = localeFromPath(req.url ?? '/');
  const notice = {
    locale,
    status: 503,
    title: t(locale, 'busy.title'),
    text: t(locale, 'busy.text'),
    back: t(locale, 'souvenir.back'),
    headers: { 'retry-after': '5' },
  };
  answerPlainNotice(req, res, notice, 'BUSY');
  return 'busy';
}
