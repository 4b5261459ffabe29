import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database, MailStatus } from '../../../db/types.ts';
import { normaliseAddress } from './address.ts';

/** What the site holds about its mail to one address, for the person's right of access. */
export interface MailData {
  /** Never the bodies: a private link in one would hand control of a text to whoever reads the export. */
  messages: { kind: string; subject: string; status: MailStatus; createdAt: Date; sentAt: Date | null }[];
  subscriptions: { targetType: 'souvenir' | 'comment'; confirmed: boolean; createdAt: Date }[];
}

export async function mailDataOf(db: Kysely<Database>, address: string): Promise<MailData> {
  const wanted = normaliseAddress(address);
  const messages = await db
    .selectFrom('mail_outbox')
    .select(['kind', 'subject', 'status', 'created_at', 'sent_at'])
    .where(sql<string>`lower(to_address)`, '=', wanted)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const subscriptions = await db
    .selectFrom('mail_subscription')
    .select(['target_type', 'confirmed_at', 'created_at'])
    .where(sql<string>`lower(address)`, '=', wanted)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return {
    messages: messages.map((m) => ({
      kind: m.kind,
      subject: m.subject,
      status: m.status,
      createdAt: m.created_at,
      sentAt: m.sent_at,
    })),
    subscriptions: subscriptions.map((s) => ({
      targetType: s.target_type,
      confirmed: s.confirmed_at !== null,
      createdAt: s.created_at,
    })),
  };
}
