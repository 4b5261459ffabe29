import { describe, it, expect } from 'vitest';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/types.ts';
import { allowedDecisions, commitDecided, journalState, planDecision } from '../../src/lib/moderation/decisions.ts';
import type { DecidableState, DecisionTarget, NextState } from '../../src/lib/moderation/decisions.ts';

describe('journalState', () => {
  it('keeps the pin only for kinds that have one', () => {
    expect(journalState({ status: 'approved', pinned: null })).toEqual({ status: 'approved' });
    expect(journalState({ status: 'approved', pinned: false })).toEqual({ status: 'approved', pinned: false });
  });
});

describe('commitDecided', () => {
  const state = {
    status: 'pending',
    previousStatus: null,
    pinned: null,
    approvedAt: null,
    approvedBy: null,
  } as unknown as DecidableState;
  const next = { status: 'approved' } as NextState;
  const journal = { actor: { id: 3, label: 'alice' }, action: 'approve' };
  /** A transaction that keeps the journal rows written through it, in `steps` and `rows`. */
  const journaling = (steps: string[], rows: Record<string, unknown>[] = []) =>
    ({
      insertInto: () => ({
        values: (row: Record<string, unknown>) => {
          steps.push('journal');
          rows.push(row);
          return { execute: async () => {} };
        },
      }),
    }) as unknown as Transaction<Database>;
  /** A target whose write succeeds or not, and whose row now reads `latest`. */
  const target = (wrote: boolean, latest: DecidableState | undefined, steps: string[] = []) =>
    ({
      targetType: 'comment',
      write: async () => (steps.push('write'), wrote),
      read: async () => latest,
      afterWrite: async () => void steps.push('follow-up'),
    }) as unknown as DecisionTarget<DecidableState>;

  it('returns once the conditional write went through', async () => {
    const trx = journaling([]);
    await expect(commitDecided(trx, target(true, undefined), 1, state, next, new Date(), journal)).resolves.toBe(
      'approved',
    );
  });

  it('writes, journals with the state to restore, then follows up, and answers the new status', async () => {
    const steps: string[] = [];
    const rows: Record<string, unknown>[] = [];
    await expect(
      commitDecided(journaling(steps, rows), target(true, undefined, steps), 7, state, next, new Date(), {
        ...journal,
        after: { status: 'approved' },
      }),
    ).resolves.toBe('approved');
    expect(steps).toEqual(['write', 'journal', 'follow-up']);
    expect(rows[0]).toMatchObject({
      actor_id: 3,
      action: 'approve',
      target_type: 'comment',
      target_id: 7,
      reason: null,
      after: JSON.stringify({ status: 'approved' }),
      restore_state: JSON.stringify({
        status: 'pending',
        previousStatus: null,
        pinned: null,
        approvedAt: null,
        approvedBy: null,
      }),
    });
  });

  it('names the status someone else decided meanwhile, or that the item is gone, and journals nothing', async () => {
    const steps: string[] = [];
    const trx = journaling(steps);
    const moved = { ...state, status: 'spam' } as DecidableState;
    await expect(commitDecided(trx, target(false, moved), 1, state, next, new Date(), journal)).rejects.toMatchObject({
      code: 'conflict',
      currentStatus: 'spam',
    });
    await expect(
      commitDecided(trx, target(false, undefined), 1, state, next, new Date(), journal),
    ).rejects.toMatchObject({
      code: 'not_found',
      currentStatus: null,
    });
    expect(steps).toEqual([]);
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

  it('never offers to approve what could appear nowhere, and refuses it', () => {
    expect(allowedDecisions('pending', null, false, false)).toEqual(['reject', 'spam', 'trash']);
    const pending = { ...state, status: 'pending' as const, pinned: null, publishable: false };
    expect(() => planDecision(pending, 'approve', 1, new Date())).toThrow();
    expect(planDecision(pending, 'reject', 1, new Date()).status).toBe('rejected');
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

describe('allowed decisions', () => {
  it('offers only decisions that change something', () => {
    expect(allowedDecisions('pending', false)).toEqual(['approve', 'reject', 'spam', 'trash']);
    expect(allowedDecisions('approved', false)).toEqual(['pin', 'reject', 'spam', 'trash']);
    expect(allowedDecisions('approved', true)).toEqual(['unpin', 'reject', 'spam', 'trash']);
    expect(allowedDecisions('rejected', false)).toEqual(['approve', 'spam', 'trash']);
    expect(allowedDecisions('spam', false)).toEqual(['restore', 'approve', 'reject', 'trash']);
    expect(allowedDecisions('trash', false)).toEqual(['restore', 'approve', 'reject', 'spam']);
  });

  it('offers nothing for a souvenir its author withdrew', () => {
    expect(allowedDecisions('trash', false, true)).toEqual([]);
  });
});
