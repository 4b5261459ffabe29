/** Backoff of the page's own reconnections, when the browser has given up on the stream. */
const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 30_000;

export interface LiveStreamOptions {
  /** The stream's address, asked again at each reconnection (a screen's position moves on). */
  url: () => string;
  /** A handler per event name. */
  events: Record<string, (event: MessageEvent<string>) => void>;
  /** Where the page says it is reconnecting (a polite status), if anywhere. */
  status: HTMLElement | null;
  reconnecting: string;
}

/**
 * An event stream that stays open. The browser reconnects by itself after a dropped connection
 * (the server sends `retry:`), with Last-Event-ID so that the server replays what changed
 * meanwhile; but it gives up for good on a non-200 answer (a 502 from a proxy during a restart).
 * Then this opens a new stream itself, with backoff, and the page says it is reconnecting.
 */
export function keepStreamOpen(options: LiveStreamOptions): void {
  let delay = RETRY_MIN_MS;
  let reopen: ReturnType<typeof setTimeout> | null = null;
  const connect = () => {
    reopen = null;
    const source = new EventSource(options.url());
    for (const [name, handle] of Object.entries(options.events)) {
      source.addEventListener(name, (event) => handle(event as MessageEvent<string>));
    }
    source.addEventListener('open', () => {
      delay = RETRY_MIN_MS;
      if (options.status) options.status.textContent = '';
    });
    source.addEventListener('error', () => {
      if (options.status) options.status.textContent = options.reconnecting;
      if (source.readyState !== EventSource.CLOSED || reopen) return;
      reopen = setTimeout(connect, delay);
      delay = Math.min(delay * 2, RETRY_MAX_MS);
    });
  };
  connect();
}
