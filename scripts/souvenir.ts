/**
 * `npm run souvenir -- approve <id> [<id>…] [--reason "…"]` (also reject, spam, trash, restore,
 * pin, unpin): moderator decisions from the command line, each with its audit row.
 * An <id> is the number or the public id.
 */
import { parseArgs } from 'node:util';
import { withRuntime } from './lib/with-runtime.ts';
import { DECISIONS, DecisionError } from '../src/lib/moderation/decisions.ts';
import { decideContribution } from '../src/lib/contributions/decide.ts';
import { findSouvenirId } from '../src/lib/souvenirs/lookup.ts';
import type { Decision } from '../src/lib/moderation/decisions.ts';

const { values, positionals } = parseArgs({ options: { reason: { type: 'string' } }, allowPositionals: true });
const [decision, ...refs] = positionals;
if (!decision || refs.length === 0 || !DECISIONS.includes(decision as Decision)) {
  console.error(`Usage: npm run souvenir -- <${DECISIONS.join('|')}> <id> [<id>…] [--reason "…"]`);
  process.exit(2);
}

await withRuntime(async ({ handle: { db }, publicOrigin }) => {
  // With PUBLIC_ORIGIN the author is told as after a decision in the queue; without it there is
  // no address to link to, so nothing is written.
  const mail = publicOrigin ? { origin: publicOrigin } : undefined;
  let refused = 0;
  for (const ref of refs) {
    const row = await findSouvenirId(db, ref);
    if (!row) {
      console.error(`No souvenir ${ref}.`);
      refused++;
      continue;
    }
    try {
      const status = await decideContribution(
        db,
        'souvenir',
        {
          id: row.id,
          decision: decision as Decision,
          actor: { id: null, label: 'script' },
          reason: values.reason ?? null,
        },
        mail,
      );
      console.log(`Souvenir ${row.id} (${row.publicId}): ${decision} → ${status}`);
    } catch (error) {
      if (!(error instanceof DecisionError)) throw error;
      console.error(`Souvenir ${row.id}: refused (${error.message}).`);
      refused++;
    }
  }
  if (refused > 0) process.exitCode = 1;
});
