import { describe, it, expect } from 'vitest';
import os from 'node:os';
import { workerCount } from '../../scripts/lib/workers.ts';

describe('how many serving processes npm start runs (issue 18)', () => {
  it('runs one per core on PostgreSQL unless WEB_CONCURRENCY says otherwise, and one on PGlite', () => {
    expect(workerCount('postgres', undefined)).toBe(os.availableParallelism());
    expect(workerCount('postgres', '3')).toBe(3);
    expect(workerCount('postgres', '1')).toBe(1);
    for (const nonsense of ['0', '-2', '1.5', 'many', '1000']) {
      expect(workerCount('postgres', nonsense)).toBe(os.availableParallelism());
    }
    expect(workerCount('pglite', '4')).toBe(1);
  });
});
