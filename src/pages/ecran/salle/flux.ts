import type { APIRoute } from 'astro';
import { venueHub } from '../../../lib/commemoration/venue-hub.ts';
import { venueStream } from '../../../lib/commemoration/venue-feed.ts';

/**
 * Server-Sent Events for the venue's screen (/ecran/salle): the loop as the console set it
 * (`salle`) and the moment of silence (`silence`), each stamped with the server's clock; public
 * fields only.
 */
export const GET: APIRoute = async ({ request }) => {
  const body = venueStream(await venueHub(), request.signal);
  return new Response(body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      // Tells nginx-style proxies not to buffer the stream.
      'x-accel-buffering': 'no',
    },
  });
};
