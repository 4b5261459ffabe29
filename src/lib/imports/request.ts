import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { Database, ImportRequestStatus } from '../../../db/types.ts';
import { DomainError } from '../errors.ts';
import { recordEvent } from '../moderation/audit.ts';
import type { Actor } from '../moderation/audit.ts';
import { hashToken, newToken } from '../security/tokens.ts';
import { sendConsentRequest } from './request-send.ts';
import type { SendOptions } from './request-send.ts';

/** An unanswered request lapses after this long (issue 20: "unanswered requests expire after 14 days"). */
export const REQUEST_TTL_DAYS = 14;
export const IMPORT_SETTINGS_KEY = 'imports';
/** "At most a few requests an hour": asking is a reply from the association to a stranger, never a campaign. */
export const DEFAULT_REQUESTS_PER_HOUR = 5;
export const REQUESTS_PER_HOUR_LIMITS = { min: 1, max: 60 } as const;

export type ImportRequestErrorCode = 'not_found' | 'already_asked' | 'rate_limited' | 'cannot_ask' | 'send_failed';

export class ImportRequestError extends DomainError<ImportRequestErrorCode> {
  constructor(code: ImportRequestErrorCode) {
    super('ImportRequestError', 'Consent request refused', code);
  }
}

/** Requests per hour as stored (setting `imports`), or the default when missing or out of range. */
export function readRequestsPerHour(value: unknown): number {
  const n = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const { min, max } = REQUESTS_PER_HOUR_LIMITS;
  const perHour = n.requestsPerHour;
  return typeof perHour === 'number' && Number.isInteger(perHour) && perHour >= min && perHour <= max
    ? perHour
    : DEFAULT_REQUESTS_PER_HOUR;
}

// No 0/O or 1/I/L: the author types it back from a phone.
const KEYWORD_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** The word the author replies to prove the account is theirs: short, unambiguous, unlikely by chance. */
export function newKeyword(): string {
  let word = '';
  for (let i = 0; i < 6; i++) word += KEYWORD_ALPHABET[randomInt(KEYWORD_ALPHABET.length)];
  return `ACCORD-${word}`;
}

interface Reserved {
  requestId: number;
  token: string;
  keyword: string;
}

/**
 * Reserves the one request a post may have, under the hour's budget, in one transaction: the
 * `imports` setting row is locked first, so processes asking at the same time count one after
 * the other. A request whose sending failed may be taken again; any other is final.
 */
async function reserveRequest(trx: Transaction<Database>, itemId: number, actor: Actor, now: Date): Promise<Reserved> {
  // The row exists from migration 960 on; made again if an admin's tooling ever removed it, since the lock needs it.
  await trx
    .insertInto('setting')
    .values({ key: IMPORT_SETTINGS_KEY, value: JSON.stringify({ requestsPerHour: DEFAULT_REQUESTS_PER_HOUR }) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const setting = await trx
    .selectFrom('setting')
    .select('value')
    .where('key', '=', IMPORT_SETTINGS_KEY)
    .forUpdate()
    .executeTakeFirst();
  const perHour = readRequestsPerHour(setting?.value);
  const hourAgo = new Date(now.getTime() - 3_600_000);
  const { n } = await trx
    .selectFrom('import_request')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('created_at', '>', hourAgo)
    .where('status', '!=', 'failed')
    .executeTakeFirstOrThrow();
  if (n >= perHour) throw new ImportRequestError('rate_limited');
  const token = newToken();
  const keyword = newKeyword();
  const expiresAt = new Date(now.getTime() + REQUEST_TTL_DAYS * 86_400_000);
  const row = await trx
    .insertInto('import_request')
    .values({
      item_id: itemId,
      keyword,
      token_hash: hashToken(token),
      status: 'sending',
      created_at: now,
      expires_at: expiresAt,
      asked_by: actor.id,
    })
    .onConflict((oc) =>
      oc
        .column('item_id')
        .doUpdateSet({
          keyword,
          token_hash: hashToken(token),
          status: 'sending',
          created_at: now,
          expires_at: expiresAt,
          error: null,
          asked_by: actor.id,
        })
        .where('import_request.status', '=', 'failed'),
    )
    .returning('id')
    .executeTakeFirst();
  if (!row) throw new ImportRequestError('already_asked');
  await recordEvent(trx, { actor, action: 'import.ask', targetType: 'import', targetId: itemId });
  return { requestId: row.id, token, keyword };
}

/**
 * Asks a post's author for consent (a moderator chose the post; never automatic): reserves the
 * post's one request, then replies from the association's account on the post's network with the
 * consent page's link and the keyword. Network calls happen outside any transaction. Throws
 * `ImportRequestError`: `not_found`, `already_asked` (by anyone, in any process), `rate_limited`
 * (the hour's budget is spent), `cannot_ask` (no account to reply from), `send_failed` (the
 * network refused: the post may be asked again).
 */
export async function askForConsent(
  db: Kysely<Database>,
  itemId: number,
  actor: Actor,
  options: SendOptions & { origin: string; now?: Date },
): Promise<{ requestId: number; keyword: string }> {
  const now = options.now ?? new Date();
  const item = await db
    .selectFrom('import_item')
    .innerJoin('import_source', 'import_source.id', 'import_item.source_id')
    .select([
      'import_item.id',
      'import_item.network',
      'import_item.remote_uri',
      'import_item.account_handle',
      'import_source.base_url',
      'import_source.account',
      'import_source.app_password',
      'import_source.access_token',
    ])
    .where('import_item.id', '=', itemId)
    .executeTakeFirst();
  if (!item) throw new ImportRequestError('not_found');
  const canAsk =
    (item.network === 'mastodon' && item.access_token) ||
    (item.network === 'bluesky' && item.account && item.app_password);
  if (!canAsk) throw new ImportRequestError('cannot_ask');
  const reserved = await db.transaction().execute((trx) => reserveRequest(trx, itemId, actor, now));
  const link = `${options.origin}/accord/${reserved.token}`;
  try {
    const replyId = await sendConsentRequest(item, { link, keyword: reserved.keyword }, options);
    await db
      .updateTable('import_request')
      .set({ status: 'sent', sent_at: new Date(), remote_reply_id: replyId })
      .where('id', '=', reserved.requestId)
      .execute();
  } catch (error) {
    await db
      .updateTable('import_request')
      .set({ status: 'failed', error: error instanceof Error ? error.message.slice(0, 500) : String(error) })
      .where('id', '=', reserved.requestId)
      .execute();
    throw new ImportRequestError('send_failed');
  }
  return { requestId: reserved.requestId, keyword: reserved.keyword };
}

/** Requests nobody answered within 14 days lapse (the daily purge); returns how many. */
export async function expireConsentRequests(db: Kysely<Database>, now = new Date()): Promise<number> {
  const result = await db
    .updateTable('import_request')
    .set({ status: 'expired' })
    .where('status', 'in', ['sent', 'proved'])
    .where('expires_at', '<', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Each post's request status, for the private queue's "ask" button. */
export async function requestStatusOf(db: Kysely<Database>, itemIds: number[]) {
  if (itemIds.length === 0) return new Map<number, ImportRequestStatus>();
  const rows = await db
    .selectFrom('import_request')
    .select(['item_id', 'status'])
    .where('item_id', 'in', itemIds)
    .execute();
  return new Map(rows.map((r) => [r.item_id, r.status]));
}
