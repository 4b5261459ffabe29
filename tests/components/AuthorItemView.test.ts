import { describe, expect, it } from 'vitest';
import AuthorItemView from '../../src/components/author/AuthorItemView.astro';
import { render } from './render.ts';
import type { Locale } from '../../src/lib/i18n/index.ts';
import type { AuthorItem } from '../../src/lib/contributions/author-link.ts';
import { sanitizeBody } from '../../src/lib/sanitize/sanitize.ts';
import type { TextWriter } from '../../src/lib/contributions/text-writer.ts';

const token = 'A'.repeat(32);

function souvenir(body: string, overrides: Partial<AuthorItem<'souvenir'>> = {}): AuthorItem<'souvenir'> {
  return {
    kind: 'souvenir',
    id: 1,
    publicId: 'p1',
    status: 'pending',
    authorName: 'Claire',
    body,
    bodyHtml: sanitizeBody(body),
    createdAt: new Date('2026-11-13T20:00:00Z'),
    updatedAt: new Date('2026-11-13T20:00:00Z'),
    withdrawn: false,
    locale: 'fr',
    hiddenByReports: false,
    title: 'Un soir de concert',
    memoryYear: 2012,
    event: null,
    ...overrides,
  };
}

const view = (locale: Locale, item: AuthorItem, writer: TextWriter | null = null) =>
  render(AuthorItemView, locale, { token, item, writer, values: { body: item.body }, errors: {} });
const correctedTo = (moderatorsText: string): TextWriter => ({ correctedByModerators: true, moderatorsText });

describe('AuthorItemView', () => {
  it('tells the author, in their language, which markup the wall did not keep of their text', async () => {
    const item = souvenir('<b>La salle</b> <img src=x onerror=alert(1)> <span style="color:red">rouge</span>');
    const french = await view('fr', item);
    expect(french).toMatch(
      /data-removed-markup[^>]*>[\s\S]*Ceci a été retiré de votre texte\s:[\s\S]*<code>&lt;img&gt;<\/code>, <code>&lt;span&gt;<\/code>[\s\S]*exactement celui que le mur affiche/,
    );
    expect(french).not.toMatch(/<img/);
    const english = await view('en', item);
    expect(english).toContain('This was removed from your text:');
    expect(english).toContain('The text above is exactly what the wall shows, or will show once reviewed.');
  });

  it('says nothing when everything typed is kept, and nothing of a withdrawn text', async () => {
    expect(await view('fr', souvenir('<b>La salle</b>, https://exemple.fr\n\nUn soir.'))).not.toContain(
      'data-removed-markup',
    );
    const withdrawn = souvenir('<img src=x>', { withdrawn: true });
    expect(await view('fr', withdrawn)).not.toContain('data-removed-markup');
  });

  it('names no removed markup of a text a moderator corrected, and says the moderators corrected it', async () => {
    const item = souvenir('La salle <img src=x> <span>rouge</span>');
    const french = await view('fr', item, correctedTo(item.body));
    expect(french).not.toContain('data-removed-markup');
    expect(french).toMatch(/data-corrected[^>]*>\s*La modération a corrigé ce souvenir\s: le texte ci-dessus/);
    expect(await view('en', item, correctedTo(item.body))).toContain('The moderators corrected this memory');
    expect(await view('fr', item)).not.toContain('data-corrected');
  });

  it('names only the markup the author added to a moderator’s correction they corrected in turn', async () => {
    const theirs = 'La salle <iframe src=x></iframe> <b onclick="x()">rouge</b>';
    const item = souvenir(`${theirs} Merci <script>x</script>`);
    const html = await view('fr', item, { correctedByModerators: false, moderatorsText: theirs });
    expect(html).not.toContain('data-corrected');
    const note = /data-removed-markup[^>]*>[\s\S]*?<\/p>/.exec(html)?.[0] ?? '';
    expect(note).toContain('<code>&lt;script&gt;</code>');
    expect(note).not.toMatch(/iframe|onclick/);
  });
});
