import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { createSouvenir } from './create-souvenir.ts';
import { DEMO_TEXTS } from './demo-texts.ts';

/** Where demo "emails" point: a reserved domain that can never receive mail. */
const DEMO_EMAIL = 'demo@example.invalid';

/**
 * Adds the demonstration souvenirs, already approved and marked `is_demo`, spaced an hour apart.
 * Does nothing (returns 0) when they are already there.
 */
export async function seedDemoSouvenirs(db: Kysely<Database>, now = new Date()): Promise<number> {
  const existing = await db.selectFrom('souvenir').select('id').where('is_demo', '=', true).limit(1).executeTakeFirst();
  if (existing) return 0;
  let added = 0;
  for (const [index, text] of DEMO_TEXTS.entries()) {
    await createSouvenir(
      db,
      {
        authorName: text.author,
        authorEmail: DEMO_EMAIL,
        title: text.title,
        body: text.body,
        memoryYear: text.year,
        event: text.event,
        locale: 'fr',
      },
      {
        ipHash: null,
        status: 'approved',
        isDemo: true,
        now: new Date(now.getTime() - (DEMO_TEXTS.length - index) * 3_600_000),
      },
    );
    added++;
  }
  return added;
}
