import { describe, expect, it } from 'vitest';
import { z } from 'astro/zod';
import type { ActionAPIContext } from 'astro:actions';
import { formAction } from '../../src/actions/form-action.ts';

// orThrow runs the handler without Astro's request pipeline; this stands for the Action's context.
const context = { locals: {} } as unknown as ActionAPIContext;

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

describe('formAction', () => {
  const double = formAction(z.object({ n: z.coerce.number().int() }), (input) => ({ twice: input.n * 2 }));

  it('reads a posted form through its schema and answers what the handler returns', async () => {
    await expect(double.orThrow.call(context, form({ n: '21' }))).resolves.toEqual({ twice: 42 });
  });

  it('refuses a field its schema refuses as an input error, before the handler', async () => {
    await expect(double.orThrow.call(context, form({ n: 'vingt' }))).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('takes no JSON: a form Action answers anything but a form as an unsupported type', async () => {
    await expect(
      (double.orThrow as (input: unknown) => Promise<unknown>).call(context, { n: 21 }),
    ).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });
});
