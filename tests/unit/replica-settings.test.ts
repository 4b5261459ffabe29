import { describe, it, expect, vi } from 'vitest';
import { describeDatabaseUrl, parseMaxLag, replicaUrlOf } from '../../src/lib/replica/open-read-router.ts';
import { DEFAULT_MAX_LAG_MS } from '../../src/lib/replica/replica-monitor.ts';

describe('the replica settings', () => {
  it('reads REPLICA_MAX_LAG_MS as milliseconds, keeping the default (said once) for anything else', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(parseMaxLag(undefined)).toBe(DEFAULT_MAX_LAG_MS);
    expect(parseMaxLag('')).toBe(DEFAULT_MAX_LAG_MS);
    expect(parseMaxLag('2500')).toBe(2500);
    expect(parseMaxLag('2s')).toBe(DEFAULT_MAX_LAG_MS);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });

  it('takes DATABASE_REPLICA_URL only beside DATABASE_URL, and says it is ignored with the embedded database', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const replica = 'postgres://reader@db2:5432/mur';
    expect(replicaUrlOf({ DATABASE_URL: 'postgres://db1/mur', DATABASE_REPLICA_URL: replica })).toBe(replica);
    expect(replicaUrlOf({ DATABASE_URL: 'postgres://db1/mur' })).toBeUndefined();
    expect(warn).not.toHaveBeenCalled();
    expect(replicaUrlOf({ DATABASE_REPLICA_URL: replica })).toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('DATABASE_REPLICA_URL is ignored'));
    warn.mockRestore();
  });

  it('names a replica by host, port and database, never its password', () => {
    expect(describeDatabaseUrl('postgres://reader:s3cret@db2.example.org:5433/mur')).toBe('db2.example.org:5433/mur');
    expect(describeDatabaseUrl('not a url')).toBe('an unreadable URL');
  });
});
