import { defineAction } from 'astro:actions';
import type { ActionClient } from 'astro:actions';
import type { z } from 'astro/zod';

// Astro does not export its ActionHandler type: read it off defineAction, so the handler is typed
// exactly as defineAction would type it.
type FormHandler<Input extends z.ZodType, Output> = Parameters<
  typeof defineAction<Output, 'form', Input>
>[0]['handler'];

/**
 * An Action that takes a posted form: `input` validates its fields (a form with none passes
 * `z.object({})`), `handler` answers. Every Action but the JSON preview is one; the type is
 * defineAction's own, so `Astro.getActionResult` and `isInputError` read it unchanged.
 */
export function formAction<Input extends z.ZodType, Output>(
  input: Input,
  handler: FormHandler<Input, Output>,
): ActionClient<Output, 'form', Input> & string {
  return defineAction({ accept: 'form', input, handler });
}
