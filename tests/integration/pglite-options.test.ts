import { it, expect } from 'vitest';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
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
