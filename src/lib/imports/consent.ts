import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database, ImportMedia, ImportRequestStatus, ImportScope } from '../../../db/types.ts';
import { DomainError } from '../errors.ts';
import type { MessageKey } from '../i18n/index.ts';
import { recordEvent } from '../moderation/audit.ts';
import { hashToken } from '../security/tokens.ts';
import { TOKEN_SHAPE } from '../contributions/author-link.ts';
import { checkProof } from './proof.ts';
import type { SendOptions } from './request-send.ts';
import { publishConsented, unpublishImported } from './publish.ts';
import { photosOfImportItem } from './images.ts';
import { forgetPostForGood } from './forgotten.ts';
import type { ImportPhoto } from './images.ts';

export const IMPORT_SCOPES = ['wall', 'screen', 'photos', 'archive'] as const satisfies readonly ImportScope[];

/** How the consent page names each use. */
export const SCOPE_LABEL: Readonly<Record<ImportScope, MessageKey>> = {
  wall: 'consent.scope.wall',
  screen: 'consent.scope.screen',
  photos: 'consent.scope.photos',
  archive: 'consent.scope.archive',
};

export function isImportScope(value: string): value is ImportScope {
  return (IMPORT_SCOPES as readonly string[]).includes(value);
}

/** The author acts through the consent page; the journal names them so, never by handle. */
const AUTHOR = { id: null, label: 'author' } as const;

export type ConsentErrorCode =
  'not_found' | 'not_proved' | 'no_wall' | 'expired' | 'not_consented' | 'already_consented';

export class ConsentError extends DomainError<ConsentErrorCode> {
  constructor(code: ConsentErrorCode) {
    super('ConsentError', 'Consent refused', code);
  }
}

/** Everything the consent page shows: exactly what would be published, and where it stands. */
export interface ConsentPage {
  requestId: number;
  status: ImportRequestStatus;
  keyword: string;
  expiresAt: Date;
  network: string;
  accountName: string;
  accountHandle: string;
  url: string;
  bodyHtml: string;
  contentNote: string | null;
  media: ImportMedia[];
  /** Our re-encoded copies of its images, as they would be published (with the 'photos' use). */
  photos: ImportPhoto[];
  language: string | null;
  /** The consent in force, if any (the latest, not withdrawn). */
  consent: { scopes: ImportScope[]; givenAt: Date } | null;
}

async function readPage(db: Kysely<Database>, token: string) {
  if (!TOKEN_SHAPE.test(token)) return null;
  return db
    .selectFrom('import_request')
    .innerJoin('import_item', 'import_item.id', 'import_request.item_id')
    .innerJoin('import_source', 'import_source.id', 'import_item.source_id')
    .leftJoin('import_consent', (join) =>
      join.onRef('import_consent.request_id', '=', 'import_request.id').on('import_consent.withdrawn_at', 'is', null),
    )
    .select([
      'import_request.id as requestId',
      'import_request.status',
      'import_request.keyword',
      'import_request.expires_at as expiresAt',
      'import_request.remote_reply_id as remoteReplyId',
      'import_item.id as itemId',
      'import_item.network',
      'import_item.remote_uri as remoteUri',
      'import_item.account_name as accountName',
      'import_item.account_handle as accountHandle',
      'import_item.account_url as accountUrl',
      'import_item.url',
      'import_item.body_html as bodyHtml',
      'import_item.content_note as contentNote',
      'import_item.media',
      'import_item.language',
      'import_item.souvenir_id as souvenirId',
      'import_source.base_url as baseUrl',
      'import_source.account',
      'import_source.app_password as appPassword',
      'import_source.access_token as accessToken',
      'import_consent.id as consentId',
      'import_consent.scopes',
      'import_consent.given_at as givenAt',
    ])
    .where('import_request.token_hash', '=', hashToken(token))
    .orderBy('import_consent.given_at', 'desc')
    .executeTakeFirst();
}

/**
 * The consent page behind a token we sent, or null for any other. While the request waits for
 * the author's keyword reply, it looks for it first (so "reply, then reload this page" works).
 */
export async function openConsentPage(
  db: Kysely<Database>,
  token: string,
  options: SendOptions,
): Promise<ConsentPage | null> {
  let row = await readPage(db, token);
  if (!row) return null;
  if (row.status === 'sent' && row.remoteReplyId && row.expiresAt > new Date()) {
    if (await checkProof(db, { ...row, remoteReplyId: row.remoteReplyId }, options)) row = await readPage(db, token);
    if (!row) return null;
  }
  return {
    requestId: row.requestId,
    status: row.status,
    keyword: row.keyword,
    expiresAt: row.expiresAt,
    network: row.network,
    accountName: row.accountName,
    accountHandle: row.accountHandle,
    url: row.url,
    bodyHtml: row.bodyHtml,
    contentNote: row.contentNote,
    media: row.media,
    photos: await photosOfImportItem(db, row.itemId),
    language: row.language,
    consent: row.consentId && row.scopes && row.givenAt ? { scopes: row.scopes, givenAt: row.givenAt } : null,
  };
}

/** What the page told the author they agree to, kept word for word in the consent record. */
export function askedText(scopes: readonly ImportScope[], url: string): string {
  return `Publication on the Mur des Souvenirs of the post ${url}, credited with its author's display name, handle and a link to it, for: ${scopes.join(', ')}. Withdrawable at any time from the consent page.`;
}

