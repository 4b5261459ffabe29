import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { hashToken } from '../security/tokens.ts';
import type { DuplicateProbe } from '../rules/duplicate.ts';
import { contributionsOf } from './kinds.ts';

/**
 * How long a key holds: two copies of one submission arrive within it (a double press, a
 * retry). Past it, the duplicate rule alone decides (it sees every committed row by then).
 */
export const SUBMISSION_ONCE_MS = 60_000;

/**
 * Who sent what where, hashed: the address (any case), the text, and for a comment its souvenir
 * and parent. The name is left out: copies of one submission carry the same address.
 */
export function submissionKey(probe: DuplicateProbe): string {
  return hashToken(
    JSON.stringify([
      probe.kind,
      probe.souvenirId ?? null,
      probe.parentId ?? null,
      probe.email.toLowerCase(),
      probe.body,
    ]),
  );
}

/**
 * The key's row, claimed: returns it when this statement may store the contribution, nothing when
 * another copy holds it. The claim is made only `when` every condition holds (no duplicate stored,
 * nothing else stopping this statement from storing it), so a claim is never left by a statement
 * that stored nothing; in a transaction, it rolls back with it. PostgreSQL makes a second insert of
 * a key wait for the first one's transaction, then sees its row: of copies sent at the same
 * instant, one is stored. A key older than the window is taken over, and so is one whose holder
 * is in the trash. Whether the holder was stored is not asked: a copy in flight is not visible
 * yet, and would be taken for absent.
 */
export function claimSubmission(
  db: Kysely<Database>,
  probe: DuplicateProbe,
  publicId: string,
  now: Date,
  when: RawBuilder<unknown>[] = [],
) {
  const conditions = when.length > 0 ? sql` where ${sql.join(when, sql` and `)}` : sql``;
  return db
    .insertInto('submission_once')
    .columns(['key_hash', 'public_id', 'at'])
    .expression(sql`select ${submissionKey(probe)}, ${publicId}, ${now}::timestamptz${conditions}`)
    .onConflict((oc) =>
      oc
        .column('key_hash')
        .doUpdateSet({ public_id: publicId, at: now })
        .where((eb) =>
          eb.or([
            eb('submission_once.at', '<', new Date(now.getTime() - SUBMISSION_ONCE_MS)),
            // Its holder was trashed at once: as for the duplicate rule, it no longer counts.
            eb.exists(
              contributionsOf(db)
                .selectFrom(probe.kind)
                .select('id')
                .where('public_id', '=', sql.ref<string>('submission_once.public_id'))
                .where('status', '=', 'trash'),
            ),
          ]),
        ),
    )
    .returning('key_hash');
}

/**
 * The claim for a statement that stores `probe`'s contribution `when` the conditions hold, or for
 * one that refuses no duplicate (scripts, demo data, imports) a claim always granted, written nowhere.
 */
export function claimUnlessUnchecked(
  db: Kysely<Database>,
  probe: DuplicateProbe | null,
  publicId: string,
  now: Date,
  when: RawBuilder<unknown>[] = [],
) {
  return probe
    ? claimSubmission(db, probe, publicId, now, when)
    : db.selectNoFrom(sql<string>`'unchecked'`.as('key_hash'));
}

/** What the daily purge deletes: keys past their window (privacy/purge.ts). */
export async function purgeSubmissionKeys(db: Kysely<Database>, now = new Date()): Promise<number> {
  const result = await db
    .deleteFrom('submission_once')
    .where('at', '<', new Date(now.getTime() - SUBMISSION_ONCE_MS))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
