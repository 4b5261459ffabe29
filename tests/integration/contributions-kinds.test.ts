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
  it.each<[string | null | undefined, boolean]>([
    ['souvenir', true],
    ['comment', true],
    ['photo', false],
    ['', false],
    [null, false],
    [undefined, false],
  ])('knows souvenirs and comments, and nothing else: %j', (value, known) => {
    expect(isContributionKind(value)).toBe(known);
  });

  it('knows every kind it declares', () => {
    expect(CONTRIBUTION_KINDS.every(isContributionKind)).toBe(true);
  });

  it.each<[string | null, boolean]>([
    ['pending', true],
    ['approved', true],
    ['rejected', true],
    ['spam', true],
    ['trash', true],
    ['withdrawn', false],
    ['Approved', false],
    [null, false],
  ])('knows the five statuses every kind goes through, and nothing else: %j', (value, known) => {
    expect(isContributionStatus(value)).toBe(known);
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
