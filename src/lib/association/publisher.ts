import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { recordEvent } from '../moderation/audit.ts';
import type { Actor } from '../moderation/audit.ts';
import { notifyWall } from '../contributions/notify.ts';

/**
 * Who publishes the wall, as a French publisher must say it (LCEN art. 6-III: the publisher,
 * the director of publication, the host). Shown on the legal notice, the privacy page and the footer.
 */
export interface Publisher {
  organisation: string;
  postalAddress: string;
  director: string;
  contactEmail: string;
  hostName: string;
  hostAddress: string;
}

export const PUBLISHER_FIELDS: readonly (keyof Publisher)[] = [
  'organisation',
  'postalAddress',
  'director',
  'contactEmail',
  'hostName',
  'hostAddress',
];

/** Longest value per field; the addresses may take several lines. */
export const PUBLISHER_MAX_LENGTH = 300;

export const PUBLISHER_SETTINGS_KEY = 'publisher';

const EMPTY: Readonly<Publisher> = Object.freeze({
  organisation: '',
  postalAddress: '',
  director: '',
  contactEmail: '',
  hostName: '',
  hostAddress: '',
});

/** The details a stored value holds, each field a string (missing or malformed ones empty). */
export function readPublisher(value: unknown): Publisher {
  const v = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const field = (key: keyof Publisher) => (typeof v[key] === 'string' ? (v[key] as string) : '');
  return Object.fromEntries(PUBLISHER_FIELDS.map((key) => [key, field(key)])) as unknown as Publisher;
}

/** Whether every field the law asks for is filled in; until then the moderation pages remind admins. */
export function isPublisherComplete(publisher: Publisher): boolean {
  return PUBLISHER_FIELDS.every((key) => publisher[key].trim() !== '');
}

/** The publisher's details as stored (empty fields until an admin fills them in). */
export async function getPublisher(db: Kysely<Database>): Promise<Publisher> {
  const row = await db
    .selectFrom('setting')
    .select('value')
    .where('key', '=', PUBLISHER_SETTINGS_KEY)
    .executeTakeFirst();
  return row ? readPublisher(row.value) : { ...EMPTY };
}

/**
 * Stores the publisher's details with their audit row (before and after) in one transaction, and
 * tells every process's caches: the footer of every public page shows them. The Action validates
 * the fields (publisher-schema.ts); values are trimmed here.
 */
export async function savePublisher(
  db: Kysely<Database>,
  input: Publisher,
  actor: Actor,
  now = new Date(),
): Promise<Publisher> {
  const next = readPublisher(Object.fromEntries(PUBLISHER_FIELDS.map((key) => [key, input[key].trim()])));
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('setting')
      .select('value')
      .where('key', '=', PUBLISHER_SETTINGS_KEY)
      .executeTakeFirst();
    const value = JSON.stringify(next);
    const row = await trx
      .insertInto('setting')
      .values({ key: PUBLISHER_SETTINGS_KEY, value, updated_at: now, updated_by: actor.id })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now, updated_by: actor.id }))
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      actor,
      action: 'publisher',
      targetType: 'setting',
      targetId: row.id,
      before: readPublisher(current?.value),
      after: next,
    });
    await notifyWall(trx, 'publisher');
    return next;
  });
}
