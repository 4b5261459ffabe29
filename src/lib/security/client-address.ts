import { hashIp } from '../privacy/ip-hash.ts';

/**
 * The visitor's address. Without trusted proxies (the default) it is the socket's peer, which no
 * client can forge. Behind `trustedProxies` proxies (TRUST_PROXY=n) each one appends the address
 * it received the request from to X-Forwarded-For, so the visitor is the n-th entry from the
 * end; entries further left were written by the client and are ignored. A header shorter than
 * the configured chain means a proxy is missing: the socket's peer is used rather than a guess.
 */
export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | null,
  trustedProxies: number,
): string | undefined {
  if (trustedProxies <= 0 || !forwardedFor) return socketAddress;
  const hops = forwardedFor
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  return hops.length >= trustedProxies ? hops[hops.length - trustedProxies] : socketAddress;
}

/** TRUST_PROXY: how many proxies in front of the server append to X-Forwarded-For (0 when unset or not a small whole number). */
export function parseTrustedProxies(value: string | undefined): number {
  if (!value) return 0;
  const n = Number(value);
  if (Number.isInteger(n) && n >= 0 && n <= 10) return n;
  console.warn(`[runtime] TRUST_PROXY=${value} is not a number of proxies (0 to 10): X-Forwarded-For is ignored.`);
  return 0;
}

interface VisitorRequest {
  clientAddress: string;
  request: Request;
}

/** The keyed hash that stands for the visitor in rate limits, flood checks, candles and reports. */
export function visitorIpHash(
  runtime: { ipHashSecret: string; trustedProxies: number },
  context: VisitorRequest,
): string | null {
  const forwarded = runtime.trustedProxies > 0 ? context.request.headers.get('x-forwarded-for') : null;
  return hashIp(runtime.ipHashSecret, clientAddress(context.clientAddress, forwarded, runtime.trustedProxies));
}
