import { describe } from 'vitest';
import NewPasswordFields from '../../src/components/NewPasswordFields.astro';
import { markupCases } from './render.ts';

const refusals: Record<string, string> = { confirm: 'The two passwords differ.' };
const message = (field: string) => refusals[field];

describe('NewPasswordFields', () => {
  markupCases(NewPasswordFields, {
    'asks for the new password, then for it again, each refusal beside its field': {
      locale: 'en',
      props: { id: 'next', label: 'New password', hint: 'At least 12 characters.', confirmLabel: 'Confirm', message },
      has: [
        /<input id="next" name="next" type="password"[^>]*autocomplete="new-password"/,
        'aria-describedby="next-hint"',
        /<input id="confirm" name="confirm" type="password"/,
      ],
      refusals: { confirm: 'The two passwords differ.' },
      lacks: ['value='],
    },
    'asks once where no confirmation is wanted': {
      locale: 'fr',
      props: { id: 'password', label: 'Mot de passe', hint: 'Au moins 12 caractères.', message },
      has: ['id="password"'],
      lacks: ['id="confirm"'],
    },
  });
});
