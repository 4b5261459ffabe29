import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { getDiscussionSettings } from './settings.ts';
import type { DiscussionSettings } from './settings.ts';
import { countLinks, firstMatchingWord, stripTags } from './text.ts';
import { RuleRefusal } from './refusal.ts';
import { contributionsOf } from '../contributions/kinds.ts';
import type { ContributionKind } from '../contributions/kinds.ts';

export interface Submission {
  kind: ContributionKind;
  name: string;
  email: string;
  website: string | null;
  body: string;
  /** Other public fields, checked for words like the rest (a souvenir's title and event). */
  otherFields?: readonly (string | null)[];
  ipHash: string | null;
  /** For a comment: the souvenir it answers, and the comment it replies to (or null). */
  souvenirId?: number | null;
  parentId?: number | null;
  now?: Date;
}

export type Outcome = 'pending' | 'approved' | 'spam';

export interface Verdict {
  outcome: Outcome;
  /**
   * Why, for the moderators: `disallowed_word:<word>`, `links:<n>`, `moderation_word:<word>`,
   * `known_author`. Stored in `flag_reasons`.
   */
  reasons: string[];
}

export interface EvaluateOptions {
  /** Rules already read (the Action reads them once); read from the database otherwise. */
  settings?: DiscussionSettings;
  /** False only when rate limits are lifted for a load test (LIFT_RATE_LIMITS=1). */
  checkFlood?: boolean;
  /**
   * Re-checking a stored text its author edited: no duplicate or flood check (the text would
   * meet itself) and never approved at once (an edit does not publish): `pending` or `spam`.
   */
  recheck?: boolean;
}

/**
 * The discussion rules, in WordPress's order. Throws RuleRefusal `duplicate` or `flood` (nothing
 * is to be stored); otherwise says whether the text is spam, held, or approved at once:
 * - a disallowed word (in the name, email, website, text, other fields, or text without markup) → spam;
 * - `maxLinks` links or more, or a moderation word → held, even for a known author;
 * - a known author (earlier approved souvenir or comment, same name and email), when the
 *   setting is on → approved;
 * - anything else → held.
 */
export async function evaluateSubmission(
  db: Kysely<Database>,
  submission: Submission,
  options: EvaluateOptions = {},
): Promise<Verdict> {
  const settings = options.settings ?? (await getDiscussionSettings(db));
  const now = submission.now ?? new Date();

  if (!options.recheck && (await isDuplicate(db, submission))) throw new RuleRefusal('duplicate');
  if (!options.recheck && options.checkFlood !== false && settings.floodSeconds > 0) {
    const wait = await floodWaitSeconds(db, submission, settings.floodSeconds, now);
    if (wait > 0) throw new RuleRefusal('flood', wait);
  }

  const fields = [
    submission.name,
    submission.email,
    submission.website ?? '',
    submission.body,
    ...(submission.otherFields ?? []).map((f) => f ?? ''),
  ];
  const disallowed = firstMatchingWord(settings.disallowedWords, [...fields, stripTags(submission.body)]);
  if (disallowed !== null) return { outcome: 'spam', reasons: [`disallowed_word:${disallowed}`] };

  const reasons: string[] = [];
  const links = countLinks(submission.body);
  if (settings.maxLinks > 0 && links >= settings.maxLinks) reasons.push(`links:${links}`);
  const held = firstMatchingWord(settings.moderationWords, fields);
  if (held !== null) reasons.push(`moderation_word:${held}`);
  if (reasons.length > 0) return { outcome: 'pending', reasons };

  if (
    !options.recheck &&
    settings.autoApproveKnownAuthors &&
    (await isKnownAuthor(db, submission.name, submission.email))
  ) {
    return { outcome: 'approved', reasons: ['known_author'] };
  }
  return { outcome: 'pending', reasons: [] };
}

/**
 * The same text from the same email or name: on the same souvenir and parent for a comment,
 * anywhere for a souvenir. Trashed texts do not count (as in WordPress).
 */
async function isDuplicate(db: Kysely<Database>, s: Submission): Promise<boolean> {
  const sameAuthor = sql<boolean>`(lower(author_email) = lower(${s.email}) or author_name = ${s.name})`;
  // A souvenir's text is looked up by its md5 (indexed); a comment's only within its thread.
  const samePlace =
    s.kind === 'souvenir'
      ? sql<boolean>`md5(body_raw) = md5(${s.body})`
      : sql<boolean>`souvenir_id = ${s.souvenirId ?? -1} and parent_id is not distinct from ${s.parentId ?? null}::int`;
  const row = await contributionsOf(db)
    .selectFrom(s.kind)
    .select('id')
    .where(samePlace)
    .where('body_raw', '=', s.body)
    .where(sameAuthor)
    .where('status', '<>', 'trash')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Seconds left before this IP hash or email may submit again (souvenirs and comments alike), or 0. */
async function floodWaitSeconds(db: Kysely<Database>, s: Submission, floodSeconds: number, now: Date): Promise<number> {
  const since = new Date(now.getTime() - floodSeconds * 1000);
  const latest = (kind: ContributionKind) =>
    contributionsOf(db)
      .selectFrom(kind)
      .select('created_at')
      .where('created_at', '>', since)
      .where((eb) =>
        eb.or([
          ...(s.ipHash ? [eb('ip_hash', '=', s.ipHash)] : []),
          eb(sql`lower(author_email)`, '=', s.email.toLowerCase()),
        ]),
      )
      .orderBy('created_at', 'desc')
      .limit(1);
  // Both kinds in one statement: every share and comment pays this check (one round trip, not two).
  const row = await db
    .selectNoFrom([latest('souvenir').as('souvenir'), latest('comment').as('comment')])
    .executeTakeFirstOrThrow();
  const times = [row.souvenir, row.comment].filter((at): at is Date => at != null).map((at) => new Date(at).getTime());
  if (times.length === 0) return 0;
  const last = Math.max(...times);
  const waitMs = last + floodSeconds * 1000 - now.getTime();
  return waitMs > 0 ? Math.min(floodSeconds, Math.ceil(waitMs / 1000)) : 0;
}

/** An earlier approved souvenir or comment under the same name and email (WordPress matches both). */
async function isKnownAuthor(db: Kysely<Database>, name: string, email: string): Promise<boolean> {
  const match = (kind: ContributionKind) =>
    contributionsOf(db)
      .selectFrom(kind)
      .select(sql<number>`1`.as('one'))
      .where(sql`lower(author_email)`, '=', email.toLowerCase())
      .where(sql`lower(author_name)`, '=', name.toLowerCase())
      .where('status', '=', 'approved')
      // A text hidden by visitors' reports vouches for no one until a moderator decides.
      .where('hidden_by_reports', '=', false);
  const row = await match('comment').unionAll(match('souvenir')).limit(1).executeTakeFirst();
  return row !== undefined;
}
