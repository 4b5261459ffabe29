import { describe, expect, it } from 'vitest';
import { fieldBinder, fieldMessages } from '../../src/components/field-messages.ts';
import { boundT } from '../../src/lib/i18n/locals.ts';

const t = boundT('en');

describe('fieldMessages', () => {
  it('says a refused field’s sentence and nothing for an accepted one', () => {
    const { message } = fieldMessages({ password: 'team.error.password_too_short' }, t);
    expect(message('password')).toBe(t('team.error.password_too_short'));
    expect(message('username')).toBeUndefined();
  });

  it('lists the summary in the order of the fields given, only the refused ones, linked to their ids', () => {
    const errors = { confirm: 'team.error.password_too_short', username: 'team.error.username_taken' } as const;
    const { summary } = fieldMessages(errors, t, { idPrefix: 'setup-' });
    expect(summary(['username', 'password', 'confirm'])).toEqual([
      { field: 'setup-username', text: t('team.error.username_taken') },
      { field: 'setup-confirm', text: t('team.error.password_too_short') },
    ]);
    expect(summary(['password'])).toEqual([]);
  });

  it('points aria-describedby at the hints given, then at the field’s error', () => {
    const { describedBy } = fieldMessages({ body: 'team.error.username_taken' }, t, { idPrefix: 'c-' });
    expect(describedBy('body', 'c-body-hint', false)).toBe('c-body-hint c-body-error');
    expect(describedBy('title')).toBeUndefined();
  });
});

describe('fieldBinder', () => {
  it('gives a field its prefixed id, its name, the value typed and its refusal', () => {
    const { message } = fieldMessages({ email: 'team.error.username_taken' }, t);
    const field = fieldBinder({ email: 'ana@example.org' }, message, 'contact-');
    expect(field('email')).toEqual({
      id: 'contact-email',
      name: 'email',
      value: 'ana@example.org',
      error: t('team.error.username_taken'),
    });
    expect(field('name')).toEqual({ id: 'contact-name', name: 'name', value: '', error: undefined });
  });
});
