import { PGlite } from '@electric-sql/pglite';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';

/** PostgreSQL's type id of `bytea`. */
const BYTEA_OID = 17;

/** The extensions every PGlite of ours loads (search's text configurations unaccent through it, migration 300). */
export const PGLITE_EXTENSIONS = { unaccent };

/**
 * How bytea travels between JavaScript and PGlite, for every PGlite of ours (the server's, the
 * tests', a backup's check). PGlite 0.5's own codec writes a photo's bytes through an array of one
 * string per byte (`Array.from(bytes).map(toHex).join('')`) and reads them back one `parseInt`
 * per byte: measured here, staging one photo's variants (1.1 MB) took 0.6–1.2 s and swung the
 * JavaScript heap by up to 200 MB, so twenty uploads at once took the server past 1.7 GB
 * (issue 16). Node's own hex codec does the same in one native pass and one string.
 */
export const PGLITE_BYTEA_CODEC = {
  serializers: {
    [BYTEA_OID]: (value: Uint8Array) =>
      `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`,
  },
  parsers: { [BYTEA_OID]: (text: string) => Buffer.from(text.slice(2), 'hex') },
};

/**
 * PostgreSQL's memory settings inside PGlite's WebAssembly memory, which grows to whatever was
 * touched once and never gives it back (issue 16). PGlite 0.5 starts with PostgreSQL's 128 MB of
 * shared buffers and 64 MB of maintenance memory: a fresh server that had run the migrations held
 * 154 MB of WebAssembly memory before its first request, 32 MB with these; with a seeded database
 * the server's RSS before 20 uploads at once went from 436 to 304 MB. The data files are read through the
 * operating system's page cache, which is shared and not this process's memory, so a small
 * buffer pool costs a copy, not a disk read.
 */
const MEMORY_SETTINGS = ['shared_buffers=16MB', 'maintenance_work_mem=16MB'];

/** PGlite's own start parameters, then our memory settings. */
export const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, ...MEMORY_SETTINGS.flatMap((s) => ['-c', s])];

/** What every PGlite of ours is opened with. */
export const PGLITE_OPTIONS = {
  extensions: PGLITE_EXTENSIONS,
  ...PGLITE_BYTEA_CODEC,
  startParams: PGLITE_START_PARAMS,
};
