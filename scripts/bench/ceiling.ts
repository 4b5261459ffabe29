/**
 * The ceiling: a bare `node:http` server answering every request with the bytes and headers the
 * front cache answered for the wall (read from the file named by the first argument). Nothing a
 * Node server does per request can cost less, so the cached wall is measured against it.
 * Prints `listening <port>` once ready.
 */
import fs from 'node:fs';
import http from 'node:http';

interface CapturedAnswer {
  headers: Record<string, string | string[]>;
  body: string;
}

const captured = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as CapturedAnswer;
const body = Buffer.from(captured.body, 'base64');
// Node writes its own connection headers and date, as it does for the real server.
const { connection: _c, 'keep-alive': _k, date: _d, ...kept } = captured.headers;
const headers = { ...kept, 'content-length': String(body.length) };

const server = http.createServer((_req, res) => {
  res.writeHead(200, headers);
  res.end(body);
});
server.keepAliveTimeout = 5_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') process.stdout.write(`listening ${address.port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
