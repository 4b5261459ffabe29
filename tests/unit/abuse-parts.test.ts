import { describe, it, expect } from 'vitest';
import { formatWait } from '../../src/lib/i18n/wait.ts';
import { limitMessage, limitText, readLimitMessage } from '../../src/lib/security/limit-message.ts';
import { answerTooMany, refusalNotice } from '../../src/lib/security/too-many.ts';
import { RateLimited } from '../../src/lib/security/enforce-limit.ts';
import { clientAddress, parseTrustedProxies } from '../../src/lib/security/client-address.ts';
import { DEFAULT_BUDGETS } from '../../src/lib/security/rate-limit.ts';
import {
  DEFAULT_DISCUSSION_SETTINGS,
  invalidSettingFields,
  readDiscussionSettings,
} from '../../src/lib/rules/settings.ts';
import { plainNote } from '../../src/lib/reports/reasons.ts';
import { reportPageState, reportTargetKey } from '../../src/components/reports/report-state.ts';

// Intl may put a no-break space between the number and the unit (good French typography).
const wait = (locale: 'fr' | 'en', seconds: number) => formatWait(locale, seconds).replace(/\s/g, ' ');

describe('how long to wait, in words', () => {
  it('says seconds under a minute, with the singular for one', () => {
    expect(wait('fr', 1)).toBe('1 seconde');
    expect(wait('fr', 45)).toBe('45 secondes');
    expect(wait('en', 1)).toBe('1 second');
    expect(wait('en', 45)).toBe('45 seconds');
  });

  it('says minutes, rounded up so that trying again after them always works', () => {
    expect(wait('fr', 60)).toBe('1 minute');
    expect(wait('fr', 61)).toBe('2 minutes');
    expect(wait('fr', 720)).toBe('12 minutes');
    expect(wait('en', 719)).toBe('12 minutes');
  });

  it('says one hour for the last minutes of an hourly window, and hours beyond an hour and a half', () => {
    expect(wait('fr', 3599)).toBe('1 heure');
    expect(wait('en', 3600)).toBe('1 hour');
    expect(wait('fr', 4000)).toBe('67 minutes');
    expect(wait('fr', 5400)).toBe('2 heures');
    expect(wait('en', 86_400)).toBe('24 hours');
  });

  it('never says zero', () => {
    expect(wait('fr', 0)).toBe('1 seconde');
    expect(wait('en', 0.2)).toBe('1 second');
  });
});

describe('the rate limit message', () => {
  it('carries the action and the wait through an Action error, and back', () => {
    const message = limitMessage(new RateLimited('share', 720));
    expect(message).toBe('limit.share:720');
    expect(readLimitMessage(message)).toEqual({ action: 'share', retryAfterSeconds: 720 });
  });

  it('reads no other message as a limit', () => {
    expect(readLimitMessage('limit.unknown:12')).toBeNull();
    expect(readLimitMessage('rules.flood:12')).toBeNull();
    expect(readLimitMessage('limit.share:')).toBeNull();
    expect(readLimitMessage(undefined)).toBeNull();
  });

  it('says when to try again, in French and in English', () => {
    expect(limitText('fr', 'share', 720)).toBe(
      'Vous avez partagé beaucoup de souvenirs en peu de temps. Réessayez dans 12 minutes ; votre texte est conservé ci-dessous.',
    );
    expect(limitText('en', 'candle', 45)).toBe('Many candles lit in a short time. Try again in 45 seconds.');
    expect(limitText('fr', 'login', 900)).toBe(
      'Trop de tentatives de connexion depuis cette adresse. Réessayez dans 15 minutes.',
    );
  });

  it('is one notice, like a flood, with the seconds for Retry-After; a duplicate has none', () => {
    expect(refusalNotice('fr', 'limit.comment:125')).toEqual({
      text: 'Vous avez envoyé beaucoup de commentaires en peu de temps. Réessayez dans 3 minutes ; votre texte est conservé ci-dessous.',
      retryAfterSeconds: 125,
    });
    expect(refusalNotice('fr', 'rules.flood:12')?.retryAfterSeconds).toBe(12);
    expect(refusalNotice('en', 'rules.duplicate')?.retryAfterSeconds).toBeNull();
    expect(refusalNotice('fr', 'error.generic')).toBeNull();
  });

  it('answers 429 with Retry-After in whole seconds', () => {
    const response = { status: 200, headers: new Headers() };
    answerTooMany(response, 12.2);
    expect(response.status).toBe(429);
    expect(response.headers.get('Retry-After')).toBe('13');
  });
});

