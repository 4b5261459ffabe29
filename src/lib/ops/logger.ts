import pino from 'pino';

/**
 * `,"time":"<ISO 8601>"` as pino's isoTime writes it, made once per millisecond: a busy server
 * writes several lines in the same millisecond, and formatting the date for each was 4 % of a
 * cached answer's CPU (issue 19).
 */
function isoTimeOncePerMillisecond(): () => string {
  let at = -1;
  let field = '';
  return () => {
    const now = Date.now();
    if (now !== at) {
      at = now;
      field = `,"time":"${new Date(now).toISOString()}"`;
    }
    return field;
  };
}

const options = {
  level: process.env.LOG_LEVEL || 'info',
  base: { pid: process.pid },
  timestamp: isoTimeOncePerMillisecond(),
};

// Written asynchronously, so that a line per request does not wait on the terminal or the pipe,
// and in batches of 4 kB or every quarter second: one write per line was ~0.4 ms of a share's
// CPU (issue 19). Whatever is buffered is written at exit (pino flushes on 'exit').
const destination = pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 250 });

/**
 * The server's structured log: one JSON object per line on stdout (pino), for a log shipper to
 * read. What goes in is chosen by each caller and never personal: routes rather than paths (a
 * path may carry a private link), no address, no email, no token. LOG_LEVEL sets the threshold
 * (`info` by default; `warn` silences the per-request lines).
 */
export const logger = pino(
  {
    ...options,
    // Nothing a caller passes by mistake under these names reaches the line.
    redact: { paths: ['email', 'ip', 'token', 'cookie', 'authorization', '*.email', '*.ip', '*.token'], remove: true },
  },
  destination,
);

/**
 * The access log's line per request (scripts/lib/request-log.ts), into the same stream. Its fields
 * are fixed there and are never personal (an id, a method, a route label, a status, a duration,
 * a size), so it skips the redaction walk, which cost as much as the rest of the line.
 */
export const accessLogger = pino(options, destination);
