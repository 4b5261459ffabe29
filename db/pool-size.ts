/** PostgreSQL connections one process may hold when `DATABASE_POOL_SIZE` is not set. */
export const DEFAULT_POOL_SIZE = 10;

/**
 * Reads `DATABASE_POOL_SIZE`. A busy day (many candles and shares at once) queues requests for a
 * connection, and past the pool's wait they are answered 503: an operator whose PostgreSQL allows
 * more connections can raise it. Anything but a whole number from 1 to 200 is refused at start,
 * with the reason, rather than silently replaced.
 */
export function parsePoolSize(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_POOL_SIZE;
  const size = /^\d{1,3}$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!(size >= 1 && size <= 200)) {
    throw new Error(`DATABASE_POOL_SIZE must be a whole number from 1 to 200 (got "${value}").`);
  }
  return size;
}
