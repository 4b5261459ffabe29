import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database, SouvenirStatus } from '../../../db/types.ts';
import { recordEvent } from '../moderation/audit.ts';
import type { Actor } from '../moderation/audit.ts';
import { eraseComment, eraseSouvenir } from './erase.ts';

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
  const hash = createHmac('sha256', secret).update(`email:${normaliseEmail(email)}`).digest('hex');
  return { hash, id: Number.parseInt(hash.slice(0, 7), 16) };
}

/** Addresses match whatever their case, and only whole: "a@b.fr" never finds "aa@b.fr". */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A souvenir as its author gave it, for the export: never the IP hash or the token hash. */
export interface EmailSouvenir {
  id: number;
  publicId: string;
  status: SouvenirStatus;
  authorName: string;
  authorEmail: string;
  title: string | null;
  body: string;
  memoryYear: number | null;
  event: string | null;
  hashtags: string[];
  locale: string;
  commentCount: number;
  candleCount: number;
  consentAt: Date;
  createdAt: Date;
  updatedAt: Date;
  approvedAt: Date | null;
}

export interface EmailComment {
  id: number;
  publicId: string;
  status: SouvenirStatus;
  /** The souvenir it answers (its public id) and, for a reply, the comment answered. */
  souvenirPublicId: string;
  inReplyTo: string | null;
  authorName: string;
  authorEmail: string;
  authorWebsite: string | null;
  body: string;
  locale: string;
  createdAt: Date;
  updatedAt: Date;
  approvedAt: Date | null;
}

export interface EmailData {
  souvenirs: EmailSouvenir[];
  comments: EmailComment[];
}

/** Everything written under this address, any status, oldest first (withdrawn items hold no address any more). */
export async function findEmailData(db: Kysely<Database>, email: string): Promise<EmailData> {
  const address = normaliseEmail(email);
  const souvenirs = await db
    .selectFrom('souvenir')
    .select([
      'id',
      'public_id',
      'status',
      'author_name',
      'author_email',
      'title',
      'body_raw',
      'memory_year',
      'event',
      'hashtags',
      'locale',
      'comment_count',
      'candle_count',
      'consent_at',
      'created_at',
      'updated_at',
      'approved_at',
    ])
    .where(sql`lower(author_email)`, '=', address)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const comments = await db
    .selectFrom('comment as c')
    .innerJoin('souvenir as s', 's.id', 'c.souvenir_id')
    .leftJoin('comment as p', 'p.id', 'c.parent_id')
    .select([
      'c.id',
      'c.public_id',
      'c.status',
      's.public_id as souvenir_public_id',
      'p.public_id as parent_public_id',
      'c.author_name',
      'c.author_email',
      'c.author_website',
      'c.body_raw',
      'c.locale',
      'c.created_at',
      'c.updated_at',
      'c.approved_at',
    ])
    .where(sql`lower(c.author_email)`, '=', address)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
  return {
    souvenirs: souvenirs.map((r) => ({
      id: r.id,
      publicId: r.public_id,
      status: r.status,
      authorName: r.author_name,
      authorEmail: r.author_email,
      title: r.title,
      body: r.body_raw,
      memoryYear: r.memory_year,
      event: r.event,
      hashtags: r.hashtags,
      locale: r.locale,
      commentCount: r.comment_count,
      candleCount: r.candle_count,
      consentAt: r.consent_at,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      approvedAt: r.approved_at,
    })),
    comments: comments.map((r) => ({
      id: r.id,
      publicId: r.public_id,
      status: r.status,
      souvenirPublicId: r.souvenir_public_id,
      inReplyTo: r.parent_public_id,
      authorName: r.author_name,
      authorEmail: r.author_email,
      authorWebsite: r.author_website,
      body: r.body_raw,
      locale: r.locale,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      approvedAt: r.approved_at,
    })),
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
  await recordEvent(db, { actor, action, targetType: 'email', targetId: key.id, after: { emailHash: key.hash, ...counts } });
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

/**
 * The right to erasure: every souvenir and comment under this address, whatever its status, is
 * erased exactly as its author's withdrawal would (see erase.ts: counts fixed, the wall told),
 * in one transaction with one audit row per item and one for the address.
 */
export async function eraseEmailData(db: Kysely<Database>, request: EmailRequest & { now?: Date }): Promise<ErasedCounts> {
  const now = request.now ?? new Date();
  const address = normaliseEmail(request.email);
  return db.transaction().execute(async (trx) => {
    const souvenirs = await trx.selectFrom('souvenir').select('id').where(sql`lower(author_email)`, '=', address).execute();
    const comments = await trx.selectFrom('comment').select('id').where(sql`lower(author_email)`, '=', address).execute();
    const erasure = { actor: request.actor, action: 'erase' as const, now };
    const counts = { souvenirs: 0, comments: 0 };
    for (const { id } of comments) if (await eraseComment(trx, id, erasure)) counts.comments += 1;
    for (const { id } of souvenirs) if (await eraseSouvenir(trx, id, erasure)) counts.souvenirs += 1;
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
export async function emailHistory(db: Kysely<Database>, secret: string, email: string, limit = 20): Promise<EmailEvent[]> {
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
