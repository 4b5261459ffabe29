import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { blueskySession, blueskyThread } from './bluesky-session.ts';
import type { SendOptions } from './request-send.ts';

/** What proving reads of a request, its post and the source it was asked from. */
export interface ProofTarget {
  requestId: number;
  keyword: string;
  remoteReplyId: string;
  network: string;
  /** The post's author: their profile address (Mastodon) or, in the post's at:// uri, their DID (Bluesky). */
  accountUrl: string;
  remoteUri: string;
  baseUrl: string;
  account: string | null;
  appPassword: string | null;
  accessToken: string | null;
}

/** The keyword as a word of the reply's text, whatever its case (Mastodon sends HTML). */
export function saysKeyword(text: string, keyword: string): boolean {
  const plain = text.replace(/<[^>]*>/g, ' ');
  return new RegExp(`(^|[^A-Za-z0-9-])${keyword}($|[^A-Za-z0-9-])`, 'i').test(plain);
}

/** The author of an at:// uri (at://did:plc:…/app.bsky.feed.post/…). */
export function didOf(atUri: string): string {
  return atUri.replace(/^at:\/\//, '').split('/')[0] ?? '';
}

interface MentionNotification {
  type: string;
  account?: { url?: string };
  status?: { in_reply_to_id?: string | null; content?: string };
}

/** Mastodon: a mention notification of the association's account, in reply to our request, by the author, saying the word. */
async function provedOnMastodon(target: ProofTarget): Promise<boolean> {
  const query = new URLSearchParams({ 'types[]': 'mention', limit: '80' });
  const response = await fetch(`${target.baseUrl}/api/v1/notifications?${query}`, {
    headers: { authorization: `Bearer ${target.accessToken}`, accept: 'application/json' },
    redirect: 'error',
    signal: AbortSignal.timeout(20_000),
  });
  if (!response.ok) throw new Error(`notifications: HTTP ${response.status}`);
  const notifications = (await response.json()) as MentionNotification[];
  return notifications.some(
    (n) =>
      n.type === 'mention' &&
      n.status?.in_reply_to_id === target.remoteReplyId &&
      n.account?.url === target.accountUrl &&
      saysKeyword(n.status.content ?? '', target.keyword),
  );
}

/** Bluesky: a reply under our request, by the post's author (same DID), saying the word. */
async function provedOnBluesky(target: ProofTarget): Promise<boolean> {
  const session = await blueskySession(target.baseUrl, target.account!, target.appPassword!);
  const thread = await blueskyThread(target.baseUrl, session, target.remoteReplyId, 1);
  const author = didOf(target.remoteUri);
  return (thread.replies ?? []).some(
    (reply) => reply.post?.author?.did === author && saysKeyword(reply.post.record?.text ?? '', target.keyword),
  );
}

/**
 * Looks for the author's keyword reply; when found, the request becomes `proved` (only from
 * `sent`, so a request consented or expired meanwhile stays as it is). A network failure
 * counts as "not seen yet": the page says so and the author reloads later.
 */
export async function checkProof(db: Kysely<Database>, target: ProofTarget, options: SendOptions): Promise<boolean> {
  const base = new URL(target.baseUrl);
  if (base.protocol !== 'https:' && !options.allowLocal) return false;
  let proved = false;
  try {
    proved = target.network === 'mastodon' ? await provedOnMastodon(target) : await provedOnBluesky(target);
  } catch {
    return false;
  }
  if (!proved) return false;
  await db
    .updateTable('import_request')
    .set({ status: 'proved', proved_at: new Date() })
    .where('id', '=', target.requestId)
    .where('status', '=', 'sent')
    .execute();
  return true;
}
