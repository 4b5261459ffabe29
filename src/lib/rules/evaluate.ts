import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { getDiscussionSettings } from './settings.ts';
import type { DiscussionSettings } from './settings.ts';
import { countLinks, firstMatchingWord, stripTags } from './text.ts';
import { RuleRefusal } from './refusal.ts';
import { contributionsOf } from '../contributions/kinds.ts';
import type { ContributionKind } from '../contributions/kinds.ts';
import { duplicatesOf } from './duplicate.ts';

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
  /**
   * The caller's insert refuses a duplicate itself (`SubmissionContext.refuseDuplicates`): no
   * statement of its own for it, unless the flood rule reads one anyway, which then answers both
   * (a duplicate is still refused before a flood, as WordPress does). One round trip less per
   * share (issue 19).
   */
  duplicatesRefusedOnInsert?: boolean;
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

  if (!options.recheck) {
    const checkFlood = options.checkFlood !== false && settings.floodSeconds > 0;
    if (checkFlood || !options.duplicatesRefusedOnInsert) {
      const { duplicate, wait } = await duplicateAndFlood(db, submission, checkFlood ? settings.floodSeconds : 0, now);
      if (duplicate) throw new RuleRefusal('duplicate');
      if (wait > 0) throw new RuleRefusal('flood', wait);
    }
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
 * Whether the text duplicates a stored one (rules/duplicate.ts), and the seconds left before this
 * IP hash or email may submit again (souvenirs and comments alike; 0 with `floodSeconds` 0), in
 * one statement: every share and comment pays these checks.
 */
async function duplicateAndFlood(
  db: Kysely<Database>,
  s: Submission,
  floodSeconds: number,
  now: Date,
): Promise<{ duplicate: boolean; wait: number }> {
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
  const row = await db
    .selectNoFrom((eb) => [
      eb.exists(duplicatesOf(db, s)).as('duplicate'),
      ...(floodSeconds > 0 ? [latest('souvenir').as('souvenir'), latest('comment').as('comment')] : []),
    ])
    .executeTakeFirstOrThrow();
  const duplicate = Boolean(row.duplicate);
  const flood = row as { souvenir?: Date | string | null; comment?: Date | string | null };
  const times = [flood.souvenir, flood.comment]
    .filter((at): at is Date | string => at != null)
    .map((at) => new Date(at).getTime());
  if (times.length === 0) return { duplicate, wait: 0 };
  const waitMs = Math.max(...times) + floodSeconds * 1000 - now.getTime();
  return { duplicate, wait: waitMs > 0 ? Math.min(floodSeconds, Math.ceil(waitMs / 1000)) : 0 };
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
