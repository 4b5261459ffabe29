import { describe } from 'vitest';
import CheckOriginalsForm from '../../src/components/imports/CheckOriginalsForm.astro';
import { markupCases } from './render.ts';

describe('CheckOriginalsForm', () => {
  markupCases(CheckOriginalsForm, {
    'posts "Vérifier les originaux maintenant" to the page it sits on': {
      locale: 'fr',
      props: { page: '/moderation/sources', error: null },
      has: [
        /<form method="post" action="\/moderation\/sources\?_action=importSources\.checkNow"/,
        /<button type="submit"[^>]*>Vérifier les originaux maintenant<\/button>/,
      ],
      lacks: ['role="alert"'],
    },
    'says beside the button that another check is running': {
      locale: 'en',
      props: { page: '/en/moderation/sources', error: 'Busy now.' },
      has: [/<p class="moderation-error" role="alert"[^>]*>\s*Busy now\.\s*<\/p>/, 'Check the originals now'],
    },
  });
});
