import { describeFailure } from '../../lib/ops/failure.ts';
import type { APIRoute } from 'astro';
import { requireAdminPage } from '../../lib/auth/guard.ts';
import { getDb } from '../../lib/runtime.ts';
import { archiveChunks, EXPORT_FORMATS, exportFileName } from '../../lib/export/archive.ts';
import type { ExportFormat } from '../../lib/export/archive.ts';

const TYPES: Record<ExportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

/** /moderation/export.json and /moderation/export.csv: the archive, for admins, streamed. */
export const GET: APIRoute = async (context) => {
  const format = context.params.format as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) return context.rewrite('/404');
  const user = await requireAdminPage(context);
  if (user instanceof Response) return user;

  const db = await getDb();
  const chunks = archiveChunks(db, format);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        console.error(`[export] failed midway: ${describeFailure(error)}`);
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      'content-type': TYPES[format],
      'content-disposition': `attachment; filename="${exportFileName(format)}"`,
      'cache-control': 'private, no-store',
    },
  });
};