describe('the visitor’s address', () => {
  it('is the socket’s peer unless proxies are trusted', () => {
    expect(clientAddress('10.0.0.1', '203.0.113.9', 0)).toBe('10.0.0.1');
    expect(clientAddress('10.0.0.1', null, 1)).toBe('10.0.0.1');
  });

  it('behind n trusted proxies, is the n-th entry from the end: what the client wrote further left is ignored', () => {
    expect(clientAddress('127.0.0.1', '203.0.113.9', 1)).toBe('203.0.113.9');
    expect(clientAddress('127.0.0.1', '6.6.6.6, 203.0.113.9', 1)).toBe('203.0.113.9');
    expect(clientAddress('127.0.0.1', '6.6.6.6, 203.0.113.9, 10.0.0.2', 2)).toBe('203.0.113.9');
  });

  it('falls back to the socket’s peer when the header is shorter than the chain of proxies', () => {
    expect(clientAddress('127.0.0.1', '203.0.113.9', 2)).toBe('127.0.0.1');
  });

  it('reads TRUST_PROXY as a small number of proxies, anything else as none', () => {
    expect(parseTrustedProxies(undefined)).toBe(0);
    expect(parseTrustedProxies('1')).toBe(1);
    expect(parseTrustedProxies('0')).toBe(0);
    expect(parseTrustedProxies('yes')).toBe(0);
    expect(parseTrustedProxies('99')).toBe(0);
  });
});

describe('budgets and the report threshold in the settings', () => {
  it('default to DEFAULT_BUDGETS and 3 reporters', () => {
    const settings = readDiscussionSettings(undefined);
    expect(settings.rateBudgets).toEqual(DEFAULT_BUDGETS);
    expect(settings.reportThreshold).toBe(3);
  });

  it('keep each stored budget that fits and take the default for the others', () => {
    const settings = readDiscussionSettings({
      rateBudgets: {
        share: { limit: 2, windowSeconds: 600 },
        comment: { limit: -1, windowSeconds: 60 },
        candle: { limit: 5, windowSeconds: 90 },
      },
      reportThreshold: 0,
    });
    expect(settings.rateBudgets.share).toEqual({ limit: 2, windowSeconds: 600 });
    expect(settings.rateBudgets.comment).toEqual(DEFAULT_BUDGETS.comment);
    // Windows are whole minutes.
    expect(settings.rateBudgets.candle).toEqual(DEFAULT_BUDGETS.candle);
    expect(settings.reportThreshold).toBe(3);
  });

  it('name budgets and a threshold outside the limits', () => {
    const budgets = { ...DEFAULT_BUDGETS, login: { limit: 5, windowSeconds: 2 * 86_400 } };
    expect(
      invalidSettingFields({ ...DEFAULT_DISCUSSION_SETTINGS, rateBudgets: budgets, reportThreshold: 101 }),
    ).toEqual(['rateBudgets', 'reportThreshold']);
  });
});

describe('a report’s note', () => {
  it('is plain text: trimmed, line breaks unified, invisible controls dropped', () => {
    expect(plainNote('  Son adresse\r\nest là\u0007  ')).toBe('Son adresse\nest là');
    expect(plainNote('   ')).toBeNull();
    expect(plainNote(null)).toBeNull();
    expect(plainNote('<b>pas du HTML</b>')).toBe('<b>pas du HTML</b>');
  });
});

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
        'Vous avez envoyé beaucoup de signalements en peu de temps. Réessayez dans 10 minutes ; votre précision est conservée.',
      values: { reason: 'spam', note: 'pub' },
    });
    expect(state.retryAfterSeconds).toBe(600);
    expect(
      reportPageState('fr', { error: { message: 'report.error.reason' }, submitted: {}, answerParam: null }).error
        ?.message,
    ).toBe('Choisissez une raison.');
  });
});
