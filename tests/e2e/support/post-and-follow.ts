/**
 * Posts a form as a browser would and follows its 303 (Post/Redirect/Get) with the cookies the
 * answer set: the thank-you page shows the private link only to the browser holding its cookie.
 * Returns the final status and HTML (the form itself when it was refused).
 */
export async function postAndFollow(
  origin: string,
  path: string,
  fields: Record<string, string>,
  signal?: AbortSignal,
): Promise<{ status: number; text: string; location: string | null }> {
  const res = await fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { origin },
    body: new URLSearchParams(fields),
    redirect: 'manual',
    ...(signal ? { signal } : {}),
  });
  const location = res.headers.get('location');
  if (res.status !== 303 || !location) return { status: res.status, text: await res.text(), location: null };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';', 1)[0])
    .join('; ');
  const next = await fetch(new URL(location, origin), { headers: { cookie }, ...(signal ? { signal } : {}) });
  return { status: next.status, text: await next.text(), location };
}
