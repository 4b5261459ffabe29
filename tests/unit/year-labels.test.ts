import { describe, expect, it } from 'vitest';
import { labelledYears, labelStep } from '../../src/components/wall/year-labels.ts';

const sorted = (years: Set<number>) => [...years].sort((a, b) => a - b);

describe('the years the chart labels', () => {
  it('labels the first and the last year, and the round ones that stand clear of them', () => {
    // 1970–2026 on 640 units: 11.2 units a year.
    const step = 640 / 57;
    expect(sorted(labelledYears(1970, 2026, step, 50))).toEqual([
      1970, 1980, 1985, 1990, 1995, 2000, 2005, 2010, 2015, 2026,
    ]);
    // On a phone, twice as far apart, a subset of the wide screen's round years.
    expect(sorted(labelledYears(1970, 2026, step, 100, labelStep(step, 50)))).toEqual([1970, 1990, 2000, 2010, 2026]);
  });

  it('labels every year when they fit, and a single year once', () => {
    expect(sorted(labelledYears(2010, 2015, 640 / 6, 50))).toEqual([2010, 2011, 2012, 2013, 2014, 2015]);
    expect(sorted(labelledYears(2015, 2015, 640, 50))).toEqual([2015]);
  });

  it('keeps labels apart on a century of years: never two closer than the gap', () => {
    const step = 640 / 162; // 1865–2026
    for (const gap of [50, 100]) {
      const years = sorted(labelledYears(1865, 2026, step, gap));
      expect(years[0]).toBe(1865);
      expect(years.at(-1)).toBe(2026);
      for (let i = 1; i < years.length; i++) expect((years[i]! - years[i - 1]!) * step).toBeGreaterThanOrEqual(gap);
    }
  });
});
