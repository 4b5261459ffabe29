import { describe, it, expect } from 'vitest';
import { reportPageState, reportTargetKey } from '../../src/components/reports/report-state.ts';

describe('the report forms of a page', () => {
  it('thanks the visitor after the redirect, or says politely that they already reported it', () => {
    expect(reportPageState('fr', { error: null, submitted: {}, answerParam: 'transmis' }).notice).toBe(
      'Merci, votre signalement a été transmis.',
    );
    expect(reportPageState('en', { error: null, submitted: {}, answerParam: 'deja' }).notice).toContain(
      'already reported',
    );
    expect(reportPageState('fr', { error: null, submitted: {}, answerParam: 'autre' }).notice).toBeNull();
  });

  it('puts a refusal back in the form it came from, with the reason and note kept', () => {
    const state = reportPageState('fr', {
      error: { message: 'limit.report:600' },
      submitted: { targetType: 'comment', target: 'abc', reason: 'spam', note: 'pub' },
      answerParam: null,
    });
    expect(state.error).toEqual({
      targetKey: reportTargetKey('comment', 'abc'),
      message:
        'Vous avez envoyé beaucoup de signalements en peu de temps. Réessayez dans 10 minutes ; votre précision est conservée.',
      values: { reason: 'spam', note: 'pub' },
    });
    expect(state.retryAfterSeconds).toBe(600);
    expect(
      reportPageState('fr', { error: { message: 'report.error.reason' }, submitted: {}, answerParam: null }).error
        ?.message,
    ).toBe('Choisissez une raison.');
  });
});
