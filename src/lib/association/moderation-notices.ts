import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import type { Role } from '../auth/session-user.ts';
import { countUnreadContactMessages } from './contact.ts';
import { getPublisher, isPublisherComplete } from './publisher.ts';

export interface ModerationNotices {
  /** Contact messages nobody has read yet. */
  unreadMessages: number;
  /** For admins: the legal notice still lacks details (LCEN art. 6-III). */
  publisherIncomplete: boolean;
}

/** What every moderation page reminds its reader of, read once per page. */
export async function moderationNotices(db: Kysely<Database>, role: Role): Promise<ModerationNotices> {
  const [unreadMessages, publisher] = await Promise.all([
    countUnreadContactMessages(db),
    role === 'admin' ? getPublisher(db) : null,
  ]);
  return { unreadMessages, publisherIncomplete: publisher !== null && !isPublisherComplete(publisher) };
}
