import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { DomainError } from '../errors.ts';
import { recordEvent } from '../moderation/audit.ts';
import { CONTRIBUTION_KINDS, contributionsOf } from '../contributions/kinds.ts';
import { hitRateLimit } from '../security/rate-limit.ts';
import type { Budget } from '../security/rate-limit.ts';
import { hashToken, newToken } from '../security/tokens.ts';
import { addressHash, normaliseAddress } from './address.ts';
import { lostLinksMail } from './compose.ts';
import type { LostLink } from './compose.ts';
import type { MailRequest } from './contribution-mail.ts';
import { enqueueMail } from './outbox.ts';

/** Per visitor: enough for typos, not for a walk through a list of addresses. */
export const LOST_LINKS_PER_VISITOR: Budget = { limit: 5, windowSeconds: 3600 };
/** Per address: each request issues new links (the old ones stop working), so a stranger can only do it rarely. */
export const LOST_LINKS_PER_ADDRESS: Budget = { limit: 3, windowSeconds: 86_400 };

export class LostLinksError extends DomainError<'too_many'> {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super('LostLinksError', 'lost links refused', 'too_many');
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

const AUTHOR_LINKS_ACTOR = { id: null, label: 'author' } as const;

/**
 * "Retrouver mes liens": every text written with `address` (not withdrawn, not demo) gets a
 * fresh private link, and one message carries them all to that address. We keep only hashes of
 * the links, so the old ones cannot be sent: the new link replaces the old, as an admin's "new
 * link" does, and the journal records it per text. The answer is the same whether or not the
 * address wrote anything (nothing is queued then); beyond the visitor's budget it throws
 * LostLinksError, beyond the address's it silently does nothing.
 */
export async function sendLostLinks(
  db: Kysely<Database>,
  request: MailRequest & { address: string; locale: string; ipHash: string | null; limitsLifted?: boolean },
  now = new Date(),
): Promise<void> {
  if (!request.limitsLifted) {
    const visitor = await hitRateLimit(db, 'lost_links', request.ipHash, LOST_LINKS_PER_VISITOR, now);
    if (!visitor.allowed) throw new LostLinksError(visitor.retryAfterSeconds);
    const address = await hitRateLimit(
      db,
      'lost_links_address',
      addressHash(request.address),
      LOST_LINKS_PER_ADDRESS,
      now,
    );
    if (!address.allowed) return;
  }
  const wanted = normaliseAddress(request.address);
  await db.transaction().execute(async (trx) => {
    const items: (LostLink & { id: number })[] = [];
    for (const kind of CONTRIBUTION_KINDS) {
      const rows = await contributionsOf(trx)
        .selectFrom(kind)
        .select(['id', 'created_at'])
        .where(sql<string>`lower(author_email)`, '=', wanted)
        .where('withdrawn_at', 'is', null)
        .orderBy('created_at')
        .execute();
      const titles =
        kind === 'souvenir' && rows.length > 0
          ? await trx
              .selectFrom('souvenir')
              .select(['id', 'title', 'is_demo'])
              .where(
                'id',
                'in',
                rows.map((r) => r.id),
              )
              .execute()
          : [];
      for (const row of rows) {
        const own = titles.find((t) => t.id === row.id);
        if (own?.is_demo) continue;
        items.push({ kind, id: row.id, title: own?.title ?? null, createdAt: row.created_at, token: newToken() });
      }
    }
    if (items.length === 0) return;
    for (const item of items) {
      await contributionsOf(trx)
        .updateTable(item.kind)
        .set({ token_hash: hashToken(item.token) })
        .where('id', '=', item.id)
        .execute();
      await recordEvent(trx, {
        actor: AUTHOR_LINKS_ACTOR,
        action: 'author_link.regenerate',
        targetType: item.kind,
        targetId: item.id,
      });
    }
    await enqueueMail(
      trx,
      lostLinksMail(request.origin, { to: request.address, name: '', locale: request.locale }, items),
      now,
    );
  });
}
