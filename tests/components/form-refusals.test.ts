import { describe, expect, it } from 'vitest';
import { ActionError } from 'astro:actions';
import type { ActionClient } from 'astro:actions';
import { besideItsField, refusalOnRows, rowOutcome } from '../../src/components/form-refusals.ts';

describe('besideItsField', () => {
  it('says a form-level refusal beside the field a table names', () => {
    const errors = besideItsField({ form: 'team.error.username_taken' }, { 'team.error.username_taken': 'username' });
    expect(errors).toEqual({ username: 'team.error.username_taken' });
  });

  it('asks a function when a family of refusals names its field', () => {
    const fieldOf = (key: string) => (key.startsWith('team.error.password') ? 'next' : undefined);
    expect(besideItsField({ form: 'team.error.password_too_short' }, fieldOf)).toEqual({
      next: 'team.error.password_too_short',
    });
  });

  it('leaves a refusal about no field, and the fields’ own refusals, where they are', () => {
    const table = { 'team.error.username_taken': 'username' } as const;
    expect(besideItsField({ form: 'error.generic' }, table)).toEqual({ form: 'error.generic' });
    expect(besideItsField({ password: 'team.error.password_too_short' }, table)).toEqual({
      password: 'team.error.password_too_short',
    });
  });
});

describe('rowOutcome', () => {
  // Stand-ins for `actions.x.y`: only their identity matters to getActionResult.
  const standIn = () => (() => undefined) as unknown as ActionClient<never, never, never>;
  const [disable, enable, remove] = [standIn(), standIn(), standIn()];
  const astroAnswering = (answers: Map<unknown, unknown>) => ({
    getActionResult: (action: unknown) => answers.get(action) as never,
  });

  it('answers what the row Action that went through returned, with no refusal', () => {
    const outcome = rowOutcome(astroAnswering(new Map([[enable, { data: { done: 'enable' } }]])), [disable, enable]);
    expect(outcome).toEqual({ done: { done: 'enable' }, refused: false, refusal: undefined });
  });

  it('gives a refused row its form’s refusal', () => {
    const error = new ActionError({ code: 'CONFLICT', message: 'team.error.last_admin' });
    const outcome = rowOutcome(astroAnswering(new Map([[remove, { error }]])), [disable, enable, remove]);
    expect(outcome).toEqual({ done: undefined, refused: true, refusal: 'team.error.last_admin' });
  });

  it('else its first refused field’s', () => {
    // As a page receives it: Astro's input error, serialised with its fields' messages.
    const error = {
      type: 'AstroActionInputError',
      issues: [],
      fields: { role: ['team.error.username_invalid'], username: ['team.error.username_taken'] },
    };
    const outcome = rowOutcome(astroAnswering(new Map([[disable, { error }]])), [disable]);
    expect(outcome.refusal).toBe('team.error.username_invalid');
  });

  it('says nothing when no row Action ran', () => {
    expect(rowOutcome(astroAnswering(new Map()), [disable, enable])).toEqual({
      done: undefined,
      refused: false,
      refusal: undefined,
    });
  });
});

describe('refusalOnRows', () => {
  const rows = [{ id: 1 }, { id: 2 }];

  it('says a refusal on the row it was about, and nowhere else', () => {
    const refusal = refusalOnRows('Not the last admin.', 2, rows);
    expect(refusal.onRow(2)).toBe('Not the last admin.');
    expect(refusal.onRow(1)).toBeNull();
    expect(refusal.aboveList).toBeNull();
  });

  it('says it above the list when that row is gone', () => {
    const refusal = refusalOnRows('This account does not exist.', 3, rows);
    expect(refusal.aboveList).toBe('This account does not exist.');
    expect(rows.map((row) => refusal.onRow(row.id))).toEqual([null, null]);
  });

  it('says nothing anywhere when nothing was refused', () => {
    const refusal = refusalOnRows(null, Number.NaN, rows);
    expect(refusal.aboveList).toBeNull();
    expect(refusal.onRow(1)).toBeNull();
  });
});
