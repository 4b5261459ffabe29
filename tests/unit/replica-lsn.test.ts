import { describe, it, expect } from 'vitest';
import { formatLsn, parseLsn } from '../../src/lib/replica/lsn.ts';

describe('parseLsn and formatLsn', () => {
  it('reads PostgreSQL’s two hexadecimal halves as one ordered number, and writes them back', () => {
    expect(parseLsn('0/3000060')).toBe(0x3000060n);
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) | 0xb374d848n);
    expect(parseLsn('1/0')! > parseLsn('0/FFFFFFFF')!).toBe(true);
    expect(formatLsn(parseLsn('16/B374D848')!)).toBe('16/B374D848');
  });

  it('refuses anything else, as a cookie may carry', () => {
    for (const text of ['', '0/', '/1', '0/3000060;', '123456789/0', 'G/1', '0/1 ', null, undefined])
      expect(parseLsn(text)).toBeNull();
  });
});
