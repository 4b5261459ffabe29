import { describe } from 'vitest';
import VenueScreenToggle from '../../src/components/moderation/VenueScreenToggle.astro';
import { markupCases } from './render.ts';

const props = { id: 42, heading: 'Le rappel', action: '/moderation?_action=venue.screen' };

describe('VenueScreenToggle', () => {
  markupCases(VenueScreenToggle, {
    'offers to put an approved souvenir on the venue screen, naming it for a screen reader': {
      locale: 'fr',
      props: { ...props, onScreen: false },
      has: [
        'action="/moderation?_action=venue.screen"',
        'name="id" value="42"',
        'name="onScreen" value="on"',
        /Mettre sur l’écran de la salle<span class="visually-hidden"> : <bdi>Le rappel<\/bdi><\/span>/,
      ],
      lacks: ['data-on-screen-badge'],
    },
    'says it is on screen and offers its undo, in English too': [
      {
        locale: 'fr',
        props: { ...props, onScreen: true },
        has: ['Sur l’écran de la salle', 'name="onScreen" value="off"', 'Retirer de l’écran de la salle'],
      },
      { locale: 'en', props: { ...props, onScreen: true }, has: ['On the venue screen', 'Take off the venue screen'] },
    ],
  });
});
