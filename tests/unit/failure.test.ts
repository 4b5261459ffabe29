import { describe, expect, it } from 'vitest';
import { describeFailure, scrubbed } from '../../src/lib/ops/failure.ts';

describe('an unexpected failure in a log line', () => {
  it("keeps what failed and where, never the row or the statement's parameters", () => {
    const error = Object.assign(
      new Error('new row for relation "mail_outbox" violates check constraint "mail_outbox_status_check"'),
      {
        code: '23514',
        table: 'mail_outbox',
        constraint: 'mail_outbox_status_check',
        detail:
          'Failing row contains (12, zoe.private@example.org, Zoé, Un concert, https://x/mes-souvenirs/Abcdefghijklmnopqrstuvwxyz012345).',
        query: 'with created as (insert into souvenir …) select $1, $2',
        params: ['zoe.private@example.org', 'Zoé', 'Un concert au balcon'],
      },
    );
    const line = describeFailure(error);
    expect(line).toContain(
      'Error: new row for relation "mail_outbox" violates check constraint "mail_outbox_status_check"',
    );
    expect(line).toContain('code 23514, table mail_outbox, constraint mail_outbox_status_check');
    expect(line).toMatch(/\n\s+at /);
    for (const secret of ['zoe.private', 'Zoé', 'concert', 'Abcdefghijklmnopqrstuvwxyz012345', 'insert into']) {
      expect(line).not.toContain(secret);
    }
  });

  it('scrubs values a message may quote: emails, tokens, and quoted values that are not names', () => {
    expect(scrubbed('invalid input syntax for type integer: "zoe@example.org"')).toBe(
      'invalid input syntax for type integer: "…"',
    );
    expect(scrubbed('no link /mes-souvenirs/Abcdefghijklmnopqrstuvwxyz012345 for ana@example.org')).toBe(
      'no link /mes-souvenirs/[token] for [email]',
    );
    expect(scrubbed('duplicate key value violates unique constraint "souvenir_public_id_key"')).toBe(
      'duplicate key value violates unique constraint "souvenir_public_id_key"',
    );
    expect(describeFailure('a string')).toBe('non-error thrown (string)');
  });
});
