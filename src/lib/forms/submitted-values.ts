/**
 * The text fields of a form POST, so a page can put back what the person typed after a refusal.
 * Files are ignored; an unreadable body gives an empty set rather than an error page.
 */
export async function readSubmittedValues(
  request: Request,
  /** Honeypots: never put back (the sharing form's is `website`). */
  omit: readonly string[] = ['website'],
): Promise<Record<string, string>> {
  if (request.method !== 'POST') return {};
  try {
    const form = await request.clone().formData();
    const values: Record<string, string> = {};
    for (const [key, value] of form) {
      if (typeof value === 'string' && !omit.includes(key)) values[key] = value.slice(0, 20_000);
    }
    return values;
  } catch (error) {
    console.warn('[forms] could not re-read a submitted form:', (error as Error).message);
    return {};
  }
}
