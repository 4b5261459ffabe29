import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';

export interface MostCommented {
  publicId: string;
  title: string | null;
  authorName: string;
  locale: string;
  commentCount: number;
}

/**
 * "Les souvenirs les plus commentés": approved souvenirs with the most approved comments, read
 * from the kept counts (index souvenir_most_commented_idx), most recent first on a tie.
 */
export async function mostCommented(db: Kysely<Database>, limit = 5): Promise<MostCommented[]> {
  const rows = await db
    .selectFrom('souvenir')
    .select(['public_id', 'title', 'author_name', 'locale', 'comment_count'])
    .where('status', '=', 'approved')
    .where('hidden_by_reports', '=', false)
    .where('comment_count', '>', 0)
    .orderBy('comment_count', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    publicId: r.public_id,
    title: r.title,
    authorName: r.author_name,
    locale: r.locale,
    commentCount: r.comment_count,
  }));
}
