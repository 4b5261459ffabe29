import { describe, it, expect } from 'vitest';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/types.ts';
import { allowedDecisions, journalState, planDecision, writeDecided } from '../../src/lib/moderation/decisions.ts';
import type { DecidableState, DecisionTarget, NextState } from '../../src/lib/moderation/decisions.ts';

describe('journalState', () => {
  it('keeps the pin only for kinds that have one', () => {
    expect(journalState({ status: 'approved', pinned: null })).toEqual({ status: 'approved' });
    expect(journalState({ status: 'approved', pinned: false })).toEqual({ status: 'approved', pinned: false });
  });
});

describe('writeDecided', () => {
  const state = { status: 'pending', pinned: null } as unknown as DecidableState;
  const next = { status: 'approved' } as NextState;
  const trx = {} as Transaction<Database>;
  /** A target whose write succeeds or not, and whose row now reads `latest`. */
  const target = (wrote: boolean, latest: DecidableState | undefined) =>
    ({ write: async () => wrote, read: async () => latest }) as unknown as DecisionTarget<DecidableState>;

  it('returns once the conditional write went through', async () => {
    await expect(writeDecided(trx, target(true, undefined), 1, state, next, new Date())).resolves.toBeUndefined();
  });

  it('names the status someone else decided meanwhile, or that the item is gone', async () => {
    const moved = { ...state, status: 'spam' } as DecidableState;
    await expect(writeDecided(trx, target(false, moved), 1, state, next, new Date())).rejects.toMatchObject({
      code: 'conflict',
      currentStatus: 'spam',
    });
    await expect(writeDecided(trx, target(false, undefined), 1, state, next, new Date())).rejects.toMatchObject({
      code: 'not_found',
      currentStatus: null,
    });
  });
});

describe('decisions shared by souvenirs and comments', () => {
  const state = {
    status: 'approved' as const,
    previousStatus: null,
    approvedAt: new Date(0),
    approvedBy: 7,
    withdrawn: false,
  };

  it('never offers pinning for an item that cannot be pinned', () => {
    expect(allowedDecisions('approved', null)).toEqual(['reject', 'spam', 'trash']);
    expect(allowedDecisions('approved', false)).toEqual(['pin', 'reject', 'spam', 'trash']);
    expect(() => planDecision({ ...state, pinned: null }, 'pin', 1, new Date())).toThrow();
  });

  it('keeps the approval in the bin so a restore is exact', () => {
    const trashed = planDecision({ ...state, pinned: null }, 'trash', 1, new Date());
    expect(trashed).toMatchObject({
      status: 'trash',
      previousStatus: 'approved',
      approvedAt: new Date(0),
      approvedBy: 7,
    });
    const restored = planDecision({ ...state, ...trashed, withdrawn: false }, 'restore', 2, new Date());
    expect(restored).toMatchObject({
      status: 'approved',
      previousStatus: null,
      approvedAt: new Date(0),
      approvedBy: 7,
    });
  });
});
