import { describe, it, expect } from 'vitest';
import { csvCell, csvRow } from '../../src/lib/export/csv.ts';

describe('CSV cells', () => {
  it('quotes every text and doubles its quotes, keeping commas and line breaks inside the cell', () => {
    expect(csvCell('a "b", c\nd')).toBe('"a ""b"", c\nd"');
    expect(csvRow(['x', 1, null, true, ''])).toBe('"x",1,,true,""\r\n');
  });

  it('defuses formulas a spreadsheet would run', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      expect(csvCell(`${start}HYPERLINK("http://evil")`)).toBe(`"'${start}HYPERLINK(""http://evil"")"`);
    }
    expect(csvCell('1+1')).toBe('"1+1"');
  });
});
