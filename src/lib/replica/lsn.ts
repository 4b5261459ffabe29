/**
 * A PostgreSQL write-ahead-log position as PostgreSQL prints it (`16/B374D848`: two hexadecimal
 * halves of a 64-bit number), or null when the text is not one — a cookie is visitor input.
 */
export function parseLsn(text: string | null | undefined): bigint | null {
  const match = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text ?? '');
  if (!match) return null;
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

/** The position back in PostgreSQL's notation. */
export function formatLsn(lsn: bigint): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}
