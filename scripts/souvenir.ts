/**
 * `npm run souvenir -- approve <id>` (also reject, spam, trash, restore, pin, unpin):
 * a moderator decision from the command line, with its audit row. <id> is the number or the public id.
 */
import { withRuntime } from './lib/with-runtime.ts';
import { decideSouvenir, DECISIONS, DecisionError } from '../src/lib/moderation/souvenir-decisions.ts';
import { findSouvenirId } from '../src/lib/souvenirs/lookup.ts';
import type { Decision } from '../src/lib/moderation/souvenir-decisions.ts';

const [decision, ref, ...reasonWords] = process.argv.slice(2);
if (!decision || !ref || !DECISIONS.includes(decision as Decision)) {
  console.error(`Usage: npm run souvenir -- <${DECISIONS.join('|')}> <id> [reason]`);
  process.exit(2);
}

await withRuntime(async ({ handle: { db } }) => {
  const row = await findSouvenirId(db, ref);
  if (!row) throw new Error(`No souvenir ${ref}.`);
  try {
    const status = await decideSouvenir(db, {
      id: row.id,
      decision: decision as Decision,
      actor: { id: null, label: 'script' },
      reason: reasonWords.join(' ') || null,
    });
    console.log(`Souvenir ${row.id} (${row.publicId}): ${decision} → ${status}`);
  } catch (error) {
    if (error instanceof DecisionError) throw new Error(`Refused: ${error.message}`);
    throw error;
  }
});
