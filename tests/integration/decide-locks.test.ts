/**
 * A decision and a change to the same item at the same moment, from two processes (PostgreSQL:
 * PGlite is one process's database, where transactions take turns). The decision reads the item
 * with its row's lock, so a change committed between its read and its write is not approved unseen.
 */
import { it, expect } from 'vitest';
import { describeEachDatabase, openSecondProcess } from '../helpers/databases.ts';
import { shareSouvenir } from '../helpers/contribution-fixtures.ts';
import { decideSouvenir } from '../../src/lib/contributions/decide.ts';
import { script } from '../helpers/actors.ts';

describeEachDatabase('a decision meeting a change in flight', (t) => {
  it.runIf(t.engine === 'postgres')(
    "waits for an author's change under way and refuses it as changed, rather than approving it unseen",
    async () => {
      const s = await shareSouvenir(t.db, {
        authorName: 'Léa',
        authorEmail: 'lea@example.org',
        title: null,
        body: 'Un concert.',
      });
      const shown = (
        await t.db.selectFrom('souvenir').select('updated_at').where('id', '=', s.id).executeTakeFirstOrThrow()
      ).updated_at;
      const other = await openSecondProcess(t);
      try {
        let commit: () => void = () => {};
        const held = new Promise<void>((resolve) => (commit = resolve));
        let changing: () => void = () => {};
        const changed = new Promise<void>((resolve) => (changing = resolve));
        // Another host adds a photo to the pending souvenir: its transaction holds the row a moment.
        const change = other.db.transaction().execute(async (trx) => {
          await trx
            .updateTable('souvenir')
            .set({ updated_at: new Date(shown.getTime() + 5_000) })
            .where('id', '=', s.id)
            .execute();
          changing();
          await held;
        });
        await changed;
        const decision = decideSouvenir(t.db, {
          id: s.id,
          decision: 'approve',
          actor: script,
          expectedStatus: 'pending',
          expectedUpdatedAt: shown,
        });
        const settled = decision.then(
          () => 'approved',
          (error: { code?: string }) => error.code,
        );
        // The decision waits for the row while the change is under way.
        await new Promise((resolve) => setTimeout(resolve, 300));
        commit();
        await change;
        expect(await settled).toBe('changed');
        const row = await t.db.selectFrom('souvenir').select('status').where('id', '=', s.id).executeTakeFirstOrThrow();
        expect(row.status).toBe('pending');
      } finally {
        await other.close();
      }
    },
  );
});
