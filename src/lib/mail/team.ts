import type { InferResult, Kysely, Transaction } from 'kysely';
import type { Database, TeamMailMode } from '../../../db/types.ts';
import { DomainError } from '../errors.ts';
import { localizedPath } from '../i18n/index.ts';
import type { ContributionKind } from '../contributions/kinds.ts';
import { newItemMail } from './compose-team.ts';
import { enqueueMail } from './outbox.ts';

export const TEAM_MAIL_MODES: readonly TeamMailMode[] = ['each', 'digest', 'none'];

/** What a member of the team chose on their account page. */
export interface TeamMailPreferences {
  email: string | null;
  mode: TeamMailMode;
  /** Europe/Paris, 0–23. */
  digestHour: number;
}

export class TeamMailError extends DomainError<'email_required'> {
  constructor() {
    super('TeamMailError', 'team mail preferences refused', 'email_required');
  }
}

export async function getTeamMailPreferences(db: Kysely<Database>, userId: number): Promise<TeamMailPreferences> {
  const row = await db
    .selectFrom('app_user')
    .select(['email', 'mail_mode', 'digest_hour'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return { email: row.email, mode: row.mail_mode, digestHour: row.digest_hour };
}

/** Stores a member's choice. Throws TeamMailError when they ask for messages without an address. */
export async function saveTeamMailPreferences(
  db: Kysely<Database>,
  userId: number,
  preferences: TeamMailPreferences,
): Promise<void> {
  if (preferences.mode !== 'none' && !preferences.email) throw new TeamMailError();
  if (!Number.isInteger(preferences.digestHour) || preferences.digestHour < 0 || preferences.digestHour > 23) {
    throw new RangeError('digest hour out of range');
  }
  await db
    .updateTable('app_user')
    .set({ email: preferences.email, mail_mode: preferences.mode, digest_hour: preferences.digestHour })
    .where('id', '=', userId)
    .execute();
}

/**
 * The members who chose one of `modes`, with an address (disabled accounts never get mail), as a
 * query still to run: alone (`teamRecipients`) or inside another statement (contributions/submit.ts).
 */
export function teamRecipientsQuery(db: Kysely<Database>, modes: readonly TeamMailMode[]) {
  return db
    .selectFrom('app_user')
    .select(['id', 'email', 'display_name', 'digest_hour'])
    .where('disabled_at', 'is', null)
    .where('email', 'is not', null)
    .where('mail_mode', 'in', modes)
    .orderBy('id');
}

/** A member of the team to write to. */
export type TeamRecipient = InferResult<ReturnType<typeof teamRecipientsQuery>>[number];

/** Members with an address and a choice other than "nothing" (disabled accounts never get mail). */
export function teamRecipients(db: Kysely<Database>, modes: readonly TeamMailMode[]): Promise<TeamRecipient[]> {
  return teamRecipientsQuery(db, modes).execute();
}

/** The queue's address, on the kind's tab. */
export function queueUrl(origin: string, kind?: ContributionKind): string {
  return new URL(`${localizedPath('fr', '/moderation')}${kind === 'comment' ? '?type=commentaires' : ''}`, origin).href;
}

/** Who hears of each new item at once: read with the new row (contributions/submit.ts), one round trip for both. */
export const NEW_ITEM_MODES: readonly TeamMailMode[] = ['each'];

/**
 * A text from the public now waits for moderation: `members` (those who chose every new item,
 * `NEW_ITEM_MODES`) are told, in the transaction that stored it. Its first words only; its
 * author's name and address never.
 */
export async function queueNewItemNotices(
  trx: Transaction<Database>,
  kind: ContributionKind,
  item: { id: number; text: string },
  origin: string,
  members: readonly TeamRecipient[],
  now = new Date(),
): Promise<void> {
  for (const member of members) {
    await enqueueMail(
      trx,
      newItemMail(
        { id: member.id, to: member.email!, name: member.display_name, locale: 'fr' },
        { kind, id: item.id, text: item.text, hours: 0 },
        queueUrl(origin, kind),
      ),
      now,
    );
  }
}

/** Hours between two instants, rounded down. */
export const hoursBetween = (from: Date, to: Date) =>
  Math.max(0, Math.floor((to.getTime() - from.getTime()) / 3_600_000));
