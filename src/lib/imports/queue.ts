import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database, ImportSourceKind } from '../../../db/types.ts';
import type { ImportedPost } from './mastodon-post.ts';
import { forgetPostForGood, forgottenAmong } from './forgotten.ts';

/** How long a post nobody consented to stays in the private queue (the privacy page's 30 days). */
export const UNCONSENTED_RETENTION_DAYS = 30;

/**
 * Stores posts in the private queue. The same post seen again (another page, another hashtag, a
 * boost, an edit) folds into its row by `remote_uri`: an edit replaces the text, never adds a row.
 * A post forgotten for good (declined, withdrawn, its original gone, deleted by a moderator) is
 * left out. Returns how many rows were new or changed.
 */
export async function storeImportedPosts(
  db: Kysely<Database>,
  sourceId: number,
  network: ImportSourceKind,
  posts: ImportedPost[],
  now = new Date(),
): Promise<number> {
  const forgotten = await forgottenAmong(
    db,
    posts.map((post) => post.remoteUri),
  );
  const kept = posts.filter((post) => !forgotten.has(post.remoteUri));
  if (kept.length === 0) return 0;
  const result = await db
    .insertInto('import_item')
    .values(
      kept.map((post) => ({
        source_id: sourceId,
        network,
        remote_uri: post.remoteUri,
        remote_id: post.remoteId ?? null,
        url: post.url,
        account_handle: post.accountHandle,
        account_name: post.accountName,
        account_url: post.accountUrl,
        body_html: post.bodyHtml,
        content_note: post.contentNote,
        media: JSON.stringify(post.media),
        language: post.language,
        posted_at: post.postedAt,
        edited_at: post.editedAt,
        fetched_at: now,
      })),
    )
    .onConflict((oc) =>
      oc
        .column('remote_uri')
        .doUpdateSet({
          body_html: sql`excluded.body_html`,
          content_note: sql`excluded.content_note`,
          media: sql`excluded.media`,
          account_name: sql`excluded.account_name`,
          edited_at: sql`excluded.edited_at`,
          // Images changed by the edit are fetched again (imports/images.ts).
          images_fetched_at: sql`case when excluded.media = import_item.media then import_item.images_fetched_at end`,
        })
        // Only an edit changes a stored post: the same version seen twice is not news.
        .where(sql<boolean>`excluded.edited_at is distinct from import_item.edited_at`),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** One post of the private queue as a moderator sees it. */
export type ImportedPostRow = Awaited<ReturnType<typeof listImportedPosts>>[number];

/** The private queue "Importés", newest first: for moderators only. */
export function listImportedPosts(db: Kysely<Database>, limit = 50) {
  return db
    .selectFrom('import_item')
    .select([
      'id',
      'network',
      'language',
      'url',
      'account_handle',
      'account_name',
      'body_html',
      'content_note',
      'media',
      'posted_at',
      'edited_at',
      'fetched_at',
    ])
    .orderBy('posted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Deletes imported posts fetched over 30 days ago whose author never consented; returns how many. */
export async function purgeUnconsentedImports(db: Kysely<Database>, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - UNCONSENTED_RETENTION_DAYS * 86_400_000);
  const result = await db
    .deleteFrom('import_item')
    .where('consented_at', 'is', null)
    .where('fetched_at', '<', cutoff)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Deletes one gathered post now (its author asked, or a moderator judged it out of place), for good:
 * no source gathers it again. False when already gone.
 */
export async function forgetImportedPost(db: Kysely<Database>, id: number, now = new Date()): Promise<boolean> {
  return db.transaction().execute((trx) => forgetPostForGood(trx, id, 'moderator', now));
}
