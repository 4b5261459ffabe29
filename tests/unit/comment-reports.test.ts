import { describe, it, expect } from 'vitest';
import { commentReport } from '../../src/components/reports/comment-reports.ts';

describe("a comment's report offer", () => {
  const action = '/souvenirs/abc?_action=report';

  it('links to the page that shows its form, on the souvenir page it is under', () => {
    expect(commentReport({ action, error: null }, '/en/souvenirs/abc', 'c_1-x')).toEqual({
      action,
      error: null,
      open: false,
      href: '/en/souvenirs/abc?signaler=c_1-x#signaler-commentaire-c_1-x',
    });
  });

  it('shows the form of the comment named by ?signaler=, and of that one only', () => {
    expect(commentReport({ action, error: null, open: 'c1' }, '/souvenirs/abc', 'c1').open).toBe(true);
    expect(commentReport({ action, error: null, open: 'c1' }, '/souvenirs/abc', 'c2').open).toBe(false);
    expect(commentReport({ action, error: null, open: '' }, '/souvenirs/abc', 'c2').open).toBe(false);
  });

  it('shows the form a refusal belongs to, with the refusal, whatever ?signaler= says', () => {
    const error = { targetKey: 'commentaire-c2', message: 'Choisissez une raison.', values: { reason: 'spam' } };
    const offer = commentReport({ action, error, open: 'c1' }, '/souvenirs/abc', 'c2');
    expect(offer.open).toBe(true);
    expect(offer.error).toBe(error);
    expect(commentReport({ action, error }, '/souvenirs/abc', 'c3').open).toBe(false);
    // A refusal of the souvenir's own form opens no comment's.
    const souvenirError = { ...error, targetKey: 'souvenir-c2' };
    expect(commentReport({ action, error: souvenirError }, '/souvenirs/abc', 'c2').open).toBe(false);
  });

  it('encodes the id in the query, whatever it holds', () => {
    expect(commentReport({ action, error: null }, '/souvenirs/abc', 'a&b=c').href).toBe(
      '/souvenirs/abc?signaler=a%26b%3Dc#signaler-commentaire-a&b=c',
    );
  });
});
