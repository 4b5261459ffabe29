import { it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { approvedSouvenir, marcComment } from '../helpers/contribution-fixtures.ts';
import { decideContribution } from '../../src/lib/contributions/decide.ts';
import { notifyWall } from '../../src/lib/contributions/notify.ts';
import { lightCandle } from '../../src/lib/wall/candles.ts';
import { contentVersion, contentVersionColumn, versionEtag } from '../../src/lib/wall/content-version.ts';
import { wallPage } from '../../src/lib/souvenirs/wall.ts';
import { findSouvenirOwnPage } from '../../src/lib/souvenirs/own-page.ts';
import { script } from '../helpers/actors.ts';

describeEachDatabase('the content version ETags are made from (issue 18)', (t) => {
  it('moves with every change the public pages show: a souvenir, a comment, a candle, the publisher', async () => {
    const versions = [await contentVersion(t.db)];
    const s = await approvedSouvenir(t.db);
    versions.push(await contentVersion(t.db));
    const c = await marcComment(t.db, s.id);
    // A comment waiting for moderation changes nothing anybody sees.
    expect(await contentVersion(t.db)).toBe(versions.at(-1));
    await decideContribution(t.db, 'comment', { id: c.id, decision: 'approve', actor: script });
    versions.push(await contentVersion(t.db));
    await lightCandle(t.db, { publicId: s.publicId, ipHash: 'ip-1' });
    versions.push(await contentVersion(t.db));
    await notifyWall(t.db, 'publisher');
    versions.push(await contentVersion(t.db));
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('is read with a wall page in the same statement, equal to the version read alone (contentVersionColumn)', async () => {
    expect((await wallPage(t.db)).version).toBeNull();
    const s = await approvedSouvenir(t.db);
    await lightCandle(t.db, { publicId: s.publicId, ipHash: 'ip-2' });
    const page = await wallPage(t.db);
    expect(page.souvenirs).toHaveLength(1);
    expect(page.version).toBe(await contentVersion(t.db));
    const row = await t.db.selectNoFrom([contentVersionColumn()]).executeTakeFirstOrThrow();
    expect(row.content_version).toBe(page.version);
  });

  it("is read with a souvenir's own page in the same statement, with or without comments", async () => {
    const s = await approvedSouvenir(t.db);
    const alone = await findSouvenirOwnPage(t.db, s.publicId);
    expect(alone).toMatchObject({ threads: [], version: await contentVersion(t.db) });
    const c = await marcComment(t.db, s.id);
    await decideContribution(t.db, 'comment', { id: c.id, decision: 'approve', actor: script });
    const read = (await findSouvenirOwnPage(t.db, s.publicId))!;
    expect(read.threads).toHaveLength(1);
    expect(read.version).toBe(await contentVersion(t.db));
    expect(read.version).not.toBe(alone!.version);
  });

  it('gives the same tag for the same page, build and version, and a different one when any of them differs', () => {
    const tag = versionEtag('https://mur.example/', 'build-a', '12.3');
    expect(tag).toMatch(/^"v[\w-]{26}"$/);
    expect(versionEtag('https://mur.example/', 'build-a', '12.3')).toBe(tag);
    expect(versionEtag('https://mur.example/?annee=2010', 'build-a', '12.3')).not.toBe(tag);
    expect(versionEtag('https://mur.example/', 'build-b', '12.3')).not.toBe(tag);
    expect(versionEtag('https://mur.example/', 'build-a', '12.4')).not.toBe(tag);
  });
});
