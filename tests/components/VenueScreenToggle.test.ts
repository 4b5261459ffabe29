import { describe, expect, it } from 'vitest';
import VenueScreenToggle from '../../src/components/moderation/VenueScreenToggle.astro';
import { render } from './render.ts';

const props = { id: 42, heading: 'Le rappel', action: '/moderation?_action=venue.screen' };

describe('VenueScreenToggle', () => {
  it('offers to put an approved souvenir on the venue screen, naming it for a screen reader', async () => {
    const html = await render(VenueScreenToggle, 'fr', { ...props, onScreen: false });
    expect(html).toContain('action="/moderation?_action=venue.screen"');
    expect(html).toContain('name="id" value="42"');
    expect(html).toContain('name="onScreen" value="on"');
    expect(html).toMatch(
      /Mettre sur l’écran de la salle<span class="visually-hidden"> : <bdi>Le rappel<\/bdi><\/span>/,
    );
    expect(html).not.toContain('data-on-screen-badge');
  });

  it('says it is on screen and offers its undo, in English too', async () => {
    const fr = await render(VenueScreenToggle, 'fr', { ...props, onScreen: true });
    expect(fr).toContain('Sur l’écran de la salle');
    expect(fr).toContain('name="onScreen" value="off"');
    expect(fr).toContain('Retirer de l’écran de la salle');
    const en = await render(VenueScreenToggle, 'en', { ...props, onScreen: true });
    expect(en).toContain('On the venue screen');
    expect(en).toContain('Take off the venue screen');
  });
});
