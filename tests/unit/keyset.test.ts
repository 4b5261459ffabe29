import { describe, it, expect } from 'vitest';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import type { Database } from '../../db/types.ts';
import { keyset, keysetPage } from '../../src/lib/pagination/keyset.ts';
import { decodeKeysetCursor } from '../../src/lib/pagination/keyset-cursor.ts';

// Compiles queries without a database: the helper's SQL is what these tests read.
const db = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

describe('keyset', () => {
  it('orders by time then id and reads one row more than the page', () => {
    const query = db
      .selectFrom('souvenir')
      .select('id')
      .$call(keyset({ at: 'approved_at', id: 'id', direction: 'desc', limit: 20 }))
      .compile();
    // The limit is written in the statement: a kept plan knows it (db/prepared-statements.ts).
    expect(query.sql).toBe('select "id" from "souvenir" order by "approved_at" desc, "id" desc limit 21');
    expect(query.parameters).toEqual([]);
    expect(() =>
      keyset({ at: 'approved_at', id: 'id', direction: 'desc', limit: 2.5 })(db.selectFrom('souvenir')),
    ).toThrow(RangeError);
  });

  it('starts after the cursor, in the direction of the list', () => {
    const cursor = { at: new Date('2026-11-25T10:00:00Z'), id: 7 };
    const asc = db
      .selectFrom('comment as c')
      .select('c.id')
      .$call(keyset({ at: 'c.created_at', id: 'c.id', direction: 'asc', cursor, limit: 2 }))
      .compile();
    expect(asc.sql).toBe(
      'select "c"."id" from "comment" as "c" where ("c"."created_at", "c"."id") > ($1, $2) order by "c"."created_at" asc, "c"."id" asc limit 3',
    );
    expect(asc.parameters).toEqual([cursor.at, 7]);
    const desc = db
      .selectFrom('souvenir')
      .select('id')
      .$call(keyset({ at: 'created_at', id: 'id', direction: 'desc', cursor, limit: 2 }))
      .compile();
    expect(desc.sql).toContain('("created_at", "id") < ($1, $2)');
  });
});

describe('keysetPage', () => {
  const rows = [1, 2, 3].map((id) => ({ id, at: new Date(Date.UTC(2026, 10, id)) }));

  it('keeps the page and gives the cursor of its last row when a row lies beyond', () => {
    const page = keysetPage(rows, 2, (r) => r);
    expect(page.items.map((r) => r.id)).toEqual([1, 2]);
    expect(decodeKeysetCursor(page.next)).toEqual({ at: rows[1]!.at, id: 2 });
  });

  it('has no next page when nothing lies beyond, or when the last row has no time', () => {
    expect(keysetPage(rows, 3, (r) => r).next).toBeNull();
    expect(keysetPage(rows, 2, (r) => ({ at: null, id: r.id })).next).toBeNull();
  });
});
