import { describe } from 'vitest';
import UsernameField from '../../src/components/UsernameField.astro';
import { markupCases } from './render.ts';

describe('UsernameField', () => {
  markupCases(UsernameField, {
    'is typed as is, bounded as usernames are, and filled in as the reader’s own username': {
      locale: 'fr',
      props: { id: 'username', label: 'Identifiant', value: 'ana', required: true },
      has: [
        /<input id="username" name="username" type="text"/,
        'autocomplete="username"',
        'autocapitalize="none"',
        'spellcheck="false"',
        'maxlength="32"',
        'value="ana"',
      ],
    },
    'takes another bound and another autocomplete where the form needs them, and shows its refusal': {
      locale: 'en',
      props: {
        id: 'username',
        label: 'Username',
        autocomplete: 'off',
        maxlength: '64',
        error: 'This username is taken.',
      },
      has: ['autocomplete="off"', 'maxlength="64"'],
      refusals: { username: 'This username is taken.' },
    },
  });
});
