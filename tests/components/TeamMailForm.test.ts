import { describe, expect, it } from 'vitest';
import TeamMailForm from '../../src/components/mail/TeamMailForm.astro';
import { render } from './render.ts';

const props = {
  page: '/moderation/mot-de-passe',
  preferences: { email: 'ana@equipe.example', mode: 'digest', digestHour: 19 },
  errors: {},
  saved: false,
};

describe('TeamMailForm', () => {
  it('shows the member’s address, their choice among three, and the digest hour', async () => {
    const html = await render(TeamMailForm, 'fr', props);
    expect(html).toContain('value="ana@equipe.example"');
    expect(html).toMatch(/id="team-mode-digest" name="mode" value="digest" checked/);
    expect(html).not.toMatch(/value="each" checked/);
    expect(html).toContain('value="19"');
    expect(html).toContain('<legend>Recevoir</legend>');
    expect(html).toContain('action="/moderation/mot-de-passe?_action=mail.teamPreferences#courriels"');
  });

  it('announces a refusal and ties a field’s error to it', async () => {
    const html = await render(TeamMailForm, 'en', {
      ...props,
      errors: { form: 'mail.team.prefs.emailRequired', digestHour: 'mail.team.prefs.hourInvalid' },
    });
    expect(html).toContain('role="alert"');
    expect(html).toContain('Give an address to receive messages');
    expect(html).toContain('An hour from 0 to 23.');
  });
});
