import { describe, expect, it } from 'vitest';
import JournalTable from '../../src/components/moderation/JournalTable.astro';
import { render } from './render.ts';

const edit = {
  id: 41,
  occurredAt: new Date('2026-12-07T08:00:00Z'),
  actorId: 1,
  actorName: 'Camille',
  action: 'edit',
  targetType: 'souvenir',
  targetId: 12,
  reason: 'numéro retiré',
  before: { name: 'Léa 06 12 34 56 78', title: 'Un soir', body: '<b>Avant</b>' },
  after: { name: 'Léa', title: 'Un soir', body: 'Après' },
};
const rejection = { ...edit, id: 42, action: 'reject', before: { status: 'pending' }, after: { status: 'rejected' } };

describe('JournalTable', () => {
  it('says what an edit changed in words, field by field, the text escaped', async () => {
    const html = await render(JournalTable, 'fr', { events: [edit] });
    expect(html).toMatch(/<dt>Nom affiché<\/dt>\s*<dd>\s*<bdi>Léa 06 12 34 56 78<\/bdi> → <bdi>Léa<\/bdi>/);
    expect(html).toContain('&lt;b&gt;Avant&lt;/b&gt;');
    expect(html).not.toContain('<dt>Titre</dt>');
    // The summary names what changed, the title (unchanged) left out.
    expect(html).toContain('<p>Modifié : nom affiché, texte</p>');
    expect(html).not.toContain('"name"');
  });

  it('names each cell’s column, for the table stacked on a phone', async () => {
    const html = await render(JournalTable, 'en', { events: [edit] });
    for (const label of ['When', 'Who', 'Action', 'Item', 'Reason and change'])
      expect(html).toContain(`data-label="${label}"`);
    expect(html).toMatch(/<table class="journal stacks" id="journal"/);
  });

  it('asks before restoring a previous state: the button only opens the confirmation', async () => {
    const html = await render(JournalTable, 'fr', {
      events: [rejection],
      revertAction: '/moderation/journal?_action=x',
    });
    expect(html).toMatch(
      /<details class="revert-confirm">\s*<summary class="button secondary">Rétablir l’état précédent<\/summary>\s*<form method="post" action="\/moderation\/journal\?_action=x" class="revert-form">\s*<p>L’élément reprendra/,
    );
    expect(html).toMatch(/<button type="submit" class="button">\s*Oui, rétablir\s*<\/button>/);
    expect(await render(JournalTable, 'fr', { events: [rejection] })).not.toContain('revert-confirm');
  });
});
