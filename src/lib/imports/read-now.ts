import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { recordEvent } from '../moderation/audit.ts';
import type { Actor } from '../moderation/audit.ts';
import { claimSourceNow } from './claim.ts';
import { readClaimedSource } from './run.ts';
import type { SourceRun } from './run.ts';
import type { FetchOptions } from './mastodon-fetch.ts';
import { ImportSourceError } from './sources.ts';

/**
 * Reads one source now instead of waiting for the timer (an admin who has just added it), under
 * the same claim as the timer's runs, and records the outcome on its status line and in the
 * journal. Throws ImportSourceError('busy') while another process is reading it (never a second
 * fetch), 'not_found' when it is gone or paused. The network calls keep their own timeouts.
 */
export async function readSourceNow(
  db: Kysely<Database>,
  sourceId: number,
  options: FetchOptions,
  actor: Actor,
): Promise<SourceRun> {
  const now = options.now ?? new Date();
  const source = await claimSourceNow(db, sourceId, now);
  if (source === 'busy') throw new ImportSourceError('busy');
  if (!source) throw new ImportSourceError('not_found');
  const run = await readClaimedSource(db, source, { ...options, now });
  await recordEvent(db, {
    actor,
    action: 'import_source.read',
    targetType: 'import_source',
    targetId: sourceId,
    after: { status: run.outcome.status, items: run.outcome.items },
  });
  return run;
}
