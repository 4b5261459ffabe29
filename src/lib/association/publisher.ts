import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { saveSetting, storedSetting } from '../settings/setting-row.ts';
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
  const stored = await storedSetting(db, PUBLISHER_SETTINGS_KEY);
  return stored === undefined ? { ...EMPTY } : readPublisher(stored);
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
  return saveSetting(db, {
    key: PUBLISHER_SETTINGS_KEY,
    value: next,
    actor,
    now,
    action: 'publisher',
    readBefore: readPublisher,
    alsoIn: (trx) => notifyWall(trx, 'publisher'),
  });
}
