import type { APIRoute } from 'astro';
import { getDb } from '../../lib/runtime.ts';
import { screenHub } from '../../lib/wall/screen-hub.ts';
import { screenEventsFor, screenPosition, screenStream } from '../../lib/wall/screen-feed.ts';
import { wallChangesSince } from '../../lib/wall/changes.ts';

/**
 * Server-Sent Events for the live screen (/ecran): what changed on the wall since the screen's
 * position (its Last-Event-ID, or `depuis`, the position its page was rendered at), then live
 * changes; public fields only.
 */
export const GET: APIRoute = async ({ request, url }) => {
  const [db, hub] = await Promise.all([getDb(), screenHub()]);
  const since = screenPosition(request.headers.get('last-event-id'), url.searchParams.get('depuis'));
  const body = screenStream({
    hub,
    signal: request.signal,
    missed: async () => (since === null ? [] : screenEventsFor(db, await wallChangesSince(db, since))),
  });
  return new Response(body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      // Tells nginx-style proxies not to buffer the stream.
      'x-accel-buffering': 'no',
    },
  });
};
