import type { Kysely } from 'kysely';
import type { RSSOptions } from '@astrojs/rss';
import type { Database } from '../../../db/types.ts';
import { t, localizedPath } from '../i18n/index.ts';
import type { Locale } from '../i18n/index.ts';
import { toPlainText } from '../sanitize/sanitize.ts';
import { wallPage } from '../souvenirs/wall.ts';
import type { PublicSouvenir } from '../souvenirs/model.ts';
import { souvenirHeading } from '../souvenirs/naming.ts';
import { sharedPhoto } from '../photos/shown.ts';

export const FEED_SIZE = 50;

/** The latest approved souvenirs, newest approval first: what both feeds carry. */
export async function feedSouvenirs(db: Kysely<Database>, limit = FEED_SIZE): Promise<PublicSouvenir[]> {
  return (await wallPage(db, { limit })).souvenirs;
}

function heading(locale: Locale, souvenir: PublicSouvenir): string {
  return souvenirHeading(locale, souvenir).heading;
}

/** An RSS item's title: "{title}, par {name}", or "Souvenir de {name}" alone (the name once). */
function itemTitle(locale: Locale, souvenir: PublicSouvenir): string {
  const { heading, bylineNeeded } = souvenirHeading(locale, souvenir);
  return bylineNeeded ? t(locale, 'feed.itemTitle', { title: heading, name: souvenir.authorName }) : heading;
}

function excerpt(souvenir: PublicSouvenir): string {
  const text = toPlainText(souvenir.bodyHtml).replace(/\s+/g, ' ').trim();
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

/** Named entities only: @astrojs/rss parses customData and would escape a numeric one again. */
function xmlText(value: string): string {
  const named: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
  return value.replace(/[&<>"']/g, (c) => named[c]!);
}

/** The body as a feed reader shows it: in its own direction, so an open override ends with it. */
export function feedHtml(souvenir: PublicSouvenir): string {
  return `<div dir="auto">${souvenir.bodyHtml}</div>`;
}

function permalink(origin: string, locale: Locale, souvenir: PublicSouvenir): string {
  return new URL(localizedPath(locale, `/souvenirs/${souvenir.publicId}`), origin).href;
}

/** The first photo a reader may show at once, as an RSS enclosure (its 960 px JPEG). */
function photoEnclosure(origin: string, souvenir: PublicSouvenir) {
  const photo = sharedPhoto(souvenir.photos);
  if (!photo) return {};
  return { enclosure: { url: new URL(photo.src, origin).href, length: photo.srcBytes, type: 'image/jpeg' } };
}

/**
 * RSS 2.0 (through @astrojs/rss): public fields only. RSS's <author> must be an email address,
 * so the author's name goes in <dc:creator> instead.
 */
export function rssOptions(souvenirs: PublicSouvenir[], origin: string, locale: Locale = 'fr'): RSSOptions {
  return {
    title: t(locale, 'feed.title'),
    description: t(locale, 'feed.description'),
    site: new URL(localizedPath(locale, '/'), origin).href,
    xmlns: { dc: 'http://purl.org/dc/elements/1.1/' },
    customData: `<language>${locale}</language>`,
    items: souvenirs.map((souvenir) => ({
      title: itemTitle(locale, souvenir),
      link: permalink(origin, locale, souvenir),
      pubDate: souvenir.approvedAt ?? souvenir.createdAt,
      description: excerpt(souvenir),
      content: feedHtml(souvenir),
      categories: souvenir.hashtags,
      customData: `<dc:creator>${xmlText(souvenir.authorName)}</dc:creator>`,
      ...photoEnclosure(origin, souvenir),
    })),
  };
}

/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1): public fields only. */
export function jsonFeed(souvenirs: PublicSouvenir[], origin: string, locale: Locale = 'fr') {
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: t(locale, 'feed.title'),
    description: t(locale, 'feed.description'),
    home_page_url: new URL(localizedPath(locale, '/'), origin).href,
    feed_url: new URL(localizedPath(locale, '/feed.json'), origin).href,
    language: locale,
    items: souvenirs.map((souvenir) => ({
      id: permalink(origin, locale, souvenir),
      url: permalink(origin, locale, souvenir),
      title: heading(locale, souvenir),
      content_html: feedHtml(souvenir),
      summary: excerpt(souvenir),
      date_published: (souvenir.approvedAt ?? souvenir.createdAt).toISOString(),
      authors: [{ name: souvenir.authorName }],
      language: souvenir.locale,
      tags: souvenir.hashtags,
      ...(sharedPhoto(souvenir.photos) ? { image: new URL(sharedPhoto(souvenir.photos)!.src, origin).href } : {}),
      ...(souvenir.memoryYear || souvenir.event
        ? { _mur_des_souvenirs: { memory_year: souvenir.memoryYear, event: souvenir.event } }
        : {}),
    })),
  };
}
