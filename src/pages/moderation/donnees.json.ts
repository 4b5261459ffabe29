import type { APIRoute } from 'astro';
import { requireAdminPage } from '../../lib/auth/guard.ts';
import { getRuntime } from '../../lib/runtime.ts';
import { localeFromPath, localizedPath } from '../../lib/i18n/index.ts';
import { emailDataDocument, lookUpEmailData } from '../../lib/privacy/email-data.ts';
import { emailInput } from '../../actions/privacy-schema.ts';

/**
 * POST /moderation/donnees.json (admins): everything stored under one address, as a JSON file to
 * hand to the person who asked. A POST, so the address travels in the body, never in a URL that
 * logs and histories keep; the download is logged by the address's keyed hash.
 */
export const POST: APIRoute = async (context) => {
  const user = await requireAdminPage(context);
  if (user instanceof Response) return user;
  const form = await context.request.formData().catch(() => null);
  const parsed = emailInput.safeParse({ email: form?.get('email') });
  const back = localizedPath(localeFromPath(String(form?.get('from') ?? '')), '/moderation/donnees');
  if (!parsed.success) return context.redirect(back, 303);

  const runtime = await getRuntime();
  const now = new Date();
  const data = await lookUpEmailData(runtime.handle.db, {
    email: parsed.data.email,
    secret: runtime.ipHashSecret,
    actor: { id: user.id, label: user.username },
    action: 'data.export',
  });
  return new Response(emailDataDocument(parsed.data.email, data, now), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="donnees-${now.toISOString().slice(0, 10)}.json"`,
      'cache-control': 'no-store',
    },
  });
};

export const GET: APIRoute = (context) => context.redirect('/moderation/donnees', 303);
