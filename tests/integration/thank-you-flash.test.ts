import { it, expect } from 'vitest';
import { describeEachDatabase, openSecondProcess } from '../helpers/databases.ts';
import { THANK_YOU_TTL_MS, recallThankYou, rememberThankYou } from '../../src/lib/flash/thank-you.ts';
import type { ThankYou } from '../../src/lib/flash/thank-you.ts';

const thanks: ThankYou = {
  kind: 'souvenir',
  publicId: 'abc123',
  token: 'T0kenT0kenT0kenT0kenT0kenT0kenT0',
  published: false,
  souvenirPublicId: null,
};

describeEachDatabase('the thank-you flash', (t) => {
  it('gives back what was kept to the secret that keeps it, and to no other', async () => {
    const secret = await rememberThankYou(t.db, thanks);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await recallThankYou(t.db, secret)).toEqual(thanks);
    // Read again: a reload shows the same page.
    expect(await recallThankYou(t.db, secret)).toEqual(thanks);
    const other = await rememberThankYou(t.db, {
      ...thanks,
      kind: 'comment',
      publicId: 'c1',
      souvenirPublicId: 'abc123',
    });
    expect(await recallThankYou(t.db, other)).toMatchObject({ kind: 'comment', souvenirPublicId: 'abc123' });
    expect(await recallThankYou(t.db, `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
    expect(await recallThankYou(t.db, null)).toBeNull();
    expect(await recallThankYou(t.db, 'not a secret')).toBeNull();
  });

  it('stores neither the secret nor the token in the clear', async () => {
    const secret = await rememberThankYou(t.db, thanks);
    const rows = JSON.stringify(await t.db.selectFrom('thank_you_flash').selectAll().execute());
    expect(rows).not.toContain(secret);
    expect(rows).not.toContain(thanks.token);
    expect(rows).not.toContain(thanks.publicId);
  });

  it('forgets after ten minutes, and sweeps expired rows on the next write', async () => {
    const start = new Date('2026-12-06T10:00:00Z');
    const secret = await rememberThankYou(t.db, thanks, start);
    expect(await recallThankYou(t.db, secret, new Date(start.getTime() + THANK_YOU_TTL_MS - 1000))).toEqual(thanks);
    const later = new Date(start.getTime() + THANK_YOU_TTL_MS);
    expect(await recallThankYou(t.db, secret, later)).toBeNull();
    await rememberThankYou(t.db, thanks, later);
    const left = await t.db.selectFrom('thank_you_flash').select('id_hash').execute();
    expect(left).toHaveLength(1);
  });

  it('refuses a sealed payload that was altered in the database', async () => {
    const secret = await rememberThankYou(t.db, thanks);
    const row = await t.db.selectFrom('thank_you_flash').select(['id_hash', 'sealed']).executeTakeFirstOrThrow();
    const bytes = Buffer.from(row.sealed, 'base64url');
    bytes[bytes.length - 1]! ^= 1;
    await t.db
      .updateTable('thank_you_flash')
      .set({ sealed: bytes.toString('base64url') })
      .where('id_hash', '=', row.id_hash)
      .execute();
    expect(await recallThankYou(t.db, secret)).toBeNull();
  });

  it('is read by another connection pool, as another app process or host would', async () => {
    const secret = await rememberThankYou(t.db, thanks);
    if (t.engine === 'pglite') {
      // One process owns an embedded database: the state is in it, not in this module.
      expect(await recallThankYou(t.db, secret)).toEqual(thanks);
      return;
    }
    const other = await openSecondProcess(t);
    try {
      expect(await recallThankYou(other.db, secret)).toEqual(thanks);
    } finally {
      await other.close();
    }
  });
});
