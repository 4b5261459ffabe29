import { describe, expect, it } from 'vitest';
import {
  CONTACT_MAX_LENGTH,
  contactInput,
  publisherInput,
  revertInput,
  setupInput,
} from '../../src/actions/association-schema.ts';
import { isMessageKey } from '../../src/lib/i18n/index.ts';

type Parsed = { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } };
/** The catalogue keys a parse refuses `field` with, or [] when it is accepted. */
const refusals = (result: Parsed, field: string) =>
  (result.error?.issues ?? []).filter((i) => i.path[0] === field).map((i) => i.message);

const contact = { name: 'Sam', email: 'sam@example.org', message: 'Bonjour', website: null };

describe('the contact form’s input', () => {
  it('takes a name, an address and a message of several lines, trimmed', () => {
    const parsed = contactInput.parse({ ...contact, name: '  Sam ', message: 'Bonjour,\nune question.' });
    expect(parsed).toMatchObject({ name: 'Sam', message: 'Bonjour,\nune question.' });
  });

  it('refuses, in the catalogue’s words, what the page could not show honestly', () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ name: '' }, 'name', 'error.name.required'],
      [{ name: '\u200B\u200B' }, 'name', 'error.name.required'],
      [{ message: '\u200B\u200B' }, 'message', 'contact.error.required'],
      [{ name: 'Sam\u202Eevil' }, 'name', 'error.text.bidi'],
      [{ name: 'Sam\nSmith' }, 'name', 'error.text.lineBreak'],
      [{ email: 'pas une adresse' }, 'email', 'error.email.invalid'],
      [{ email: '' }, 'email', 'error.email.required'],
      [{ message: '   ' }, 'message', 'contact.error.required'],
      [{ message: 'x'.repeat(CONTACT_MAX_LENGTH + 1) }, 'message', 'contact.error.tooLong'],
      [{ message: 'nul\u0000' }, 'message', 'error.text.controlChars'],
    ];
    for (const [change, field, key] of cases) {
      expect(refusals(contactInput.safeParse({ ...contact, ...change }), field), JSON.stringify(change)).toContain(key);
      expect(isMessageKey(key)).toBe(true);
    }
  });
});

describe('the publisher’s details', () => {
  it('may be left empty for now, addresses on several lines, the contact address checked', () => {
    expect(publisherInput.parse({})).toMatchObject({ organisation: '', contactEmail: '' });
    expect(publisherInput.parse({ postalAddress: '1 rue\n75011 Paris' }).postalAddress).toBe('1 rue\n75011 Paris');
    expect(refusals(publisherInput.safeParse({ director: 'A\nB' }), 'director')).toContain('error.text.lineBreak');
    expect(refusals(publisherInput.safeParse({ contactEmail: 'nope' }), 'contactEmail')).toContain(
      'error.email.invalid',
    );
    expect(refusals(publisherInput.safeParse({ hostName: 'x'.repeat(301) }), 'hostName')).toContain(
      'publisher.error.tooLong',
    );
  });
});

describe('the first admin’s form and the undo', () => {
  it('asks for the same password twice', () => {
    const form = { token: 't', username: 'camille', password: 'une phrase assez longue', confirm: 'autre' };
    expect(refusals(setupInput.safeParse(form), 'confirm')).toContain('auth.error.passwordMismatch');
  });

  it('takes the journal rows as one comma-separated field, numbers only', () => {
    expect(revertInput.parse({ events: '41,42', from: 'queue' }).events).toEqual([41, 42]);
    expect(revertInput.safeParse({ events: '41,x' }).success).toBe(false);
    expect(revertInput.safeParse({ events: '' }).success).toBe(false);
  });
});
