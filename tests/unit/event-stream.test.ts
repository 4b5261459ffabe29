import { describe, it, expect, vi } from 'vitest';
import { eventStream, RETRY_MS, STOP_RETRY_MS } from '../../src/lib/wall/event-stream.ts';

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  let text = '';
  const decoder = new TextDecoder();
  for await (const chunk of stream) text += decoder.decode(chunk);
  return text;
}

/** A stream whose live events and stop the test triggers by hand. */
function followed() {
  let push: (text: string) => void = () => {};
  let end: () => void = () => {};
  const unfollow = vi.fn();
  const follow = (send: (text: string) => void, endForStop: () => void) => {
    push = send;
    end = endForStop;
    return unfollow;
  };
  return { follow, unfollow, push: (text: string) => push(text), end: () => end() };
}

describe('eventStream', () => {
  it('sends the retry delay, the opening, live events, then a short retry and closes when the server stops', async () => {
    const live = followed();
    const stream = eventStream({
      signal: new AbortController().signal,
      failure: '[test] could not open',
      follow: live.follow,
      opening: async (send) => send('event: hello\n\n'),
    });
    const text = readAll(stream);
    await new Promise((resolve) => setTimeout(resolve, 0));
    live.push('event: live\n\n');
    live.end();
    expect(await text).toBe(`retry: ${RETRY_MS}\n\nevent: hello\n\nevent: live\n\nretry: ${STOP_RETRY_MS}\n\n`);
    expect(live.unfollow).toHaveBeenCalledOnce();
  });

  it('logs a failed opening and keeps the stream for live events', async () => {
    const live = followed();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const stream = eventStream({
      signal: new AbortController().signal,
      failure: '[test] could not open',
      follow: live.follow,
      opening: async () => {
        throw new Error('database gone');
      },
    });
    const text = readAll(stream);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(error).toHaveBeenCalledWith('[test] could not open:', 'database gone');
    error.mockRestore();
    live.push('event: live\n\n');
    live.end();
    expect(await text).toContain('event: live');
  });

  it('releases everything when the client goes away, and sends heartbeats meanwhile', async () => {
    const live = followed();
    const abort = new AbortController();
    const reader = eventStream({
      signal: abort.signal,
      heartbeatMs: 5,
      failure: '[test] could not open',
      follow: live.follow,
      opening: async () => {},
    }).getReader();
    await reader.read();
    const decoder = new TextDecoder();
    expect(decoder.decode((await reader.read()).value)).toBe(': ping\n\n');
    abort.abort();
    expect(live.unfollow).toHaveBeenCalledOnce();
    expect((await reader.read()).done).toBe(true);
  });
});
