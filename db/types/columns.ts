import type { ColumnType } from 'kysely';

/** A timestamp the database sets on insert (`default now()`), which a caller may also give. */
export type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

/** A timestamp (`timestamptz`) the caller always gives: read as a Date, written as a Date or an ISO string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** The time something happened (approved, withdrawn, read…): null until it does, so an insert may leave it out. */
export type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
