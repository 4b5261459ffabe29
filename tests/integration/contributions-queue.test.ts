import { it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import {
  approvedSouvenir,
  sentAt,
  submission,
  timedComment,
  type TimedCommentOptions,
} from '../helpers/contribution-fixtures.ts';
import { createSouvenir } from '../../src/lib/souvenirs/create-souvenir.ts';
import { listQueue, countByStatus, queueItemsByIds, findQueueItem } from '../../src/lib/contributions/queue.ts';
import { decodeKeysetCursor } from '../../src/lib/pagination/keyset-cursor.ts';
import { countMatching } from '../../src/lib/contributions/queue-filter.ts';

describeEachDatabase('moderation queue', (t) => {
  it('lists pending souvenirs oldest first, by keyset across pages', async () => {
    const ids = [];
    for (const minute of [5, 1, 3, 4, 2]) ids.push((await sentAt(t.db, minute, { title: `m${minute}` })).id);
    const first = await listQueue(t.db, { status: 'pending', limit: 2 });
    expect(first.items.map((i) => i.title)).toEqual(['m1', 'm2']);
    const second = await listQueue(t.db, { status: 'pending', limit: 2, cursor: decodeKeysetCursor(first.next) });
    expect(second.items.map((i) => i.title)).toEqual(['m3', 'm4']);
    const third = await listQueue(t.db, { status: 'pending', limit: 2, cursor: decodeKeysetCursor(second.next) });
    expect(third.items.map((i) => i.title)).toEqual(['m5']);
    expect(third.next).toBeNull();
  });

  it('lists every other status newest first, ties broken by id', async () => {
    for (const minute of [1, 3, 2, 3]) await sentAt(t.db, minute, { title: `r${minute}` }, 'spam');
    const page = await listQueue(t.db, { status: 'spam', limit: 3 });
    expect(page.items.map((i) => i.title)).toEqual(['r3', 'r3', 'r2']);
    expect(page.items[0]!.id).toBeGreaterThan(page.items[1]!.id);
    const rest = await listQueue(t.db, { status: 'spam', limit: 3, cursor: decodeKeysetCursor(page.next) });
    expect(rest.items.map((i) => i.title)).toEqual(['r1']);
  });

  it('gives moderators the sanitised body, the author’s name and email, the time and the rules that flagged it', async () => {
    const s = await createSouvenir(
      t.db,
      submission({ body: 'Bonjour <script>alert(1)</script><strong onclick="x()">fort</strong>' }),
      { ipHash: null, status: 'spam', flagReasons: ['honeypot'] },
    );
    const [item] = (await listQueue(t.db, { status: 'spam' })).items;
    expect(item).toMatchObject({
      targetType: 'souvenir',
      id: s.id,
      authorName: 'Camille',
      authorEmail: 'camille@example.org',
      flagReasons: ['honeypot'],
      status: 'spam',
      pinned: false,
      withdrawn: false,
      title: 'Un soir de concert',
    });
    expect(item!.bodyHtml).toBe('<p>Bonjour <strong>fort</strong></p>');
    expect(item!.createdAt).toBeInstanceOf(Date);
  });

  it('counts every status in one grouped query, zeros included, as numbers', async () => {
    await sentAt(t.db, 1);
    await sentAt(t.db, 2);
    await sentAt(t.db, 3, {}, 'spam');
    t.queries.length = 0;
    const counts = await countByStatus(t.db);
    expect(counts).toEqual({ pending: 2, approved: 0, rejected: 0, spam: 1, trash: 0 });
    expect(typeof counts.pending).toBe('number');
    expect(t.queries).toHaveLength(1);
  });

  it('reads items of one kind by ids, and one item with the text as typed for the edit page', async () => {
    const a = await sentAt(t.db, 1, { title: 'a', body: 'Texte *a*' });
    const b = await sentAt(t.db, 2, { title: 'b' });
    const items = await queueItemsByIds(t.db, 'souvenir', [b.id, a.id]);
    expect(items.map((i) => i.title).sort()).toEqual(['a', 'b']);
    expect(await queueItemsByIds(t.db, 'comment', [a.id])).toEqual([]);
    expect(await queueItemsByIds(t.db, 'souvenir', [])).toEqual([]);
    expect(await findQueueItem(t.db, 'souvenir', a.id)).toMatchObject({
      targetType: 'souvenir',
      title: 'a',
      bodyRaw: 'Texte *a*',
    });
    expect(await findQueueItem(t.db, 'souvenir', 999_999)).toBeNull();
  });
});

describeEachDatabase('comments in the moderation queue', (t) => {
  const alice = { id: null, label: 'alice' };
  const souvenir = (title: string | null) => approvedSouvenir(t.db, { title, actor: alice });
  const comment = (souvenirId: number, minute: number, extra: TimedCommentOptions = {}) =>
    timedComment(t.db, souvenirId, minute, extra);

  it('lists pending comments oldest first with their souvenir’s title, the reply’s parent and the rules’ reasons', async () => {
    const s = await souvenir('Le dernier métro');
    const untitled = await souvenir(null);
    const top = await comment(s.id, 1, { name: 'Marc', status: 'approved' });
    await comment(untitled.id, 4);
    await comment(s.id, 2, { parentId: top.id, flagReasons: ['links:2'] });
    await comment(s.id, 3);

    const first = await listQueue(t.db, { status: 'pending', targetType: 'comment', limit: 2 });
    expect(first.items.map((i) => i.publicId).length).toBe(2);
    expect(first.items[0]).toMatchObject({
      targetType: 'comment',
      authorEmail: 'a2@example.org',
      authorWebsite: 'https://exemple.fr/',
      pinned: null,
      souvenir: { publicId: s.publicId, title: 'Le dernier métro' },
      replyToName: 'Marc',
      flagReasons: ['links:2'],
    });
    const second = await listQueue(t.db, {
      status: 'pending',
      targetType: 'comment',
      limit: 2,
      cursor: decodeKeysetCursor(first.next),
    });
    expect(second.items.map((i) => i.bodyHtml)).toEqual(['<p>Commentaire 4</p>']);
    expect(second.items[0]!.souvenir).toMatchObject({ title: null, authorName: 'Léa' });
    expect(second.next).toBeNull();

    expect(await countByStatus(t.db, 'comment')).toEqual({ pending: 3, approved: 1, rejected: 0, spam: 0, trash: 0 });
    // Souvenirs keep their own list and counts.
    expect((await listQueue(t.db, { status: 'pending' })).items).toEqual([]);
    expect((await countByStatus(t.db)).approved).toBe(2);
  });
});

describeEachDatabase('the queue searched by a moderator', (t) => {
  it('finds words in the text, the title or the name, any case, wildcards taken literally, never in the address', async () => {
    await sentAt(t.db, 1, { title: 'La Fosse', body: 'Un soir de rock.', authorName: 'Léa' });
    await sentAt(t.db, 2, { title: null, body: 'Gagnez 100% de bonus ici.', authorEmail: 'promo@arnaque.example' });
    await sentAt(t.db, 3, { title: 'Le balcon', body: 'Les lumières.', authorName: 'Karim_B' });
    const titles = async (text: string) =>
      (await listQueue(t.db, { status: 'pending', filter: { text } })).items.map((i) => i.bodyHtml);
    expect(await titles('fosse')).toEqual(['<p>Un soir de rock.</p>']);
    expect(await titles('BONUS')).toEqual(['<p>Gagnez 100% de bonus ici.</p>']);
    expect(await titles('arnaque.example')).toEqual([]);
    expect(await titles('100%')).toEqual(['<p>Gagnez 100% de bonus ici.</p>']);
    // `%` and `_` are letters here, not LIKE's wildcards.
    expect(await titles('%')).toEqual(['<p>Gagnez 100% de bonus ici.</p>']);
    expect(await titles('m_B')).toEqual(['<p>Les lumières.</p>']);
    // Fullwidth ％ ＿ ＼ fold to the wildcards themselves: still letters.
    expect(await titles('m＿B')).toEqual(['<p>Les lumières.</p>']);
    expect(await titles('r＿ck')).toEqual([]);
    expect(await titles('０％')).toEqual(['<p>Gagnez 100% de bonus ici.</p>']);
    expect(await titles('G％s')).toEqual([]);
    // Accents count no more than case, either way round.
    expect(await titles('lea')).toEqual(['<p>Un soir de rock.</p>']);
    expect(await titles('LUMIERES')).toEqual(['<p>Les lumières.</p>']);
    expect(await titles('fossé')).toEqual(['<p>Un soir de rock.</p>']);
    expect(await titles('personne')).toEqual([]);
    expect(await titles('  ')).toHaveLength(3);
  });

  it('finds every word in any order and any column, "a phrase" as typed, and leaves out -words', async () => {
    await sentAt(t.db, 1, { title: 'La Fosse', body: 'Un soir de rock.', authorName: 'Léa Dubois' });
    await sentAt(t.db, 2, { title: null, body: 'Dubois et moi, un soir de jazz.', authorName: 'Karim' });
    await sentAt(t.db, 3, { title: 'Le balcon', body: 'Un soir de fosse.', authorName: 'Léa' });
    const bodies = async (text: string) =>
      (await listQueue(t.db, { status: 'pending', filter: { text } })).items.map((i) => i.bodyHtml).sort();
    expect(await bodies('dubois lea')).toEqual(['<p>Un soir de rock.</p>']);
    expect(await bodies('fosse soir')).toEqual(['<p>Un soir de fosse.</p>', '<p>Un soir de rock.</p>']);
    expect(await bodies('"soir de rock"')).toEqual(['<p>Un soir de rock.</p>']);
    expect(await bodies('« de jazz »')).toEqual(['<p>Dubois et moi, un soir de jazz.</p>']);
    expect(await bodies('soir -rock')).toEqual(['<p>Dubois et moi, un soir de jazz.</p>', '<p>Un soir de fosse.</p>']);
    // A souvenir without a title is not left out by a word no title holds.
    expect(await bodies('dubois -balcon')).toEqual([
      '<p>Dubois et moi, un soir de jazz.</p>',
      '<p>Un soir de rock.</p>',
    ]);
    expect(await countMatching(t.db, 'souvenir', 'pending', { text: 'soir -"la fosse"' })).toBe(2);
  });

  it('counts what a search keeps on every page of one status, as the list finds it, comments too', async () => {
    for (const minute of [1, 2, 3]) await sentAt(t.db, minute, { title: `Léa ${minute}`, body: 'La fosse.' });
    await sentAt(t.db, 4, { title: 'Karim', body: 'Le balcon.' });
    await sentAt(t.db, 5, { title: 'Léa refusée', body: 'Hors sujet.' }, 'rejected');
    const filter = { text: 'lea' };
    expect(await countMatching(t.db, 'souvenir', 'pending', filter)).toBe(3);
    expect((await listQueue(t.db, { status: 'pending', limit: 2, filter })).items).toHaveLength(2);
    expect(await countMatching(t.db, 'souvenir', 'rejected', filter)).toBe(1);
    expect(await countMatching(t.db, 'souvenir', 'pending', { text: 'personne' })).toBe(0);
    expect(await countMatching(t.db, 'souvenir', 'pending', { flagged: true })).toBe(0);
    const souvenir = await approvedSouvenir(t.db);
    for (const minute of [1, 2]) await timedComment(t.db, souvenir.id, minute, { flagReasons: ['links:2'] });
    expect(await countMatching(t.db, 'comment', 'pending', { text: 'COMMENTAIRE', flagged: true })).toBe(2);
  });

  it('narrows to what the rules flagged or reports hid, on comments too, page by page', async () => {
    const souvenir = await approvedSouvenir(t.db);
    for (const minute of [1, 2, 3, 4]) {
      await timedComment(t.db, souvenir.id, minute, { flagReasons: minute % 2 ? ['links:2'] : [] });
    }
    await t.db
      .updateTable('comment')
      .set({ hidden_by_reports: true })
      .where('body_raw', '=', 'Commentaire 4')
      .execute();
    const first = await listQueue(t.db, {
      status: 'pending',
      targetType: 'comment',
      limit: 2,
      filter: { flagged: true },
    });
    expect(first.items.map((i) => i.bodyHtml)).toEqual(['<p>Commentaire 1</p>', '<p>Commentaire 3</p>']);
    const rest = await listQueue(t.db, {
      status: 'pending',
      targetType: 'comment',
      limit: 2,
      cursor: decodeKeysetCursor(first.next),
      filter: { flagged: true, text: 'commentaire' },
    });
    expect(rest.items.map((i) => i.bodyHtml)).toEqual(['<p>Commentaire 4</p>']);
  });
});
