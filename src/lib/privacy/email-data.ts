import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database, SouvenirStatus } from '../../../db/types.ts';
import { recordEvent } from '../moderation/audit.ts';
import type { Actor } from '../moderation/audit.ts';
import { camelised } from '../contributions/public.ts';
import { eraseContribution } from '../contributions/erase.ts';
import { contributionsOf } from '../contributions/kinds.ts';
import type { ContributionKind, ContributionTable } from '../contributions/kinds.ts';
import { eraseMailOf } from '../mail/erase.ts';
import { mailDataOf } from '../mail/data.ts';
import type { MailData } from '../mail/data.ts';
import { eraseContactMessagesOf } from '../association/contact.ts';

/**
 * How the audit log names an email address without holding it: a keyed hash (HMAC-SHA-256 with
 * the server's privacy secret, the one IP addresses are hashed with), so nobody reading the
 * database can test guesses against it, while the app can still find earlier actions on the same
 * address. `id` is a short number taken from it, the journal's "Adresse n° …".
 */
export interface EmailKey {
  hash: string;
  id: number;
}

export function emailKey(secret: string, email: string): EmailKey {
  const hash = createHmac('sha256', secret)
    .update(`email:${normaliseEmail(email)}`)
    .digest('hex');
  return { hash, id: Number.parseInt(hash.slice(0, 7), 16) };
}

/** Addresses match whatever their case, and only whole: "a@b.fr" never finds "aa@b.fr". */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A text as its author gave it, for the export: never the IP hash or the token hash. */
export interface EmailContribution {
  id: number;
  publicId: string;
  status: SouvenirStatus;
  authorName: string;
  authorEmail: string;
  body: string;
  locale: string;
  createdAt: Date;
  updatedAt: Date;
  approvedAt: Date | null;
}

export interface EmailSouvenir extends EmailContribution {
  title: string | null;
  memoryYear: number | null;
  event: string | null;
  hashtags: string[];
  commentCount: number;
  candleCount: number;
  consentAt: Date;
}

export interface EmailComment extends EmailContribution {
  /** The souvenir it answers (its public id) and, for a reply, the comment answered. */
  souvenirPublicId: string;
  inReplyTo: string | null;
  authorWebsite: string | null;
}

export interface EmailData {
  souvenirs: EmailSouvenir[];
  comments: EmailComment[];
  /** The messages written to the address and its subscriptions (mail/data.ts). */
  mail: MailData;
}

/** The columns of `EmailContribution` but the body, kept raw (`body_raw as body`). */
const EMAIL_COLUMNS = [
  'id',
  'public_id',
  'status',
  'author_name',
  'author_email',
  'locale',
  'created_at',
  'updated_at',
  'approved_at',
] as const satisfies readonly (keyof ContributionTable)[];
const SOUVENIR_COLUMNS = [
  'title',
  'memory_year',
  'event',
  'hashtags',
  'comment_count',
  'candle_count',
  'consent_at',
] as const;
const COMMENT_COLUMNS = ['author_website', 'souvenir_public_id', 'in_reply_to'] as const;

const writtenWith = (address: string) => sql<boolean>`lower(author_email) = ${address}`;

/** Everything written under this address, any status, oldest first (withdrawn items hold no address any more). */
export async function findEmailData(db: Kysely<Database>, email: string): Promise<EmailData> {
  const address = normaliseEmail(email);
  const souvenirs = await db
    .selectFrom('souvenir')
    .select([...EMAIL_COLUMNS, 'body_raw as body', ...SOUVENIR_COLUMNS])
    .where(writtenWith(address))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const comments = await db
    .selectFrom('comment')
    .select((eb) => [
      ...EMAIL_COLUMNS,
      'body_raw as body',
      'author_website',
      eb
        .selectFrom('souvenir as s')
        .select('s.public_id')
        .whereRef('s.id', '=', 'comment.souvenir_id')
        .$asScalar()
        .$notNull()
        .as('souvenir_public_id'),
      eb.selectFrom('comment as p').select('p.public_id').whereRef('p.id', '=', 'comment.parent_id').as('in_reply_to'),
    ])
    .where(writtenWith(address))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return {
    souvenirs: souvenirs.map((row) => camelised(row, [...EMAIL_COLUMNS, 'body', ...SOUVENIR_COLUMNS])),
    comments: comments.map((row) => camelised(row, [...EMAIL_COLUMNS, 'body', ...COMMENT_COLUMNS])),
    mail: await mailDataOf(db, address),
  };
}

