import type { IncomingMessage, ServerResponse } from 'node:http';
import { getDb } from '../../src/lib/runtime.ts';
import { unsubscribe } from '../../src/lib/mail/subscriptions.ts';
import { ONE_CLICK_PATH, UNSUBSCRIBE_PATH } from '../../src/lib/mail/links.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

const ROUTE = new RegExp(`^${ONE_CLICK_PATH}/([A-Za-z0-9_-]{32})$`);

/**
 * RFC 8058's one-click unsubscribe, answered before Astro: a mail provider POSTs
 * `List-Unsubscribe=One-Click` from its own servers, with no session and no Origin, which
 * Astro's checkOrigin and our cross-site check both refuse (403) for every other form POST.
 * The key is the whole authority and only ever takes mail away, so no origin is needed here.
 * Answered the same for a key already used or unknown; a GET (a person who clicked the header's
 * link) goes to the page with the visible buttons.
 */
export function oneClickUnsubscribe(next: Handler): Handler {
  return async (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const match = ROUTE.exec(path);
    if (!match) return next(req, res);
    const key = match[1]!;
    if (req.method === 'GET' || req.method === 'HEAD') {
      res.writeHead(303, { location: `${UNSUBSCRIBE_PATH}/${key}`, 'cache-control': 'no-store' });
      res.end();
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'GET, POST', 'content-type': 'text/plain; charset=utf-8' });
      res.end();
      return;
    }
    try {
      await unsubscribe(await getDb(), key);
    } catch (error) {
      // Never the key in a log line: it is in the path, so the path stays out too.
      console.error(`[mail] one-click unsubscribe failed: ${(error as Error).message}`);
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '60' });
      res.end('Service indisponible, réessayez. / Unavailable, please retry.\n');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    res.end('Désabonnement enregistré. / Unsubscribed.\n');
  };
}
