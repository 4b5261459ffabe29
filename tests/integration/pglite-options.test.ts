import { describe, it, expect } from 'vitest';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { createDb } from '../../db/index.ts';
import { describeEachDatabase } from '../helpers/databases.ts';

/** A bytea round trip through the engine's own codec (db/pglite-options.ts for PGlite). */
describeEachDatabase('bytea through the database', (t) => {
  async function roundTrip(bytes: Uint8Array): Promise<Uint8Array> {
    const { rows } = await sql<{ back: Uint8Array }>`select ${bytes}::bytea as back`.execute(t.db);
    return rows[0]!.back;
  }

  it('gives back every byte value, in order', async () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(Buffer.from(await roundTrip(all)).equals(Buffer.from(all))).toBe(true);
  });

  it('gives back empty bytes as empty', async () => {
    expect((await roundTrip(new Uint8Array(0))).length).toBe(0);
  });

  it('gives back a view into a larger buffer as the view only', async () => {
    const whole = randomBytes(64);
    const view = new Uint8Array(whole.buffer, whole.byteOffset + 10, 20);
    expect(Buffer.from(await roundTrip(view)).equals(whole.subarray(10, 30))).toBe(true);
  });

  it('stores and reads back a photo-sized value (2 MB) unchanged, as a Buffer', async () => {
    const photo = randomBytes(2 * 1024 * 1024);
    const back = await roundTrip(photo);
    expect(Buffer.isBuffer(back)).toBe(true);
    expect(Buffer.from(back).equals(photo)).toBe(true);
  });
});

describe('PGlite memory settings', () => {
  it('opens PGlite with small shared buffers and maintenance memory (its WebAssembly memory never shrinks)', async () => {
    const handle = await createDb({ dataDir: 'memory://' });
    try {
      const { rows } = await sql<{ name: string; setting: string; unit: string }>`
        select name, setting, unit from pg_settings
        where name in ('shared_buffers', 'maintenance_work_mem') order by name
      `.execute(handle.db);
      expect(rows).toEqual([
        { name: 'maintenance_work_mem', setting: String(16 * 1024), unit: 'kB' },
        { name: 'shared_buffers', setting: String((16 * 1024) / 8), unit: '8kB' },
      ]);
    } finally {
      await handle.close();
    }
  });
});
