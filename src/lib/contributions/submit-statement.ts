import { sql } from 'kysely';
import type { Insertable, Kysely } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Database } from '../../../db/types.ts';
import { keepPrepared } from '../../../db/prepared-statements.ts';
import { auditColumns } from '../moderation/audit.ts';
import { NEW_ITEM_MODES, teamRecipientsQuery } from '../mail/team.ts';
import { budgetKey, COUNT_ONE_MORE, MAIL_CHANNEL, outboxColumns } from '../mail/outbox.ts';
import type { OutgoingMail } from '../mail/outbox.ts';
import { perAddressPerDaySql } from '../mail/settings.ts';
import { duplicatesOf } from '../rules/duplicate.ts';
import type { DuplicateProbe } from '../rules/duplicate.ts';
import { deleteExpiredThanks } from '../flash/thank-you.ts';
import type { SealedThankYou } from '../flash/thank-you.ts';
import { contributionsOf } from './kinds.ts';
import { claimUnlessUnchecked } from './submission-once.ts';
import type { ContributionKind, ContributionTable } from './kinds.ts';

/** What the statements below store: a new contribution's row and what its journal row says. */
export interface NewRow {
  kind: ContributionKind;
  row: Insertable<ContributionTable>;
  /** Journaled as the demo's rather than the public's. */
  isDemo: boolean;
  /** Nothing is stored when the text duplicates a stored one (the duplicate rule, on insert). */
  refuse: DuplicateProbe | null;
  /** The author's thank-you flash, stored with the row (and expired ones of everyone deleted). */
  thanks: SealedThankYou['row'] | null;
  now: Date;
}

/**
 * A row's values as one list of parameters, and its columns in the same order: for an INSERT …
 * SELECT, which can be conditional or read another CTE. One raw list rather than a selection per
 * column: building and compiling this statement was a tenth of a share's CPU (issue 19).
 */
function valueList<Row extends object>(row: Row) {
  const entries = Object.entries(row).filter(([, value]) => value !== undefined);
  return {
    columns: entries.map(([column]) => column) as (keyof Row & string)[],
    values: sql.join(entries.map(([, value]) => value)),
  };
}

/**
 * `once` (with `refuse`, the submission's claim: submission-once.ts), `created` (the new row,
 * unless another copy holds the claim, `refuse` finds a duplicate or `alsoUnless` finds a row) and
 * `audit` (its `submit` journal row, with the status and the rules' reasons), as two CTEs of one
 * statement; with `thanks`, the flash too, stored only with the row. PostgreSQL types the
 * selected parameters from the columns they go into.
 */
function createdAndAudited(db: Kysely<Database>, target: NewRow, alsoUnless?: ReturnType<typeof teamRecipientsQuery>) {
  const { kind, row, thanks } = target;
  const { columns, values } = valueList(row);
  const storable = [
    ...(target.refuse ? [sql`not exists (${duplicatesOf(db, target.refuse)})`] : []),
    ...(alsoUnless ? [sql`not exists (${alsoUnless})`] : []),
  ];
  // With `refuse`, the claim is made only if the row is to be stored, and the row only if claimed.
  const conditions = target.refuse ? [sql`exists (select 1 from once)`] : storable;
  const unless = conditions.length > 0 ? sql` where ${sql.join(conditions, sql` and `)}` : sql``;
  const chain = contributionsOf(db)
    .with('once', () => claimUnlessUnchecked(db, target.refuse, row.public_id, target.now, storable))
    // Widened to the union: with a generic kind, Kysely's per-table overloads are not callable.
    .with('created', (qb) =>
      qb
        .insertInto(kind as ContributionKind)
        .columns(columns)
        .expression(sql`select ${values}${unless}`)
        .returning('id'),
    )
    .with('audit', (qb) =>
      qb
        .insertInto('moderation_event')
        .columns(['actor_id', 'actor_label', 'action', 'target_type', 'reason', 'before', 'after', 'target_id'])
        .expression((eb) =>
          eb.selectFrom('created').select([
            ...auditColumns({
              actor: { id: null, label: target.isDemo ? 'demo' : 'public' },
              action: 'submit',
              targetType: kind,
              after: { status: row.status, flagReasons: row.flag_reasons },
            }),
            'created.id as target_id',
          ]),
        )
        .returning('target_id'),
    );
  if (!thanks) return chain;
  // Nothing after reads these two: the chain keeps its type.
  return chain
    .with('expired', () => deleteExpiredThanks(db, target.now))
    .with('thanked', (qb) =>
      qb
        .insertInto('thank_you_flash')
        .columns(['id_hash', 'sealed', 'expires_at'])
        .expression(sql`select ${sql.join([thanks.id_hash, thanks.sealed, thanks.expires_at])} from audit`),
    ) as unknown as typeof chain;
}

