import type { APIRoute } from 'astro';
import { getDb } from '../../lib/runtime.ts';
import { screenHub } from '../../lib/wall/screen-hub.ts';
import { screenEventsFor, screenPosition, screenStream } from '../../lib/wall/screen-feed.ts';
import { wallChangesSince } from '../../lib/wall/changes.ts';
import { venueHub } from '../../lib/commemoration/venue-hub.ts';
import { silenceFeed } from '../../lib/commemoration/venue-feed.ts';

/**
 * Server-Sent Events for the live screen (/ecran): what changed on the wall since the screen's
 * position (its Last-Event-ID, or `depuis`, the position its page was rendered at), then live
 * changes; public fields only.
 */
export const GET: APIRoute = async ({ request, url }) => {
  const [db, hub, venue] = await Promise.all([getDb(), screenHub(), venueHub()]);
  const since = screenPosition(request.headers.get('last-event-id'), url.searchParams.get('depuis'));
  const body = screenStream({
    hub,
    signal: request.signal,
    // The moment of silence reaches every screen, the public one too (issue 21).
    extra: silenceFeed(venue),
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
