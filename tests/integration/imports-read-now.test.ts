import { it, expect, beforeEach } from 'vitest';
import { describeEachDatabase, openSecondProcess } from '../helpers/databases.ts';
import { fakeStatus, useFakeSocial } from '../helpers/fake-social.ts';
import { addImportSource, ImportSourceError, setImportSourceEnabled } from '../../src/lib/imports/sources.ts';
import { readSourceNow } from '../../src/lib/imports/read-now.ts';
import { claimDueSource, claimSourceNow, LEASE_MS } from '../../src/lib/imports/claim.ts';

const NOW = new Date('2026-12-06T08:00:00Z');
const LATER = new Date('2026-12-06T09:00:00Z');
const ADMIN = { id: null, label: 'camille' };
const OPTIONS = { allowLocal: true, now: NOW };

const social = useFakeSocial();
beforeEach(() => {
  social.statuses.push(
    { ...fakeStatus('701'), media_attachments: [] },
    { ...fakeStatus('702'), media_attachments: [] },
  );
});

const instanceAsks = () => social.seen.filter((s) => s.includes('/api/v2/instance')).length;

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportSourceError);
  return (error as ImportSourceError).code;
}

describeEachDatabase('reading a source now (issue 20)', (t) => {
  // A source the timer would not read before LATER.
  const notYetDue = async () => {
    const id = await addImportSource(t.db, { kind: 'mastodon', url: social.origin }, { allowLocal: true }, NOW);
    await t.db.updateTable('import_source').set({ next_run_at: LATER }).where('id', '=', id).execute();
    return id;
  };
  const statusLine = (id: number) =>
    t.db
      .selectFrom('import_source')
      .select(['status', 'last_items', 'last_run_at', 'lease_until', 'next_run_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  it('reads a source that is not due yet, records the run on its status line and in the journal, and frees the claim', async () => {
    const id = await notYetDue();
    expect(await claimDueSource(t.db, NOW)).toBeNull();
    const run = await readSourceNow(t.db, id, OPTIONS, ADMIN);
    expect(run).toMatchObject({ sourceId: id, outcome: { status: 'ok', items: 2 } });
    expect(await statusLine(id)).toMatchObject({ status: 'ok', last_items: 2, last_run_at: NOW, lease_until: null });
    expect((await statusLine(id)).next_run_at.getTime()).toBeGreaterThan(NOW.getTime());
    expect(await t.db.selectFrom('import_item').select('id').execute()).toHaveLength(2);
    const event = await t.db
      .selectFrom('moderation_event')
      .select(['actor_label', 'target_id', 'after'])
      .where('action', '=', 'import_source.read')
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ actor_label: 'camille', target_id: id });
    expect(JSON.stringify(event.after)).toContain('"items":2');
  });

  it('says the source is being read, and never fetches it twice, while another process holds its lease', async () => {
    const id = await notYetDue();
    const other = await openSecondProcess(t, 2);
    try {
      expect(await claimSourceNow(other.db, id, NOW)).toMatchObject({ id });
      expect(await refusal(readSourceNow(t.db, id, OPTIONS, ADMIN))).toBe('busy');
      expect(social.seen).toEqual([]);
      // A lease left by a crashed host runs out, and the source can be read again.
      const afterLease = new Date(NOW.getTime() + LEASE_MS + 1);
      expect(await readSourceNow(t.db, id, { ...OPTIONS, now: afterLease }, ADMIN)).toMatchObject({ sourceId: id });

      await t.db.updateTable('import_source').set({ lease_until: null }).execute();
      const both = await Promise.allSettled([
        readSourceNow(t.db, id, OPTIONS, ADMIN),
        readSourceNow(other.db, id, OPTIONS, ADMIN),
      ]);
      expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = both.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect((refused.reason as ImportSourceError).code).toBe('busy');
      expect(instanceAsks()).toBe(2);
    } finally {
      await other.close();
    }
  });

  it('refuses a paused or removed source as not found, without a request', async () => {
    const id = await notYetDue();
    await setImportSourceEnabled(t.db, id, false);
    expect(await refusal(readSourceNow(t.db, id, OPTIONS, ADMIN))).toBe('not_found');
    expect(await refusal(readSourceNow(t.db, 999_999, OPTIONS, ADMIN))).toBe('not_found');
    expect(social.seen).toEqual([]);
    expect(await statusLine(id)).toMatchObject({ last_run_at: null, lease_until: null });
  });
});
