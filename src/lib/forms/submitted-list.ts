/**
 * Every value of one repeated field of a form POST (ticked checkboxes), so a page can tick
 * them again after a refusal. An unreadable body gives an empty list rather than an error page.
 */
export async function readSubmittedList(request: Request, field: string, max = 200): Promise<string[]> {
  if (request.method !== 'POST') return [];
  try {
    const form = await request.clone().formData();
    return form
      .getAll(field)
      .filter((v): v is string => typeof v === 'string')
      .slice(0, max);
  } catch {
    return [];
  }
}
