import type { Kysely } from 'kysely';
import type { Database, ReportTargetType } from '../../../db/types.ts';
import { recordEvent } from '../moderation/audit.ts';
import type { Actor } from '../moderation/audit.ts';
import { hashToken, newToken } from '../security/tokens.ts';
import { DomainError } from '../errors.ts';
import { contributionsOf } from '../contributions/kinds.ts';

export type RegenerateLinkErrorCode = 'not_found' | 'withdrawn';

export class RegenerateLinkError extends DomainError<RegenerateLinkErrorCode> {
  constructor(code: RegenerateLinkErrorCode) {
    super('RegenerateLinkError', 'private link not regenerated', code);
  }
}

export interface RegenerateLinkRequest {
  targetType: ReportTargetType;
  id: number;
  actor: Actor;
}

/**
 * A new private link for a souvenir or a comment whose author lost theirs (we keep only a hash,
 * so the old one cannot be sent again): the new token replaces the stored hash, which kills the
 * old link at once. Returns the token, to be shown once to the admin who passes it on; neither
 * the token nor its hash goes in the audit row. Refused for an unknown or withdrawn item.
 */
export async function regenerateAuthorLink(db: Kysely<Database>, request: RegenerateLinkRequest): Promise<string> {
  const token = newToken();
  return db.transaction().execute(async (trx) => {
    const row = await contributionsOf(trx)
      .selectFrom(request.targetType)
      .select('withdrawn_at')
      .where('id', '=', request.id)
      .executeTakeFirst();
    if (!row) throw new RegenerateLinkError('not_found');
    if (row.withdrawn_at !== null) throw new RegenerateLinkError('withdrawn');
    await trx
      .updateTable(request.targetType)
      .set({ token_hash: hashToken(token) })
      .where('id', '=', request.id)
      .execute();
    await recordEvent(trx, {
      actor: request.actor,
      action: 'author_link.regenerate',
      targetType: request.targetType,
      targetId: request.id,
    });
    return token;
  });
}