/** The JSON file an admin hands to the person who asked for their data. */
export function emailDataDocument(email: string, data: EmailData, now: Date): string {
  const strip = <T extends { id: number }>({ id: _id, ...rest }: T) => rest;
  return `${JSON.stringify(
    {
      exportedAt: now.toISOString(),
      email: normaliseEmail(email),
      souvenirs: data.souvenirs.map(strip),
      comments: data.comments.map(strip),
      mail: data.mail,
    },
    null,
    2,
  )}\n`;
}

export type EmailDataAction = 'data.search' | 'data.export' | 'data.erase';

/** One audit row for an action on an address: its keyed hash and what was found, never the address. */
async function recordEmailEvent(
  db: Kysely<Database>,
  action: EmailDataAction,
  actor: Actor,
  key: EmailKey,
  counts: { souvenirs: number; comments: number },
): Promise<void> {
  await recordEvent(db, {
    actor,
    action,
    targetType: 'email',
    targetId: key.id,
    after: { emailHash: key.hash, ...counts },
  });
}

export interface EmailRequest {
  email: string;
  /** The privacy secret (runtime.ipHashSecret) that keys the address's hash. */
  secret: string;
  actor: Actor;
}

/** Finds an address's data for an admin, and logs that they looked (search) or downloaded it (export). */
export async function lookUpEmailData(
  db: Kysely<Database>,
  request: EmailRequest & { action: 'data.search' | 'data.export' },
): Promise<EmailData> {
  const data = await findEmailData(db, request.email);
  await recordEmailEvent(db, request.action, request.actor, emailKey(request.secret, request.email), {
    souvenirs: data.souvenirs.length,
    comments: data.comments.length,
  });
  return data;
}

export interface ErasedCounts {
  souvenirs: number;
  comments: number;
}

/** Comments before souvenirs: a comment leaves its souvenir's kept count while that souvenir is still on the wall. */
const ERASED_IN_ORDER: readonly (readonly [ContributionKind, keyof ErasedCounts])[] = [
  ['comment', 'comments'],
  ['souvenir', 'souvenirs'],
];

/**
 * The right to erasure: every souvenir and comment under this address, whatever its status, is
 * erased exactly as its author's withdrawal would (see contributions/erase.ts: counts fixed, the
 * wall told), and their contact messages deleted, in one transaction with one audit row per item
 * and one for the address.
 */
export async function eraseEmailData(
  db: Kysely<Database>,
  request: EmailRequest & { now?: Date },
): Promise<ErasedCounts> {
  const now = request.now ?? new Date();
  const address = normaliseEmail(request.email);
  return db.transaction().execute(async (trx) => {
    const erasure = { actor: request.actor, action: 'erase' as const, now };
    const counts = { souvenirs: 0, comments: 0 };
    for (const [kind, line] of ERASED_IN_ORDER) {
      const rows = await contributionsOf(trx).selectFrom(kind).select('id').where(writtenWith(address)).execute();
      for (const { id } of rows) if (await eraseContribution(trx, kind, id, erasure)) counts[line] += 1;
    }
    // Also what was written to the address about texts already gone (contributions/erase.ts does the rest).
    await eraseMailOf(trx, address);
    // And what the person wrote to the team through the contact form.
    await eraseContactMessagesOf(trx, address);
    await recordEmailEvent(trx, 'data.erase', request.actor, emailKey(request.secret, request.email), counts);
    return counts;
  });
}

export interface EmailEvent {
  action: EmailDataAction;
  actorLabel: string;
  occurredAt: Date;
}

/** What admins did before about this address (found by its keyed hash), newest first. */
export async function emailHistory(
  db: Kysely<Database>,
  secret: string,
  email: string,
  limit = 20,
): Promise<EmailEvent[]> {
  const key = emailKey(secret, email);
  const rows = await db
    .selectFrom('moderation_event as e')
    .leftJoin('app_user as u', 'u.id', 'e.actor_id')
    .select(['e.action', 'e.actor_label', 'u.display_name', 'e.occurred_at'])
    .where('e.target_type', '=', 'email')
    .where('e.target_id', '=', key.id)
    .where(sql<string>`e.after->>'emailHash'`, '=', key.hash)
    .orderBy('e.occurred_at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    action: r.action as EmailDataAction,
    actorLabel: r.display_name ?? r.actor_label,
    occurredAt: r.occurred_at,
  }));
}
