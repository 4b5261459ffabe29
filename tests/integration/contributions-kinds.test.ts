import { describe, it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { approvedSouvenir, marcComment } from '../helpers/contribution-fixtures.ts';
import {
  CONTRIBUTION_KINDS,
  contributionsOf,
  isContributionKind,
  isContributionStatus,
  KINDS,
} from '../../src/lib/contributions/kinds.ts';

describe('the kinds of contribution', () => {
  it('knows souvenirs and comments, and nothing else', () => {
    expect(CONTRIBUTION_KINDS.every(isContributionKind)).toBe(true);
    expect(isContributionKind('photo')).toBe(false);
    expect(isContributionKind('')).toBe(false);
    expect(isContributionKind(null)).toBe(false);
    expect(isContributionKind(undefined)).toBe(false);
  });

  it('knows the five statuses every kind goes through, and nothing else', () => {
    for (const status of ['pending', 'approved', 'rejected', 'spam', 'trash'])
      expect(isContributionStatus(status)).toBe(true);
    expect(isContributionStatus('withdrawn')).toBe(false);
    expect(isContributionStatus('Approved')).toBe(false);
    expect(isContributionStatus(null)).toBe(false);
  });
});

describeEachDatabase('one query over the columns every kind shares', (t) => {
  it('reads a souvenir and a comment from their own tables through the same columns', async () => {
    const s = await approvedSouvenir(t.db, { title: 'Le rappel' });
    const c = await marcComment(t.db, s.id);
    const read = async (kind: (typeof CONTRIBUTION_KINDS)[number], id: number) =>
      contributionsOf(t.db)
        .selectFrom(KINDS[kind].table)
        .select(['author_name', 'status'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    expect(await read('souvenir', s.id)).toEqual({ author_name: 'Léa', status: 'approved' });
    expect(await read('comment', c.id)).toEqual({ author_name: 'Marc', status: 'pending' });
  });
});
