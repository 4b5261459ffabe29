import type { ImportMedia } from '../../../db/types.ts';
import { sanitizeBody, SanitizeError } from '../sanitize/sanitize.ts';

/** The parts of a Mastodon Account entity the filters read (https://docs.joinmastodon.org/entities/Account/). */
export interface MastodonAccount {
  acct: string;
  username: string;
  display_name: string;
  url: string;
  note?: string;
  bot?: boolean;
  group?: boolean;
  discoverable?: boolean | null;
  indexable?: boolean;
  noindex?: boolean | null;
  limited?: boolean;
  suspended?: boolean;
}

/** The parts of a Mastodon Status entity we keep (https://docs.joinmastodon.org/entities/Status/). */
export interface MastodonStatus {
  id: string;
  uri: string;
  url?: string | null;
  created_at: string;
  edited_at?: string | null;
  visibility: 'public' | 'unlisted' | 'private' | 'direct';
  content: string;
  spoiler_text?: string;
  language?: string | null;
  account: MastodonAccount;
  reblog?: MastodonStatus | null;
  media_attachments?: { type: string; url: string; description?: string | null }[];
}

/** An imported post, ready for the private queue. */
export interface ImportedPost {
  remoteUri: string;
  /** Mastodon: the status id on the server we read it from (the daily check asks it there). */
  remoteId?: string;
  url: string;
  accountHandle: string;
  accountName: string;
  accountUrl: string;
  bodyHtml: string;
  contentNote: string | null;
  media: ImportMedia[];
  language: string | null;
  postedAt: Date;
  editedAt: Date | null;
}

/** Why a status was left out (for the counts a run reports), or null when it is kept. */
export type SkipReason = 'not_public' | 'bot' | 'opted_out' | 'unreadable';

const OPT_OUT_TAG = /#no(?:bot|bridge)\b/i;

/** Mastodon's bio is HTML: the hashtags are words inside links, so test the text, tags removed. */
function bioText(note: string | undefined): string {
  return (note ?? '').replace(/<[^>]*>/g, '');
}

/**
 * Why this account must never be gathered, or null: a bot or group, limited or suspended, or a
 * person who said no to discovery or indexing (`discoverable: false`, `indexable: false`,
 * `noindex: true`, or #nobot / #nobridge in the bio, the fediverse's customary opt-outs).
 */
export function accountRefusal(account: MastodonAccount): SkipReason | null {
  if (account.bot || account.group) return 'bot';
  if (account.limited || account.suspended) return 'opted_out';
  if (account.discoverable === false || account.indexable === false || account.noindex === true) return 'opted_out';
  if (OPT_OUT_TAG.test(bioText(account.note))) return 'opted_out';
  return null;
}

/** `user@server` for every account: a local account's `acct` has no server part (its profile's host is it). */
function fullHandle(account: MastodonAccount, serverHost: string): string {
  if (account.acct.includes('@')) return account.acct;
  let host = serverHost;
  try {
    host = new URL(account.url).host;
  } catch {
    // A profile address that does not parse: the server we asked is the account's home.
  }
  return `${account.acct}@${host}`;
}

/**
 * The post a status stands for, filtered: a boost is folded into the post it boosts (so a boost
 * and its original make one entry, keyed by the original's `uri`); only public posts from
 * accounts that did not opt out are kept. The HTML goes through our allow-list; a content
 * warning is kept as a content note; media keep their descriptions (images are fetched afterwards, imports/images.ts).
 */
export function postFromStatus(status: MastodonStatus, serverHost: string): ImportedPost | SkipReason {
  const post = status.reblog ?? status;
  // A remote server's JSON is not ours: a status missing what we need is left out, not a failed run.
  if (typeof post?.uri !== 'string' || typeof post.content !== 'string' || typeof post.account?.acct !== 'string') {
    return 'unreadable';
  }
  if (post.visibility !== 'public') return 'not_public';
  const refusal = accountRefusal(post.account);
  if (refusal) return refusal;
  const postedAt = new Date(post.created_at);
  if (Number.isNaN(postedAt.getTime()) || !post.uri) return 'unreadable';
  let bodyHtml = '';
  try {
    bodyHtml = post.content.trim() === '' ? '' : sanitizeBody(post.content);
  } catch (error) {
    if (error instanceof SanitizeError) return 'unreadable';
    throw error;
  }
  return {
    remoteUri: post.uri,
    ...(typeof post.id === 'string' ? { remoteId: post.id } : {}),
    url: post.url ?? post.uri,
    accountHandle: fullHandle(post.account, serverHost),
    accountName: post.account.display_name || post.account.username,
    accountUrl: post.account.url,
    bodyHtml,
    contentNote: post.spoiler_text?.trim() || null,
    media: (post.media_attachments ?? []).map((m) => ({
      type: m.type,
      description: m.description?.trim() || null,
      remoteUrl: m.url,
    })),
    language: post.language && /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(post.language) ? post.language : null,
    postedAt,
    editedAt: post.edited_at && !Number.isNaN(Date.parse(post.edited_at)) ? new Date(post.edited_at) : null,
  };
}
