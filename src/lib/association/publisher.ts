import { defineSetting } from '../settings/setting-row.ts';
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

const publisherSetting = defineSetting<Publisher>({
  key: PUBLISHER_SETTINGS_KEY,
  read: readPublisher,
  check: (input) => readPublisher(Object.fromEntries(PUBLISHER_FIELDS.map((key) => [key, input[key].trim()]))),
  action: 'publisher',
  alsoIn: (trx) => notifyWall(trx, 'publisher'),
});

/** The publisher's details as stored (empty fields until an admin fills them in). */
export const getPublisher = publisherSetting.get;

/**
 * Stores the publisher's details with their audit row (before and after) in one transaction, and
 * tells every process's caches: the footer of every public page shows them. The Action validates
 * the fields (publisher-schema.ts); values are trimmed here.
 */
export const savePublisher = publisherSetting.save;