/**
 * Stores the row and its journal row in one statement: as atomic as a transaction, one round trip
 * instead of two. With `team`, the members of the team to tell of a text waiting for moderation
 * are read in the same round trip. Undefined when `refuse` found a duplicate.
 */
export function insertNewRow(db: Kysely<Database>, target: NewRow, team: boolean) {
  return createdAndAudited(db, target)
    .selectFrom('audit')
    .select('audit.target_id')
    .$if(team, (qb) => qb.select(jsonArrayFrom(teamRecipientsQuery(db, NEW_ITEM_MODES)).as('team')))
    .executeTakeFirst();
}

/**
 * Stores the row, its journal row and the author's *received* message (`mail`, counted against
 * the address's daily budget and woken senders if queued, as outbox.ts's enqueueMail) in one
 * statement and so without a transaction: three round trips instead of six for a share (issue 19).
 * With `team`, nothing is stored when a member of the team is to be told of each new item: the
 * caller then stores it in a transaction with their messages (`teamWaiting`). `id` is null when
 * nothing was stored; `duplicate` says whether `refuse` found a duplicate. Prepared once per
 * connection on PostgreSQL (db/prepared-statements.ts): planning it cost more than running it.
 */
export async function insertWithReceivedMail(
  db: Kysely<Database>,
  target: NewRow,
  mail: OutgoingMail,
  team: boolean,
  now: Date,
): Promise<{ id: number | null; duplicate: boolean; teamWaiting: boolean }> {
  const members = teamRecipientsQuery(db, NEW_ITEM_MODES);
  const budget = budgetKey(mail.to, now);
  const message = valueList(outboxColumns(mail, now));
  const statement = createdAndAudited(db, target, team ? members : undefined)
    .with('budget', (qb) =>
      qb
        .insertInto('mail_budget')
        .columns(['address_hash', 'day', 'messages'])
        .expression(sql`select ${budget.address_hash}, ${budget.day}, 1 from audit`)
        .onConflict((oc) => oc.columns(['address_hash', 'day']).doUpdateSet(COUNT_ONE_MORE))
        .returning(['messages', perAddressPerDaySql().as('allowed')]),
    )
    .with('queued', (qb) =>
      qb
        .insertInto('mail_outbox')
        .columns([...message.columns, 'status'])
        .expression(
          sql`select ${message.values}, case when budget.messages <= budget.allowed then 'queued' else 'held' end from budget`,
        )
        .returning(['id', 'status']),
    )
    .selectNoFrom((eb) => [
      eb.selectFrom('audit').select('target_id').as('id'),
      // Or a copy sent at the same instant holds the claim: its row, not yet visible here, is the
      // duplicate (no claim is tried when a member of the team is to be told: that way claims later).
      target.refuse
        ? eb
            .or([
              eb.exists(duplicatesOf(db, target.refuse)),
              eb.and([
                eb.not(eb.exists(eb.selectFrom('once').select('key_hash'))),
                ...(team ? [eb.not(eb.exists(members))] : []),
              ]),
            ])
            .as('duplicate')
        : sql<boolean>`false`.as('duplicate'),
      team ? eb.exists(members).as('team_waiting') : sql<boolean>`false`.as('team_waiting'),
      // Senders are woken only for a message they may send; delivered at commit.
      eb
        .selectFrom('queued')
        .select(sql<null>`pg_notify(${MAIL_CHANNEL}, '')`.as('woken'))
        .where('queued.status', '=', 'queued')
        .as('woken'),
    ])
    .compile();
  keepPrepared(statement.sql);
  const row = (await db.executeQuery(statement)).rows[0]!;
  return { id: row.id ?? null, duplicate: Boolean(row.duplicate), teamWaiting: Boolean(row.team_waiting) };
}
