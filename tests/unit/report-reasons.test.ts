import { describe, it, expect } from 'vitest';
import { plainNote } from '../../src/lib/reports/reasons.ts';

describe('a report’s note', () => {
  it('is plain text: trimmed, line breaks unified, invisible controls dropped', () => {
    expect(plainNote('  Son adresse\r\nest là\u0007  ')).toBe('Son adresse\nest là');
    expect(plainNote('   ')).toBeNull();
    expect(plainNote(null)).toBeNull();
    expect(plainNote('<b>pas du HTML</b>')).toBe('<b>pas du HTML</b>');
  });
});
