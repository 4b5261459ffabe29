import type { APIRoute } from 'astro';
import { publicReader } from '../../lib/replica/public-reader.ts';
import { feedSouvenirs, jsonFeed } from '../../lib/wall/feeds.ts';

/** JSON Feed 1.1 of the latest approved souvenirs, /feed.json in French and /en/feed.json in English (cached and invalidated like the wall). */
export const GET: APIRoute = async ({ request, url, locals: { locale, origin } }) => {
  return new Response(
    JSON.stringify(jsonFeed(await feedSouvenirs(await publicReader(request)), origin ?? url.origin, locale)),
    {
      headers: { 'content-type': 'application/feed+json; charset=utf-8' },
    },
  );
};
