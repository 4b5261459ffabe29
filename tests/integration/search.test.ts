import { it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { createSouvenir } from '../../src/lib/souvenirs/create-souvenir.ts';
import { decideSouvenir } from '../../src/lib/contributions/decide.ts';
import { editContribution } from '../../src/lib/contributions/edit.ts';
import { searchSouvenirs } from '../../src/lib/search/search.ts';
import type { SearchOptions } from '../../src/lib/search/search.ts';
import { decodeSearchCursor } from '../../src/lib/search/search-query.ts';
import { script } from '../helpers/actors.ts';

interface Spec {
  title?: string | null;
  body?: string;
  author?: string;
  event?: string | null;
  year?: number | null;
  locale?: 'fr' | 'en';
  status?: 'approved' | 'pending';
}

describeEachDatabase('search', (t) => {
  let sent = 0;
  async function seed(specs: Spec[]) {
    for (const spec of specs) {
      sent += 1;
      const s = await createSouvenir(
        t.db,
        {
          authorName: spec.author ?? 'Camille',
          authorEmail: 'camille@example.org',
          title: spec.title ?? null,
          body: spec.body ?? `Texte numéro ${sent}.`,
          memoryYear: spec.year ?? null,
          event: spec.event ?? null,
          locale: spec.locale ?? 'fr',
        },
        { ipHash: null },
      );
      if (spec.status !== 'pending') await decideSouvenir(t.db, { id: s.id, decision: 'approve', actor: script });
    }
  }

  async function titles(options: SearchOptions): Promise<string[]> {
    return (await searchSouvenirs(t.db, options)).hits.map((h) => h.souvenir.title ?? h.souvenir.authorName);
  }

  it('finds a word typed without its accents or capitals, and with them', async () => {
    await seed([
      { title: 'Été', body: 'Un événement inoubliable dans la salle.' },
      { title: 'Autre', body: 'Rien à voir ici.' },
    ]);
    expect(await titles({ q: 'evenement' })).toEqual(['Été']);
    expect(await titles({ q: 'ÉVÉNEMENT' })).toEqual(['Été']);
    expect(await titles({ q: 'ete' })).toEqual(['Été']);
  });

  it('computes the search document of a souvenir only once it is approved', async () => {
    await seed([{ title: 'Attente', body: 'Un texte qui patiente encore.', status: 'pending' }]);
    const row = () =>
      t.db
        .selectFrom('souvenir')
        .select(['id', 'search_document'])
        .where('title', '=', 'Attente')
        .executeTakeFirstOrThrow();
    const pending = await row();
    expect(pending.search_document).toBeNull();
    await decideSouvenir(t.db, { id: pending.id, decision: 'approve', actor: script });
    expect((await row()).search_document).not.toBeNull();
    expect(await titles({ q: 'patiente' })).toEqual(['Attente']);
  });

  it('follows a moderator’s edit of an approved souvenir, and drops a souvenir that leaves the wall', async () => {
    await seed([{ title: 'Orchestre', body: 'La contrebasse jouait au fond de la scène.' }]);
    const { id } = await t.db
      .selectFrom('souvenir')
      .select('id')
      .where('title', '=', 'Orchestre')
      .executeTakeFirstOrThrow();
    await editContribution(t.db, 'souvenir', {
      id,
      actor: script,
      title: 'Orchestre',
      body: 'Le violoncelle jouait au fond de la scène.',
    });
    expect(await titles({ q: 'violoncelle' })).toEqual(['Orchestre']);
    expect(await titles({ q: 'contrebasse' })).toEqual([]);
    // The trigger keeps a document only while the souvenir is approved, whatever moves it away.
    await t.db.updateTable('souvenir').set({ status: 'pending' }).where('id', '=', id).execute();
    const row = await t.db
      .selectFrom('souvenir')
      .select('search_document')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.search_document).toBeNull();
  });

  it('finds French and English words by their stem', async () => {
    await seed([
      { title: 'Chanter', body: 'Nous chantions tous ensemble.', locale: 'fr' },
      { title: 'Dance', body: 'We were dancing all night long.', locale: 'en' },
    ]);
    expect(await titles({ q: 'chanté' })).toEqual(['Chanter']);
    expect(await titles({ q: 'dances' })).toEqual(['Dance']);
  });

  it('finds a first name searched alone, not every text where a language stems it to a common form', async () => {
    // French stems "Léa" to "le", which "les" gives too (and English indexes "le" itself).
    await seed([
      { title: 'La nuit où j’ai rencontré Léa', body: 'Un soir de concert.' },
      { title: 'Le rappel', body: 'Les lumières, le public et le refrain.' },
      { title: 'La salle', body: 'Toute la salle chantait.' },
    ]);
    expect(await titles({ q: 'Léa' })).toEqual(['La nuit où j’ai rencontré Léa']);
    expect(await titles({ q: 'lea' })).toEqual(['La nuit où j’ai rencontré Léa']);
    // Either language's form still finds a word, as before: French conjugations, English plurals.
    expect(await titles({ q: 'chanter' })).toEqual(['La salle']);
    expect(await titles({ q: 'lumière' })).toEqual(['Le rappel']);
  });

  it('searches titles, events, hashtags and names, and only approved souvenirs', async () => {
    await seed([
      { title: 'Par le titre', body: 'Premier texte.' },
      { title: 'Par l’événement', body: 'Deuxième texte.', event: 'Concert des Lumières' },
      { title: 'Par le mot-dièse', body: 'Troisième texte #guitares' },
      { title: 'Par le nom', body: 'Quatrième texte.', author: 'Zéphyrine' },
      { title: 'En attente titre', body: 'Cinquième texte.', status: 'pending' },
    ]);
    expect(await titles({ q: 'titre' })).toEqual(['Par le titre']);
    expect(await titles({ q: 'lumieres' })).toEqual(['Par l’événement']);
    expect(await titles({ q: 'guitares' })).toEqual(['Par le mot-dièse']);
    expect(await titles({ q: 'zephyrine' })).toEqual(['Par le nom']);
  });

  it('understands quotes and minus, and never fails on garbage', async () => {
    await seed([
      { title: 'Comble', body: 'La salle était comble ce soir-là.' },
      { title: 'Vide', body: 'La salle était vide, comble de malchance.' },
    ]);
    expect(await titles({ q: '"salle était comble"' })).toEqual(['Comble']);
    expect((await titles({ q: 'salle -vide' })).sort()).toEqual(['Comble']);
    for (const garbage of [
      '"',
      '-',
      '&|!()<>:*',
      "'; drop table souvenir; --",
      'or or -',
      '\\',
      '"""-"',
      'le la les',
    ]) {
      await expect(searchSouvenirs(t.db, { q: garbage })).resolves.toMatchObject({ next: null });
    }
    expect(await titles({ q: '   ' })).toEqual([]);
  });

  it('ranks a match in the title above a match in the text', async () => {
    await seed([
      { title: 'Un soir', body: 'Nous parlions de la lumière du soir.' },
      { title: 'Lumière', body: 'Un texte sans le mot.' },
    ]);
    expect(await titles({ q: 'lumiere' })).toEqual(['Lumière', 'Un soir']);
  });

  it('marks the matching words in an excerpt of plain text, markup of the author left as text', async () => {
    await seed([
      {
        title: 'Attaque',
        body: 'Avant <b>gras</b> &lt;script&gt;alert(1)&lt;/script&gt; un événement "<mark>x</mark>" & fin <img src=x onerror=alert(1)> événements',
      },
    ]);
    const [hit] = (await searchSouvenirs(t.db, { q: 'evenement' })).hits;
    expect(hit).toBeDefined();
    const text = hit!.excerpt.map((s) => s.text).join('');
    expect(hit!.excerpt.filter((s) => s.hit).map((s) => s.text)).toEqual(['événement', 'événements']);
    // What the sanitiser kept as text comes back as text: entities decoded, nothing re-parsed.
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('gras');
    expect(text).not.toMatch(/&lt;|&amp;|<b>|<img/);
    // A dropped inline tag parts no word from its punctuation: '"<mark>x</mark>"' reads '"x"'.
    expect(text).toContain('"x"');
    expect(hit!.excerpt.some((s) => s.hit && s.text.includes('mark'))).toBe(false);
  });

  it('combines with the year and hashtag filters', async () => {
    await seed([
      { title: 'A', body: 'Concert de printemps #rock', year: 2015 },
      { title: 'B', body: 'Concert de printemps #jazz', year: 2015 },
      { title: 'C', body: 'Concert de printemps #rock', year: 2016 },
    ]);
    expect((await titles({ q: 'concert', year: 2015 })).sort()).toEqual(['A', 'B']);
    expect((await titles({ q: 'concert', tag: 'rock' })).sort()).toEqual(['A', 'C']);
    expect(await titles({ q: 'concert', year: 2015, tag: 'rock' })).toEqual(['A']);
  });

  it('pages through the ranked results by keyset, each souvenir once', async () => {
    await seed(Array.from({ length: 7 }, (_, i) => ({ title: `Page ${i}`, body: `Le concert numéro ${i}.` })));
    const seen: string[] = [];
    let cursor = null;
    for (let pages = 0; pages < 10; pages += 1) {
      const page = await searchSouvenirs(t.db, { q: 'concert', cursor, limit: 3 });
      seen.push(...page.hits.map((h) => h.souvenir.title!));
      if (!page.next) break;
      cursor = decodeSearchCursor(page.next);
      expect(cursor).not.toBeNull();
    }
    expect(seen.sort()).toEqual(Array.from({ length: 7 }, (_, i) => `Page ${i}`));
    expect(t.queries.some((q) => /\boffset\b/i.test(q))).toBe(false);
  });
});