/**
 * What each of the author's answers asks of the request's status when it is written: consent only
 * once the account is proved, a "no" at any time before consent.
 */
const ANSWERS = {
  consented: { operator: '=', status: 'proved', refusal: 'not_proved' },
  declined: { operator: '!=', status: 'consented', refusal: 'already_consented' },
} as const satisfies Record<string, { operator: '=' | '!='; status: ImportRequestStatus; refusal: ConsentErrorCode }>;

/**
 * Writes the author's answer on the request, in the caller's transaction. The write is
 * conditional, so of two tabs answering at once only the first wins; the other is refused with
 * the answer's ConsentError.
 */
async function recordAnswer(
  trx: Transaction<Database>,
  requestId: number,
  answer: keyof typeof ANSWERS,
): Promise<void> {
  const { operator, status, refusal } = ANSWERS[answer];
  const written = await trx
    .updateTable('import_request')
    .set({ status: answer })
    .where('id', '=', requestId)
    .where('status', operator, status)
    .executeTakeFirst();
  if (written.numUpdatedRows === 0n) throw new ConsentError(refusal);
}

/**
 * The author says yes, for the chosen uses (the wall at least), after proving the account: a
 * consent record (what was asked, the text and its sha256, the account, the scopes, when) and a
 * souvenir waiting for moderation, in one transaction. Only a `proved` request can consent, once.
 * Throws ConsentError `not_found`, `no_wall`, `expired`, `not_proved`.
 */
export async function giveConsent(
  db: Kysely<Database>,
  token: string,
  scopes: readonly ImportScope[],
  now = new Date(),
): Promise<{ souvenirId: number }> {
  const row = await readPage(db, token);
  if (!row) throw new ConsentError('not_found');
  if (!scopes.includes('wall')) throw new ConsentError('no_wall');
  if (row.expiresAt <= now || row.status === 'expired') throw new ConsentError('expired');
  const unique = IMPORT_SCOPES.filter((scope) => scopes.includes(scope));
  return db.transaction().execute(async (trx) => {
    await recordAnswer(trx, row.requestId, 'consented');
    const consent = await trx
      .insertInto('import_consent')
      .values({
        item_id: row.itemId,
        request_id: row.requestId,
        network: row.network,
        account_uri: row.network === 'bluesky' ? row.remoteUri.split('/').slice(0, 3).join('/') : row.accountUrl,
        account_handle: row.accountHandle,
        asked_text: askedText(unique, row.url),
        body_html: row.bodyHtml,
        body_sha256: createHash('sha256').update(row.bodyHtml).digest('hex'),
        scopes: unique,
        given_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.updateTable('import_item').set({ consented_at: now }).where('id', '=', row.itemId).execute();
    const souvenirId = await publishConsented(trx, row, unique, now);
    await recordEvent(trx, {
      actor: AUTHOR,
      action: 'import.consent',
      targetType: 'import',
      targetId: row.itemId,
      after: { consent: consent.id, scopes: unique, souvenir: souvenirId },
    });
    return { souvenirId };
  });
}

/**
 * The author takes it back, at any time: the consent record keeps when (and why, if said), the
 * souvenir leaves every page at once and is erased, and our copy of the post is deleted. Throws
 * ConsentError `not_found`, `not_consented`.
 */
export async function withdrawConsent(
  db: Kysely<Database>,
  token: string,
  reason: string | null,
  now = new Date(),
): Promise<void> {
  const row = await readPage(db, token);
  if (!row) throw new ConsentError('not_found');
  if (!row.consentId) throw new ConsentError('not_consented');
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('import_consent')
      .set({ withdrawn_at: now, withdrawal_reason: reason?.trim().slice(0, 500) || null })
      .where('request_id', '=', row.requestId)
      .where('withdrawn_at', 'is', null)
      .execute();
    if (row.souvenirId !== null) await unpublishImported(trx, row.souvenirId, AUTHOR, now);
    await recordEvent(trx, { actor: AUTHOR, action: 'import.withdraw', targetType: 'import', targetId: row.itemId });
    await forgetPostForGood(trx, row.itemId, 'withdrawn', now);
  });
}

/**
 * The author says no thanks, before any consent (after one, they withdraw): the request is marked
 * `declined` and journaled, then our copy of the post is deleted at once, as the purge deletes an
 * unconsented post: its re-encoded photos and the request go with it (cascade); the journal keeps
 * that it was declined, and the hash of its address keeps it from being gathered or asked again. No proof is needed: anyone holding the link may only make us forget.
 * Throws ConsentError `not_found`, `already_consented`.
 */
export async function declineRequest(db: Kysely<Database>, token: string): Promise<void> {
  const row = await readPage(db, token);
  if (!row) throw new ConsentError('not_found');
  if (row.consentId || row.status === 'consented') throw new ConsentError('already_consented');
  await db.transaction().execute(async (trx) => {
    await recordAnswer(trx, row.requestId, 'declined');
    await recordEvent(trx, {
      actor: AUTHOR,
      action: 'import.decline',
      targetType: 'import',
      targetId: row.itemId,
      before: { status: row.status },
      after: { status: 'declined' },
    });
    await forgetPostForGood(trx, row.itemId, 'declined');
  });
}
