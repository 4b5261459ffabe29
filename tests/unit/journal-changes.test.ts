import { describe, expect, it } from 'vitest';
import { journalActor, journalChanges } from '../../src/components/moderation/journal-changes.ts';

describe('a journal row’s changes, in words', () => {
  it('names each changed field in reading order, with its value before and after', () => {
    const changes = journalChanges(
      'fr',
      { title: 'Un soir', hashtags: ['rock'], name: 'Léa 06 12 34 56 78', body: 'Avant', year: null },
      { title: 'Un soir', hashtags: ['rock', 'jazz'], name: 'Léa', body: 'Après', year: 1999 },
    );
    expect(changes.map((c) => [c.label, c.before, c.after])).toEqual([
      ['Nom affiché', 'Léa 06 12 34 56 78', 'Léa'],
      ['Année du souvenir', '—', '1999'],
      ['Mots-dièse', '#rock', '#rock #jazz'],
      ['Texte', 'Avant', 'Après'],
    ]);
    // The title did not change: left out. The text is read in full.
    expect(changes.find((c) => c.key === 'body')?.long).toBe(true);
    // A text sent back with a form's CRLF line ends did not change either.
    expect(
      journalChanges(
        'fr',
        { title: 'A', body: 'Un soir.\n\nLa salle.' },
        { title: 'B', body: 'Un soir.\r\n\r\nLa salle.' },
      ).map((c) => c.key),
    ).toEqual(['title']);
  });

  it('says statuses and yes or no in the moderator’s language, and keeps unknown fields readable', () => {
    const changes = journalChanges(
      'en',
      { status: 'pending', hiddenByReports: true },
      { status: 'approved', hiddenByReports: false, extra: { a: 1 } },
    );
    expect(changes.map((c) => [c.label, c.before, c.after])).toEqual([
      ['Status', 'pending', 'published'],
      ['Hidden by reports', 'yes', 'no'],
      ['extra', '—', '{"a":1}'],
    ]);
  });

  it('shows bidi controls as escapes rather than letting them reorder the line, and reads nothing from non-objects', () => {
    expect(journalChanges('fr', { body: 'a\u202Eb' }, { body: 'ab' })[0]?.before).toBe('a\\u202Eb');
    expect(journalChanges('fr', null, null)).toEqual([]);
    expect(journalChanges('fr', ['x'], 'y')).toEqual([]);
    // Absent before and empty after (a new text the rules did not flag): nothing to read.
    expect(journalChanges('fr', null, { flagReasons: [] })).toEqual([]);
  });
});

describe('who acted, in the journal', () => {
  it('names what no account did in words, and an account by its name, even one called like a label', () => {
    expect(journalActor('fr', { actorId: null, actorName: 'author' })).toBe('l’auteur·rice (lien privé)');
    expect(journalActor('en', { actorId: null, actorName: 'public' })).toBe('a visitor');
    expect(journalActor('fr', { actorId: 3, actorName: 'public' })).toBe('public');
    expect(journalActor('fr', { actorId: null, actorName: 'ancien-compte' })).toBe('ancien-compte');
  });
});
