import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { sanitizeBody, SanitizeError } from '../sanitize/sanitize.ts';
import { jsdom } from '../sanitize/jsdom.ts';
import type { ClaimedSource, RunOutcome } from './claim.ts';
import type { ImportedPost } from './mastodon-post.ts';
import { storeImportedPosts } from './queue.ts';

/** A feed larger than this is refused rather than parsed. */
const MAX_FEED_BYTES = 2_000_000;

const text = (parent: Element, selector: string) => parent.querySelector(selector)?.textContent?.trim() ?? '';

function httpsOrNull(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/**
 * The entries of an RSS 2.0 or Atom document, as posts for the private queue: the id (`guid` or
 * Atom `id`, else the link) folds re-reads and edits; the content (HTML) goes through our allow-list.
 * Entries without a usable link or date are left out.
 */
export function postsFromFeed(xml: string, feedUrl: string): ImportedPost[] {
  const { JSDOM } = jsdom();
  const document = new JSDOM(xml, { contentType: 'application/xml' }).window.document;
  const channelTitle =
    text(document.documentElement, ':scope > channel > title, :scope > title') || new URL(feedUrl).host;
  const entries = [...document.querySelectorAll('item, entry')];
  const posts: ImportedPost[] = [];
  for (const entry of entries) {
    const atomLink =
      entry.querySelector('link[rel="alternate"][href], link:not([rel])[href]')?.getAttribute('href') ?? '';
    const link = httpsOrNull(atomLink || text(entry, 'link'));
    const date = new Date(text(entry, 'pubDate') || text(entry, 'published') || text(entry, 'updated'));
    if (!link || Number.isNaN(date.getTime())) continue;
    const raw =
      text(entry, 'content') || text(entry, 'encoded') || text(entry, 'description') || text(entry, 'summary');
    let bodyHtml = '';
    try {
      bodyHtml = raw ? sanitizeBody(raw) : '';
    } catch (error) {
      if (error instanceof SanitizeError) continue;
      throw error;
    }
    // RSS's own <author> is an email address: never kept; dc:creator or Atom's name is.
    const author = text(entry, 'author > name') || text(entry, 'creator') || channelTitle;
    posts.push({
      remoteUri: `${feedUrl}#${text(entry, 'guid') || text(entry, 'id') || link}`,
      url: link,
      accountHandle: new URL(link).host,
      accountName: author,
      accountUrl: new URL(link).origin,
      bodyHtml,
      contentNote: text(entry, 'title') || null,
      media: [],
      language: null,
      postedAt: date,
      editedAt: null,
    });
  }
  return posts;
}

/** One run of an RSS/Atom source: the whole feed each time (feeds are short), folded by entry id. */
export async function runFeedSource(db: Kysely<Database>, source: ClaimedSource, now: Date): Promise<RunOutcome> {
  try {
    const response = await fetch(source.base_url, {
      headers: { accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9' },
      redirect: 'error',
      signal: AbortSignal.timeout(20_000),
    });
    if (response.status === 429) return { status: 'rate_limited', items: 0, error: 'HTTP 429' };
    if (!response.ok) return { status: 'error', items: 0, error: `HTTP ${response.status}` };
    const xml = await response.text();
    if (xml.length > MAX_FEED_BYTES) return { status: 'error', items: 0, error: 'The feed is too large' };
    const items = await storeImportedPosts(db, source.id, 'rss', postsFromFeed(xml, source.base_url), now);
    return { status: 'ok', items };
  } catch (error) {
    return { status: 'error', items: 0, error: error instanceof Error ? error.message : String(error) };
  }
}
