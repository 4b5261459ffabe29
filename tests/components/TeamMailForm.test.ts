import { describe } from 'vitest';
import TeamMailForm from '../../src/components/mail/TeamMailForm.astro';
import { markupCases } from './render.ts';

const props = {
  page: '/moderation/mot-de-passe',
  preferences: { email: 'ana@equipe.example', mode: 'digest', digestHour: 19 },
  errors: {},
  saved: false,
};

describe('TeamMailForm', () => {
  markupCases(TeamMailForm, {
    'shows the member’s address, their choice among three, and the digest hour': {
      locale: 'fr',
      props,
      has: [
        'value="ana@equipe.example"',
        /id="team-mode-digest" name="mode" value="digest" checked/,
        'value="19"',
        '<legend>Recevoir</legend>',
        'action="/moderation/mot-de-passe?_action=mail.teamPreferences#courriels"',
      ],
      lacks: [/value="each" checked/],
    },
    'announces a refusal and ties a field’s error to it': {
      locale: 'en',
      props: { ...props, errors: { form: 'mail.team.prefs.emailRequired', digestHour: 'mail.team.prefs.hourInvalid' } },
      has: ['role="alert"', 'Give an address to receive messages', 'An hour from 0 to 23.'],
    },
  });
});
