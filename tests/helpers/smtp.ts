import { afterAll, beforeAll, beforeEach } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { simpleParser } from 'mailparser';
import type { ParsedMail } from 'mailparser';

/** One message as the SMTP server received it: the envelope, the raw bytes and the parsed message. */
export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  parsed: ParsedMail;
}

export interface TestSmtp {
  /** `smtp://user:secret@127.0.0.1:port` (credentials checked, no TLS). */
  url: string;
  received: ReceivedMail[];
  /** The next `count` messages are answered with `code` (a 4xx: try again later; a 5xx: never). */
  refuseNext(count: number, code?: number): void;
  /** Resolves once `count` messages have arrived, or throws after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Forgets what was received and refuses nothing more (a test's fresh start). */
  reset(): void;
  close(): Promise<void>;
}

/**
 * A real SMTP server in the test's process (smtp-server), whose messages are parsed with
 * mailparser: what a sender puts on the wire is what the test reads. Not yet listening:
 * `listen()` gives it a free local port and sets its `url`.
 */
function testSmtpServer(): { smtp: TestSmtp; listen(): Promise<void> } {
  const received: ReceivedMail[] = [];
  let refusals: { count: number; code: number } = { count: 0, code: 451 };
  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'user' && auth.password === 'secret') callback(null, { user: 'user' });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (refusals.count > 0) {
          refusals = { ...refusals, count: refusals.count - 1 };
          const error = Object.assign(new Error('Try again later'), { responseCode: refusals.code });
          callback(error);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then(
          (parsed) => {
            received.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              raw,
              parsed,
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  const smtp: TestSmtp = {
    url: '',
    received,
    refuseNext(count, code = 451) {
      refusals = { count, code };
    },
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} message(s), got ${received.length}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return received;
    },
    reset() {
      received.length = 0;
      refusals = { count: 0, code: 451 };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const listen = async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    smtp.url = `smtp://user:secret@127.0.0.1:${(server.server.address() as { port: number }).port}`;
  };
  return { smtp, listen };
}

export async function startTestSmtp(): Promise<TestSmtp> {
  const { smtp, listen } = testSmtpServer();
  await listen();
  return smtp;
}

/** The test file's server: started before its first test, closed after its last, reset before each test. */
export function useTestSmtp(): TestSmtp {
  const { smtp, listen } = testSmtpServer();
  beforeAll(listen);
  afterAll(() => smtp.close());
  beforeEach(() => smtp.reset());
  return smtp;
}
