import type { APIRoute } from 'astro';
import rss from '@astrojs/rss';
import { publicReader } from '../../lib/replica/public-reader.ts';
import { feedSouvenirs, rssOptions } from '../../lib/wall/feeds.ts';

/** RSS 2.0 of the latest approved souvenirs, /rss.xml in French and /en/rss.xml in English (cached and invalidated like the wall). */
export const GET: APIRoute = async ({ request, url, locals: { locale, origin } }) => {
  const response = await rss(
    rssOptions(await feedSouvenirs(await publicReader(request)), origin ?? url.origin, locale),
  );
  response.headers.set('content-type', 'application/rss+xml; charset=utf-8');
  return response;
};
