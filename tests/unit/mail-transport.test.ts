import { describe, it, expect } from 'vitest';
import { isPermanentRefusal, readMailConfig } from '../../src/lib/mail/transport.ts';
import { describeError } from '../../src/lib/mail/sender.ts';

describe('readMailConfig', () => {
  it('takes smtp:// and smtps:// URLs, and MAIL_FROM’s domain for Message-IDs', () => {
    expect(
      readMailConfig(
        { SMTP_URL: 'smtps://u:p@mail.example.org:465', MAIL_FROM: 'Mur <memoire@mur.example>' },
        undefined,
      ),
    ).toEqual({
      smtpUrl: 'smtps://u:p@mail.example.org:465',
      from: 'Mur <memoire@mur.example>',
      messageDomain: 'mur.example',
    });
  });

  it('leaves SMTP unset (messages wait) and sends from the public origin’s host by default', () => {
    expect(readMailConfig({}, 'https://memoire.example.org')).toEqual({
      smtpUrl: undefined,
      from: 'Mur des Souvenirs <ne-pas-repondre@memoire.example.org>',
      messageDomain: 'memoire.example.org',
    });
  });

  it('refuses at start what could never work: another scheme, a broken URL, a From with a line break', () => {
    expect(() => readMailConfig({ SMTP_URL: 'http://mail.example.org' }, undefined)).toThrow(/smtp:\/\/ or smtps:\/\//);
    expect(() => readMailConfig({ SMTP_URL: 'not a url' }, undefined)).toThrow(/SMTP_URL/);
    expect(() => readMailConfig({ MAIL_FROM: 'a@b.example\r\nBcc: c@d.example' }, undefined)).toThrow(/MAIL_FROM/);
    expect(() => readMailConfig({ MAIL_FROM: 'Nobody' }, undefined)).toThrow(/MAIL_FROM/);
  });
});

describe('isPermanentRefusal', () => {
  it('is true for a 5xx answer only: a 4xx or a lost connection is tried again', () => {
    expect(isPermanentRefusal({ responseCode: 550 })).toBe(true);
    expect(isPermanentRefusal({ responseCode: 451 })).toBe(false);
    expect(isPermanentRefusal(Object.assign(new Error('ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(false);
    expect(isPermanentRefusal(null)).toBe(false);
  });
});

describe('describeError', () => {
  it('keeps the server’s answer on one line with any address masked', () => {
    const error = { responseCode: 550, response: '550 5.1.1 <camille@example.org>:\r\n Recipient address rejected' };
    expect(describeError(error)).toBe('550: 550 5.1.1 <c•••e@e•••.org>:  Recipient address rejected');
  });
});
