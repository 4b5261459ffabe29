/**
 * An unexpected failure as a log line says it: its kind, its message and where it was thrown,
 * with nothing a visitor typed. A database error carries the failed row (`detail`: "Failing row
 * contains (…)"), and PGlite's the statement and its parameters: a share's email, name, text and
 * private link. So only the fields that name what failed are kept, and its message is scrubbed of
 * what could be a value (an email, a token, a quoted value that is not a name).
 */

const EMAIL = /[^\s"'<>()@,;:]+@[^\s"'<>()@,;:]+/g;
/** Unguessable tokens (private links, session ids) are long runs of URL-safe characters; names of tables and constraints are lower case. */
const TOKEN = /[A-Za-z0-9_-]{20,}/g;
const LOWER_NAME = /^[a-z_]+$/;
/** PostgreSQL quotes both names (constraints, types) and values; a name is kept. */
const QUOTED = /"([^"]*)"/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_.]{0,62}$/;

/** What a message of an error may say in a log line. */
export function scrubbed(message: string): string {
  return message
    .replace(QUOTED, (whole, inner: string) => (NAME.test(inner) ? whole : '"…"'))
    .replace(EMAIL, '[email]')
    .replace(TOKEN, (run) => (LOWER_NAME.test(run) ? run : '[token]'))
    .slice(0, 500);
}

/** The failure for a log line: name, code, table, constraint, scrubbed message, and the stack's frames only. */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return `non-error thrown (${typeof error})`;
  const { code, table, constraint } = error as Error & { code?: unknown; table?: unknown; constraint?: unknown };
  const facts = [
    typeof code === 'string' ? `code ${code}` : null,
    typeof table === 'string' ? `table ${table}` : null,
    typeof constraint === 'string' ? `constraint ${constraint}` : null,
  ].filter(Boolean);
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 8)
    .map((line) => scrubbed(line));
  const head = `${error.name}: ${scrubbed(error.message)}${facts.length ? ` (${facts.join(', ')})` : ''}`;
  return [head, ...frames].join('\n');
}
