export const HEARTBEAT_MS = 15_000;
/** How long a browser waits before reconnecting (after a server restart, say). */
export const RETRY_MS = 2_000;
/** The delay a screen waits before reconnecting when this process stops (another one answers). */
export const STOP_RETRY_MS = 500;

export interface EventStreamOptions {
  signal: AbortSignal;
  heartbeatMs?: number | undefined;
  /**
   * Subscribes the stream to its live events, sending each with `send`; `endForStop` ends it when
   * the server stops. Answers its unsubscribe.
   */
  follow: (send: (text: string) => void, endForStop: () => void) => () => void;
  /** What the stream sends first, after its `retry:` delay: what the screen missed, the state now. */
  opening: (send: (text: string) => void) => Promise<void>;
  /** The log line's start when `opening` fails, `[screen] could not …`. */
  failure: string;
}

/**
 * A `text/event-stream` body for one screen: the `retry:` delay, its opening, then live events
 * and a comment every 15 s so proxies keep the connection open. Everything it holds is released
 * when the client goes away, or at once when the server stops (with a short `retry:` so the
 * screen reconnects to another process).
 */
export function eventStream(options: EventStreamOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let stop = () => {};
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      const send = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop();
        }
      };
      const endForStop = () => {
        send(`retry: ${STOP_RETRY_MS}\n\n`);
        stop();
      };
      const unfollow = options.follow(send, endForStop);
      const heartbeat = setInterval(() => send(': ping\n\n'), options.heartbeatMs ?? HEARTBEAT_MS);
      stop = () => {
        if (!open) return;
        open = false;
        unfollow();
        clearInterval(heartbeat);
        options.signal.removeEventListener('abort', stop);
        try {
          controller.close();
        } catch {
          // Already closed by the consumer.
        }
      };
      options.signal.addEventListener('abort', stop);
      if (options.signal.aborted) return stop();
      send(`retry: ${RETRY_MS}\n\n`);
      try {
        await options.opening(send);
      } catch (error) {
        console.error(`${options.failure}:`, (error as Error).message);
      }
    },
    cancel() {
      stop();
    },
  });
}
