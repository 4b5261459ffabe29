import { describe, expect, it } from 'vitest';
import KeptDraft from '../../src/components/moderation/KeptDraft.astro';
import { render } from './render.ts';

describe('KeptDraft', () => {
  it('shows the typed reason and note to copy, escaped, in the moderator’s language', async () => {
    const draft = { kind: 'souvenir', id: 7, reason: 'Motif <script>x</script>', note: 'Merci & à bientôt' };
    const html = await render(KeptDraft, 'fr', { draft });
    expect(html).toContain('Ce que vous aviez écrit');
    expect(html).toMatch(
      /<textarea id="kept-draft-reason" readonly rows="2">Motif &lt;script&gt;x&lt;\/script&gt;<\/textarea>/,
    );
    expect(html).toMatch(/<textarea id="kept-draft-note" readonly rows="2">Merci &amp; à bientôt<\/textarea>/);
    expect(await render(KeptDraft, 'en', { draft })).toContain('Your text is not lost');
    expect(html).toMatch(/<h2 id="kept-draft-title">/);
    expect(await render(KeptDraft, 'fr', { draft, level: 3 })).toMatch(/<h3 id="kept-draft-title">/);
  });

  it('leaves out the field that was left empty', async () => {
    const html = await render(KeptDraft, 'fr', { draft: { kind: 'comment', id: 3, reason: 'Doublon', note: '' } });
    expect(html).toContain('kept-draft-reason');
    expect(html).not.toContain('kept-draft-note');
  });

  it('says so when the browser could not keep all of it', async () => {
    const draft = { kind: 'souvenir', id: 7, reason: 'Début du motif', note: '', shortened: true };
    const html = await render(KeptDraft, 'fr', { draft });
    expect(html).toContain('la fin manque');
    expect(html).not.toContain('n’est pas perdu');
  });
});
