/** A signed-in session of the association's Bluesky account (com.atproto.server.createSession). */
export interface BlueskySession {
  did: string;
  accessJwt: string;
}

/** The parts of app.bsky.feed.defs#threadViewPost that asking and proving read. */
export interface BlueskyThread {
  post: {
    uri: string;
    cid: string;
    author: { did: string; handle: string };
    record: { text?: string; reply?: { root: { uri: string; cid: string } } };
  };
  replies?: BlueskyThread[];
}

function xrpc(base: string, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${base}/xrpc/${path}`, { ...init, redirect: 'error', signal: AbortSignal.timeout(20_000) });
}

export async function blueskySession(base: string, account: string, appPassword: string): Promise<BlueskySession> {
  const response = await xrpc(base, 'com.atproto.server.createSession', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier: account, password: appPassword }),
  });
  if (!response.ok) throw new Error(`sign-in: HTTP ${response.status}`);
  return (await response.json()) as BlueskySession;
}

/** A post and, to `depth`, the replies under it (app.bsky.feed.getPostThread). */
export async function blueskyThread(
  base: string,
  session: BlueskySession,
  uri: string,
  depth: number,
): Promise<BlueskyThread> {
  const query = new URLSearchParams({ uri, depth: String(depth), parentHeight: '0' });
  const response = await xrpc(base, `app.bsky.feed.getPostThread?${query}`, {
    headers: { authorization: `Bearer ${session.accessJwt}`, accept: 'application/json' },
  });
  if (!response.ok) throw new Error(`getPostThread: HTTP ${response.status}`);
  const body = (await response.json()) as { thread?: BlueskyThread };
  if (!body.thread?.post?.cid) throw new Error('getPostThread: no post');
  return body.thread;
}
