import { describe } from 'vitest';
import ConsentEndForm from '../../src/components/imports/ConsentEndForm.astro';
import { markupCases } from './render.ts';

describe('ConsentEndForm', () => {
  markupCases(ConsentEndForm, {
    'offers "Non merci" that posts the token and says our copy is deleted at once': {
      locale: 'fr',
      props: { kind: 'decline', token: 'k'.repeat(32), action: '/accord/x?_action=consent.decline' },
      has: [
        /<form method="post" action="\/accord\/x\?_action=consent\.decline"/,
        `name="token" value="${'k'.repeat(32)}"`,
        'rien ne sera publié et notre copie sera effacée aussitôt',
        /<button type="submit"[^>]*>Non merci<\/button>/,
      ],
    },
    'speaks English on the English page': {
      locale: 'en',
      props: { kind: 'decline', token: 'k'.repeat(32), action: '/x' },
      has: ['No thanks', 'our copy will be deleted at once'],
      lacks: ['name="reason"'],
    },
    'tells how to withdraw and offers it with a reason, in English too': {
      locale: 'en',
      props: { kind: 'withdraw', token: 't'.repeat(32), action: '/x' },
      has: [
        'At any time, from this page',
        'Withdraw my consent',
        'maxlength="500"',
        'id="consent-withdraw"',
        /<textarea id="withdraw-reason" name="reason" rows="2" maxlength="500"><\/textarea>/,
      ],
    },
  });
});
