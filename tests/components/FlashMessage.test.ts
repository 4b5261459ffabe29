import { describe, expect, it } from 'vitest';
import FlashMessage from '../../src/components/moderation/FlashMessage.astro';
import { render } from './render.ts';

const undoAction = '/moderation?_action=moderation.revert';
const flash = (at: number) => ({ done: 'reject', n: 2, conflicts: 0, refused: 0, undo: { events: [41, 42], at } });

describe('FlashMessage', () => {
  it('offers “Annuler” right after a decision, a real button posting the journal rows', async () => {
    const html = await render(FlashMessage, 'fr', { flash: flash(Date.now()), undoAction });
    expect(html).toContain(`action="${undoAction.replace('&', '&amp;')}"`);
    expect(html).toContain('name="events" value="41,42"');
    expect(html).toMatch(/<button type="submit"[^>]*>\s*Annuler\s*<\/button>/);
    expect(html).toMatch(/data-undo-ms="\d+"/);
    expect(await render(FlashMessage, 'en', { flash: flash(Date.now()), undoAction })).toContain('Undo');
  });

  it('no longer offers it once the ten seconds are over, nor where the page has no undo', async () => {
    expect(await render(FlashMessage, 'fr', { flash: flash(Date.now() - 11_000), undoAction })).not.toContain(
      'Annuler',
    );
    expect(await render(FlashMessage, 'fr', { flash: flash(Date.now()) })).not.toContain('Annuler');
  });

  it('says how many items were put back after an undo', async () => {
    const html = await render(FlashMessage, 'fr', { flash: { done: 'revert', n: 2, conflicts: 0, refused: 0 } });
    expect(html).toContain('État précédent rétabli pour 2 éléments.');
  });

  it('says a refused decision as an alert, in the item’s kind’s words, with no undo', async () => {
    const refused = { done: 'refusal', n: 0, conflicts: 0, refused: 0, refusal: 'moderation.conflict.approved' };
    const html = await render(FlashMessage, 'fr', { flash: refused, targetType: 'comment', undoAction });
    expect(html).toMatch(/<p class="moderation-error" role="alert" id="message"/);
    expect(html.replace(/\s/g, ' ')).toContain(
      'Quelqu’un d’autre a déjà traité ce commentaire : il est maintenant publié.',
    );
    expect(html).not.toContain('Annuler');
    const english = await render(FlashMessage, 'en', { flash: refused });
    expect(english).toContain('Someone else already handled this memory: it is now published.');
  });
});
