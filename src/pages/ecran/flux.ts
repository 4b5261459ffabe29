import type { APIRoute } from 'astro';
import { getDb } from '../../lib/runtime.ts';
import { screenHub } from '../../lib/wall/screen-hub.ts';
import { approvedSince, lastEventDate, screenStream } from '../../lib/wall/screen-feed.ts';

/** Server-Sent Events for the live screen (/ecran): newly approved souvenirs, public fields only. */
export const GET: APIRoute = async ({ request }) => {
  const [db, hub] = await Promise.all([getDb(), screenHub()]);
  const since = lastEventDate(request.headers.get('last-event-id'));
  const body = screenStream({
    hub,
    signal: request.signal,
    missed: () => (since ? approvedSince(db, since) : Promise.resolve([])),
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
