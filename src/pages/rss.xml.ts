import type { APIRoute } from 'astro';
import rss from '@astrojs/rss';
import { getDb } from '../lib/runtime.ts';
import { feedSouvenirs, rssOptions } from '../lib/wall/feeds.ts';

/** RSS 2.0 of the latest approved souvenirs (cached and invalidated like the wall). */
export const GET: APIRoute = async ({ url }) => {
  const response = await rss(rssOptions(await feedSouvenirs(await getDb()), url.origin));
  response.headers.set('content-type', 'application/rss+xml; charset=utf-8');
  return response;
};
