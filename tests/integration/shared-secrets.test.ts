import { it, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeEachDatabase } from '../helpers/databases.ts';
import { astroKey, newSecret, sharedSecret } from '../../src/lib/secrets/shared-secret.ts';
import { loadIpHashSecret } from '../../src/lib/privacy/ip-hash.ts';

describeEachDatabase('secrets every host shares (issue 18)', (t) => {
  it('lets exactly one of several hosts starting together choose the secret, and all of them read it', async () => {
    const values = await Promise.all(['a', 'b', 'c', 'd'].map((candidate) => sharedSecret(t.db, 'ip_hash', candidate)));
    expect(new Set(values).size).toBe(1);
    expect(await sharedSecret(t.db, 'ip_hash', 'later')).toBe(values[0]);
    expect(await t.db.selectFrom('app_secret').select('name').execute()).toEqual([{ name: 'ip_hash' }]);
  });

  it('makes an Astro key of 32 random bytes in base64, the same for every host, unless ASTRO_KEY is set', async () => {
    const first = await astroKey(t.db, undefined);
    expect(Buffer.from(first, 'base64')).toHaveLength(32);
    expect(await astroKey(t.db, undefined)).toBe(first);
    expect(await astroKey(t.db, 'from-the-environment')).toBe('from-the-environment');
    expect(newSecret('astro_key')).not.toBe(newSecret('astro_key'));
  });

  it('keeps the IP-hash secret in the database, carries over the file an older install made, and lets the environment override', async () => {
    const legacyRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'mur-legacy-'));
    try {
      fs.writeFileSync(path.join(legacyRoot, 'ip-hash-secret'), 'the-old-secret-from-a-file\n');
      expect(await loadIpHashSecret(t.db, undefined, legacyRoot)).toBe('the-old-secret-from-a-file');
      fs.rmSync(path.join(legacyRoot, 'ip-hash-secret'));
      expect(await loadIpHashSecret(t.db, undefined, legacyRoot)).toBe('the-old-secret-from-a-file');
      expect(await loadIpHashSecret(t.db, 'an-environment-secret-long-enough', legacyRoot)).toBe(
        'an-environment-secret-long-enough',
      );
      // Too short to be a real key: ignored, as before.
      expect(await loadIpHashSecret(t.db, 'short', legacyRoot)).toBe('the-old-secret-from-a-file');
    } finally {
      fs.rmSync(legacyRoot, { recursive: true, force: true });
    }
  });
});
