import { actions } from 'astro:actions';
import { FORMAT_COMMANDS, SHORTCUTS, applyFormat, isLinkAddress } from './format-text.ts';
import type { FormatCommand, Formatted } from './format-text.ts';

/** Said to screen readers only once typing pauses, so the count is not read out at every key. */
const ANNOUNCE_AFTER_MS = 1500;
/** The count is announced only when this share of the limit or less is left. */
const ANNOUNCE_BELOW = 0.1;
const PREVIEW_AFTER_MS = 600;

function isCommand(value: string | undefined): value is FormatCommand {
  return (FORMAT_COMMANDS as readonly string[]).includes(value ?? '');
}

/** Puts `next` in the textarea as one undoable edit of the selection [start, end) where the browser allows it. */
function replaceSelection(textarea: HTMLTextAreaElement, start: number, end: number, next: Formatted): void {
  const insert = next.value.slice(start, next.value.length - (textarea.value.length - end));
  textarea.focus();
  textarea.setSelectionRange(start, end);
  // execCommand keeps Ctrl+Z working; setRangeText is the standard fallback.
  if (!document.execCommand?.('insertText', false, insert)) {
    textarea.setRangeText(insert, start, end, 'end');
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
  }
  textarea.setSelectionRange(next.selectionStart, next.selectionEnd);
}

function enhance(field: HTMLElement): void {
  const textarea = field.querySelector<HTMLTextAreaElement>('textarea');
  const bar = field.querySelector<HTMLElement>('[role=toolbar]');
  const status = field.querySelector<HTMLElement>('[data-format-status]');
  if (!textarea || !bar || !status) return;
  const max = textarea.maxLength;
  const say = (text: string) => {
    status.textContent = '';
    status.textContent = text;
  };

  const format = (command: FormatCommand) => {
    let href: string | undefined;
    if (command === 'link') {
      const answer = window.prompt(bar.dataset.linkPrompt ?? '', 'https://');
      if (answer === null) return textarea.focus();
      href = answer.trim();
      if (!isLinkAddress(href)) {
        say(bar.dataset.linkRefused ?? '');
        return textarea.focus();
      }
    }
    const { selectionStart: start, selectionEnd: end } = textarea;
    const next = applyFormat(textarea.value, start, end, command, href);
    if (max > 0 && next.value.length > max) {
      say(field.dataset.limitReached ?? '');
      return textarea.focus();
    }
    status.textContent = '';
    replaceSelection(textarea, start, end, next);
  };

  // A toolbar is one tab stop; the arrows move between its buttons (WAI-ARIA toolbar pattern).
  const buttons = [...bar.querySelectorAll<HTMLButtonElement>('button')];
  bar.addEventListener('click', (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button[data-format]');
    if (button && isCommand(button.dataset.format)) format(button.dataset.format);
  });
  bar.addEventListener('keydown', (event) => {
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) return;
    const moves: Record<string, number> = {
      ArrowRight: (index + 1) % buttons.length,
      ArrowLeft: (index - 1 + buttons.length) % buttons.length,
      Home: 0,
      End: buttons.length - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    buttons.forEach((b, i) => (b.tabIndex = i === target ? 0 : -1));
    buttons[target]!.focus();
  });
  textarea.addEventListener('keydown', (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
    const command = FORMAT_COMMANDS.find((c) => SHORTCUTS[c] === event.key.toLowerCase());
    if (!command) return;
    event.preventDefault();
    format(command);
  });
  bar.hidden = false;

  enhanceCounter(field, textarea, max);
  enhancePreview(field, textarea);
}

function enhanceCounter(field: HTMLElement, textarea: HTMLTextAreaElement, max: number): void {
  const shown = field.querySelector<HTMLElement>('[data-counter]');
  const spoken = field.querySelector<HTMLElement>('[data-counter-live]');
  if (!shown || !spoken || max <= 0) return;
  // A text put back over the limit (the server refused it; maxlength does not shorten a value): how much to cut.
  const say = (key: string, n: number) =>
    (shown.dataset[key] ?? '').replace('{n}', n.toLocaleString(document.documentElement.lang));
  const words = (left: number) =>
    left < 0 ? say('over', -left) : say(left === 0 ? 'none' : left === 1 ? 'one' : 'left', left);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const update = () => {
    // The same count as the server's (writing/body-length.ts): the value's line ends are single \n.
    const left = max - textarea.value.length;
    shown.textContent = words(left);
    shown.classList.toggle('near-limit', left <= max * ANNOUNCE_BELOW);
    clearTimeout(timer);
    timer = setTimeout(() => {
      spoken.textContent = left <= max * ANNOUNCE_BELOW ? words(left) : '';
    }, ANNOUNCE_AFTER_MS);
  };
  textarea.addEventListener('input', update);
  update();
  spoken.textContent = '';
}

function enhancePreview(field: HTMLElement, textarea: HTMLTextAreaElement): void {
  const toggle = field.querySelector<HTMLButtonElement>('[data-preview-toggle]');
  const panel = field.querySelector<HTMLElement>('[data-preview]');
  const body = panel?.querySelector<HTMLElement>('[data-preview-body]');
  const note = panel?.querySelector<HTMLElement>('[data-preview-note]');
  if (!toggle || !panel || !body || !note) return;
  const kind = field.dataset.kind === 'comment' ? 'comment' : 'souvenir';
  const locale = document.documentElement.lang === 'en' ? 'en' : 'fr';
  let asked = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const refresh = async () => {
    const mine = ++asked;
    // Busy rather than a "loading" sentence: the status below speaks only of refusals, failures and
    // what the wall will not show of the text.
    panel.setAttribute('aria-busy', 'true');
    const { data, error } = await actions.preview({ kind, body: textarea.value, locale });
    // An answer that a later keystroke already replaced is dropped.
    if (mine !== asked) return;
    panel.removeAttribute('aria-busy');
    if (error || !data) {
      note.textContent = error?.code === 'TOO_MANY_REQUESTS' ? error.message : (panel.dataset.failed ?? '');
      return;
    }
    // The server's sanitised HTML, exactly what the wall's card will hold (see preview.ts).
    body.innerHTML = data.html ?? '';
    // What the wall will not show of the text as typed is said here, while it can still be changed;
    // set only when it changes, or a screen reader would read the same sentence after every pause.
    const said = data.refusal ?? data.removed ?? (data.html ? '' : (panel.dataset.empty ?? ''));
    if (note.textContent !== said) note.textContent = said;
  };

  toggle.hidden = false;
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = (open ? toggle.dataset.hide : toggle.dataset.show) ?? '';
    panel.hidden = !open;
    if (open) void refresh();
  });
  textarea.addEventListener('input', () => {
    if (panel.hidden) return;
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), PREVIEW_AFTER_MS);
  });
}

export function enhanceWritingFields(root: ParentNode): void {
  for (const field of root.querySelectorAll<HTMLElement>('[data-writing-field]')) enhance(field);
}
