import type { Transaction } from 'kysely';
import type { Database, ImportCredit, ImportScope } from '../../../db/types.ts';
import { insertContribution } from '../contributions/submit.ts';
import { eraseContribution } from '../contributions/erase.ts';
import type { Actor } from '../moderation/audit.ts';
import { attachImportPhotosToSouvenir } from './images.ts';

/** The imported post as it becomes a souvenir. */
export interface ConsentedPost {
  itemId: number;
  accountName: string;
  accountHandle: string;
  url: string;
  bodyHtml: string;
  contentNote: string | null;
  language: string | null;
}

/**
 * Turns a consented post into a souvenir waiting in the normal moderation queue, through the one
 * contribution pipeline (insertContribution: its audit row, its counts, its notices to the team).
 * It carries its credit and the consented scopes; its content note, if any, stands as its title;
 * its re-encoded images become its photos only with the 'photos' scope.
 * The post's author has no email with us: nothing is written to them, and erasure by address
 * never finds it (withdrawal from the consent page does).
 */
export async function publishConsented(
  trx: Transaction<Database>,
  post: ConsentedPost,
  scopes: readonly ImportScope[],
  now: Date,
): Promise<number> {
  const credit: ImportCredit = { name: post.accountName, handle: post.accountHandle, url: post.url };
  const created = await insertContribution(
    trx,
    'souvenir',
    {
      authorName: post.accountName,
      authorEmail: '',
      body: post.bodyHtml,
      bodyHtml: post.bodyHtml,
      locale: post.language?.startsWith('en') ? 'en' : 'fr',
    },
    {
      title: post.contentNote,
      memory_year: null,
      event: null,
      hashtags: [],
      consent_at: now,
      import_credit: JSON.stringify(credit),
      import_scopes: [...scopes],
    },
    { ipHash: null, status: 'pending', now },
  );
  await trx.updateTable('import_item').set({ souvenir_id: created.id }).where('id', '=', post.itemId).execute();
  if (scopes.includes('photos')) await attachImportPhotosToSouvenir(trx, post.itemId, created.id);
  return created.id;
}

/** Takes an imported souvenir off every page at once and erases it, as any withdrawal does. */
export async function unpublishImported(
  trx: Transaction<Database>,
  souvenirId: number,
  actor: Actor,
  now: Date,
): Promise<void> {
  await eraseContribution(trx, 'souvenir', souvenirId, { actor, action: 'withdraw', now });
}
