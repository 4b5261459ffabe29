import { describe, expect, it } from 'vitest';
import { shareThanks } from '../../src/lib/flash/thank-you.ts';

describe('shareThanks', () => {
  it('keeps the private link of a souvenir waiting for moderation, not yet published', () => {
    expect(shareThanks({ publicId: 'AbC123', token: 't'.repeat(32), status: 'pending' })).toEqual({
      kind: 'souvenir',
      publicId: 'AbC123',
      token: 't'.repeat(32),
      published: false,
      souvenirPublicId: null,
    });
  });

  it('says a souvenir approved at once (a known author) is published', () => {
    expect(shareThanks({ publicId: 'AbC123', token: 't'.repeat(32), status: 'approved' }).published).toBe(true);
  });
});
