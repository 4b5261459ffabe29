import { describe, it, expect } from 'vitest';
import { submissionContext } from '../../src/actions/submission-context.ts';

const locals = (origin: string | null) => ({ origin }) as unknown as App.Locals;
const held = { outcome: 'pending' as const, reasons: ['links:3'] };

describe('submissionContext', () => {
  it('stores the verdict of the rules and writes to the author when the site knows its address', () => {
    expect(
      submissionContext({ ipHash: 'h', locals: locals('https://mur.example') }, held, { isRobot: false, notify: true }),
    ).toEqual({
      ipHash: 'h',
      mail: { origin: 'https://mur.example', subscribe: true },
      status: 'pending',
      flagReasons: ['links:3'],
    });
  });

  it('keeps a filled honeypot as spam with its reason first, and writes no mail without an origin', () => {
    expect(
      submissionContext({ ipHash: null, locals: locals(null) }, held, { isRobot: true, notify: undefined }),
    ).toEqual({
      ipHash: null,
      status: 'spam',
      flagReasons: ['honeypot', 'links:3'],
    });
  });
});
