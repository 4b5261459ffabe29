import { describe } from 'vitest';
import ModerationNav from '../../src/components/moderation/ModerationNav.astro';
import { markupCases } from './render.ts';

const user = { id: 1, username: 'modo', displayName: 'Modo', role: 'moderator' };

describe('ModerationNav', () => {
  markupCases(ModerationNav, {
    'counts unread messages in the singular and the plural of each language': [
      { locale: 'fr', props: { user, current: 'queue', unread: 1 }, has: ['Messages (1 non lu)'], lacks: ['non lus'] },
      { locale: 'fr', props: { user, current: 'queue', unread: 2 }, has: ['Messages (2 non lus)'] },
      { locale: 'en', props: { user, current: 'queue', unread: 1 }, has: ['Messages (1 unread)'] },
    ],
    'says nothing of messages when all are read': {
      locale: 'fr',
      props: { user, current: 'queue', unread: 0 },
      has: ['>Messages</a>'],
      lacks: ['non lu'],
    },
  });
});
