import { describe, it, expect } from 'vitest';
import { readRefusalMessage, refusalMessage, RuleRefusal } from '../../src/lib/rules/refusal.ts';

describe('refusal messages', () => {
  it('carries the wait of a flood refusal to the page', () => {
    expect(refusalMessage(new RuleRefusal('flood', 12))).toBe('rules.flood:12');
    expect(readRefusalMessage('rules.flood:12')).toEqual({ key: 'rules.flood', retryAfterSeconds: 12 });
    expect(readRefusalMessage('rules.flood:1')?.retryAfterSeconds).toBe(1);
    expect(readRefusalMessage(refusalMessage(new RuleRefusal('duplicate')))?.key).toBe('rules.duplicate');
    expect(readRefusalMessage('error.generic')).toBeNull();
    expect(readRefusalMessage(undefined)).toBeNull();
  });
});
