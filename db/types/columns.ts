import type { ColumnType } from 'kysely';

/** A timestamp the database sets on insert (`default now()`), which a caller may also give. */
export type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
