import { it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { createSouvenir } from '../../src/lib/souvenirs/create-souvenir.ts';
import type { SouvenirSubmission } from '../../src/lib/souvenirs/create-souvenir.ts';
import { wallPage } from '../../src/lib/souvenirs/wall.ts';
import { decodeKeysetCursor as decodeCursor } from '../../src/lib/pagination/keyset-cursor.ts';
import { findSouvenirId } from '../../src/lib/souvenirs/lookup.ts';
import { seedDemoSouvenirs } from '../../src/lib/souvenirs/seed-demo.ts';
import { decideSouvenir } from '../../src/lib/contributions/decide.ts';
import { tokenMatches } from '../../src/lib/security/tokens.ts';
import { SanitizeError } from '../../src/lib/sanitize/sanitize.ts';
import { script } from '../helpers/actors.ts';
import { publishedSouvenir } from '../helpers/contribution-fixtures.ts';

const submission = (overrides: Partial<SouvenirSubmission> = {}): SouvenirSubmission => ({
  authorName: 'Camille',
  authorEmail: 'camille@example.org',
  title: 'Un soir de concert',
  body: 'La salle chantait avec nous. #rock',
  memoryYear: 2004,
  event: 'concert de rock',
  locale: 'fr',
  ...overrides,
});

describeEachDatabase('souvenirs', (t) => {
  it('stores a submission as pending with its audit row and only a hash of the token', async () => {
    const created = await createSouvenir(t.db, submission(), { ipHash: 'hash-of-ip' });
    expect(created.status).toBe('pending');
    const row = await t.db.selectFrom('souvenir').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(row.body_raw).toBe('La salle chantait avec nous. #rock');
    expect(row.body_html).toBe('<p>La salle chantait avec nous. #rock</p>');
    expect(row.hashtags).toEqual(['rock']);
    expect(row.token_hash).not.toContain(created.token);
    expect(tokenMatches(created.token, row.token_hash)).toBe(true);
    expect(row.ip_hash).toBe('hash-of-ip');
    const events = await t.db.selectFrom('moderation_event').selectAll().execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'submit',
      target_type: 'souvenir',
      target_id: created.id,
      actor_label: 'public',
    });
  });

  it('writes nothing when the body cannot be sanitised', async () => {
    await expect(
      createSouvenir(t.db, submission({ body: '<b>'.repeat(30_000) }), { ipHash: null }),
    ).rejects.toBeInstanceOf(SanitizeError);
    const count = await t.db
      .selectFrom('souvenir')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('shows only approved souvenirs on the wall, newest approval first', async () => {
    const a = await createSouvenir(t.db, submission({ title: 'A' }), { ipHash: null });
    const b = await createSouvenir(t.db, submission({ title: 'B' }), { ipHash: null });
    await createSouvenir(t.db, submission({ title: 'pending' }), { ipHash: null });
    const rejected = await createSouvenir(t.db, submission({ title: 'rejected' }), { ipHash: null });
    await decideSouvenir(t.db, { id: a.id, decision: 'approve', actor: script, now: new Date('2026-01-01T10:00:00Z') });
    await decideSouvenir(t.db, { id: b.id, decision: 'approve', actor: script, now: new Date('2026-01-02T10:00:00Z') });
    await decideSouvenir(t.db, { id: rejected.id, decision: 'reject', actor: script });
    const page = await wallPage(t.db);
    expect(page.souvenirs.map((s) => s.title)).toEqual(['B', 'A']);
    expect(page.next).toBeNull();
    expect(JSON.stringify(page)).not.toContain('camille@example.org');
  });

  it('pages through the wall by keyset without gaps or repeats, ties broken by id', async () => {
    const sameInstant = new Date('2026-03-01T12:00:00.123Z');
    for (let i = 0; i < 7; i++) {
      const s = await createSouvenir(t.db, submission({ title: `S${i}` }), { ipHash: null });
      await decideSouvenir(t.db, {
        id: s.id,
        decision: 'approve',
        actor: script,
        now: i < 4 ? sameInstant : new Date(sameInstant.getTime() + i),
      });
    }
    const seen: string[] = [];
    let cursor = null;
    for (let guard = 0; guard < 10; guard++) {
      const page = await wallPage(t.db, { cursor, limit: 3 });
      seen.push(...page.souvenirs.map((s) => s.title!));
      if (!page.next) break;
      cursor = decodeCursor(page.next);
      expect(cursor).not.toBeNull();
    }
    expect(seen).toEqual(['S6', 'S5', 'S4', 'S3', 'S2', 'S1', 'S0']);
  });

  it('rejects cursors it did not make', () => {
    expect(decodeCursor('abc')).toBeNull();
    expect(decodeCursor("1' or 1=1--")).toBeNull();
    expect(decodeCursor('zzzzzzzzzzzz.zzzzzzzzzzzz')).toBeNull();
    expect(decodeCursor(null)).toBeNull();
  });

  it('finds a published souvenir by public id and hides unpublished ones', async () => {
    const s = await createSouvenir(t.db, submission(), { ipHash: null });
    expect(await publishedSouvenir(t.db, s.publicId)).toBeNull();
    await decideSouvenir(t.db, { id: s.id, decision: 'approve', actor: script });
    expect((await publishedSouvenir(t.db, s.publicId))?.title).toBe('Un soir de concert');
    expect(await publishedSouvenir(t.db, "x' or '1'='1")).toBeNull();
    expect(await findSouvenirId(t.db, String(s.id))).toEqual({ id: s.id, publicId: s.publicId });
    expect(await findSouvenirId(t.db, s.publicId)).toEqual({ id: s.id, publicId: s.publicId });
    expect(await findSouvenirId(t.db, 'nope')).toBeNull();
  });

  it('seeds the demo souvenirs once, approved and marked as demo', async () => {
    const added = await seedDemoSouvenirs(t.db);
    expect(added).toBeGreaterThanOrEqual(24);
    expect(await seedDemoSouvenirs(t.db)).toBe(0);
    const page = await wallPage(t.db, { limit: 100 });
    expect(page.souvenirs).toHaveLength(added);
    expect(page.souvenirs.every((s) => s.isDemo && s.authorName.startsWith('Démo'))).toBe(true);
  });
});
