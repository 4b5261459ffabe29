/**
 * `npm run mail:catch`: a local SMTP server that prints every message it receives, to try email
 * without a real mail server. Start it, then the site with
 * `SMTP_URL=smtp://dev:dev@127.0.0.1:2525 npm start` (any user and password are accepted).
 * Port: MAIL_CATCH_PORT, 2525 by default. Development only: it keeps nothing and sends nothing on.
 */
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

const port = Number(process.env.MAIL_CATCH_PORT || 2525);
const server = new SMTPServer({
  authOptional: true,
  allowInsecureAuth: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onAuth: (auth, _session, callback) => callback(null, { user: auth.username }),
  onData(stream, session, callback) {
    simpleParser(stream).then(
      (mail) => {
        const to = session.envelope.rcptTo.map((r) => r.address).join(', ');
        // As sent (unfolded): mailparser's parsed headers gather every `List-*` under one `list` key.
        const headers = mail.headerLines
          .filter(({ key }) => key === 'list-unsubscribe' || key === 'list-unsubscribe-post')
          .map(({ line }) => line.replace(/\r?\n[ \t]+/g, ' '));
        console.log(
          [
            '─'.repeat(72),
            `To: ${to}`,
            `Subject: ${mail.subject ?? ''}`,
            `Message-ID: ${mail.messageId ?? ''}`,
            ...headers,
            '',
            mail.text ?? '',
          ].join('\n'),
        );
        callback();
      },
      (error: Error) => callback(error),
    );
  },
});
server.listen(port, '127.0.0.1', () => {
  console.log(`Catching email on smtp://127.0.0.1:${port} — start the site with:`);
  console.log(`  SMTP_URL=smtp://dev:dev@127.0.0.1:${port} npm start`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
