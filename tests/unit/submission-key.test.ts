import { createHash } from 'node:crypto';
import { describe, it, expect } from 'vitest';
import { submissionKey } from '../../src/lib/contributions/submission-once.ts';

const souvenir = { kind: 'souvenir' as const, name: 'Léa', email: 'lea@example.org', body: 'Un soir au balcon' };
const comment = { ...souvenir, kind: 'comment' as const, souvenirId: 4, parentId: null };

describe('the key of a submission', () => {
  it('is the same for copies of one submission, whatever the case of the address or the name given', () => {
    expect(submissionKey({ ...souvenir, email: 'LEA@Example.org', name: 'Autre' })).toBe(submissionKey(souvenir));
    expect(submissionKey(comment)).toBe(submissionKey({ ...comment }));
  });

  it('differs with the text, the address, the kind and a comment’s place', () => {
    const key = submissionKey(souvenir);
    for (const other of [
      { ...souvenir, body: 'Un soir au balcon.' },
      { ...souvenir, email: 'marc@example.org' },
      { ...souvenir, kind: 'comment' as const },
    ])
      expect(submissionKey(other)).not.toBe(key);
    const commentKey = submissionKey(comment);
    expect(submissionKey({ ...comment, souvenirId: 5 })).not.toBe(commentKey);
    expect(submissionKey({ ...comment, parentId: 9 })).not.toBe(commentKey);
  });

  it('is a SHA-256, of a list that keeps its parts apart', () => {
    expect(submissionKey(souvenir)).toBe(
      createHash('sha256')
        .update(JSON.stringify(['souvenir', null, null, 'lea@example.org', 'Un soir au balcon']))
        .digest('hex'),
    );
    // A character moved from the address to the text is another submission.
    expect(submissionKey({ ...souvenir, email: 'lea@example.or', body: 'gUn soir au balcon' })).not.toBe(
      submissionKey(souvenir),
    );
  });
});
