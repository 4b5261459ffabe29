import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { t } from '../../src/lib/i18n/index.ts';
import { missingSecurityHeaders } from '../../src/lib/security/headers.ts';
import type { SecurityHeaderOptions } from '../../src/lib/security/headers.ts';

/** The answer in flight on a keep-alive connection, as Node's own handler reads it (_http_server.js, socketOnError). */
type ServerSocket = Socket & { _httpMessage?: { _headerSent?: boolean } | null };

/**
 * What a request Node could not even parse is answered with (`clientError`): the status Node
 * would send (431 for an address or headers too long, 408 for one too slow, else 400), but with a
 * sentence, in French and in English since no page says which, and the security headers.
 * Node's own answer is a bare status line: a visitor who pasted an 18 kB link saw an empty page.
 */
export function answerClientError(options: SecurityHeaderOptions) {
  return (error: NodeJS.ErrnoException, socket: ServerSocket): void => {
    const code = error.code ?? '';
    // A visitor who left, or an answer already begun on this connection: nothing to answer (as Node).
    if (!socket.writable || code === 'ECONNRESET' || socket._httpMessage?._headerSent) {
      socket.destroy();
      return;
    }
    const status = code === 'HPE_HEADER_OVERFLOW' ? 431 : code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const key = status === 431 ? 'error.headersTooLarge' : status === 408 ? 'error.tooSlow' : 'error.badAddress';
    const body = Buffer.from(`${t('fr', key)}\n\n${t('en', key)}\n`);
    const headers: Array<[string, string]> = [
      ['content-type', 'text/plain; charset=utf-8'],
      ['cache-control', 'no-store'],
    ];
    const given = new Map(headers);
    headers.push(...missingSecurityHeaders((name) => given.get(name), options));
    const head = [`HTTP/1.1 ${status} ${STATUS_CODES[status]}`, ...headers.map(([n, v]) => `${n}: ${v}`)];
    head.push(`content-length: ${body.length}`, 'connection: close', '', '');
    socket.end(Buffer.concat([Buffer.from(head.join('\r\n'), 'latin1'), body]), () => socket.destroy());
  };
}
