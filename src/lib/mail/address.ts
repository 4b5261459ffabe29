import { createHash } from 'node:crypto';

/** The form an address is compared in: `Camille@Example.org ` and `camille@example.org` are one person. */
export function normaliseAddress(address: string): string {
  return address.trim().toLowerCase();
}

/** The key the per-address budget is counted under: never the address itself. */
export function addressHash(address: string): string {
  return createHash('sha256').update(normaliseAddress(address)).digest('hex');
}

/**
 * An address as a list shows it: enough for an admin to tell two apart (`c•••e@e•••.org`),
 * not enough to copy one out of a screenshot.
 */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '•••';
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const shownLocal = local.length <= 2 ? `${local[0]}•••` : `${local[0]}•••${local[local.length - 1]}`;
  const shownDomain = dot > 0 ? `${domain[0]}•••${domain.slice(dot)}` : '•••';
  return `${shownLocal}@${shownDomain}`;
}
