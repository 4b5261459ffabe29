import { describe, it, expect } from 'vitest';
import { statusClass } from '../../scripts/lib/metrics.ts';

describe('the status class of a request in the metrics', () => {
  it('is the hundreds of an answer, and `aborted` for a visitor gone before any answer', () => {
    expect([200, 304, 404, 503, 101].map(statusClass)).toEqual(['2xx', '3xx', '4xx', '5xx', '1xx']);
    expect(statusClass(0)).toBe('aborted');
  });
});
