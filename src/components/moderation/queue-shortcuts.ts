/**
 * Keyboard shortcuts for the moderation queue, on top of plain forms that work without them:
 * each key presses the same button (or follows the same link) a person would.
 */

const ITEM = '[data-queue-item]';
const DECISION_KEYS: Record<string, string> = { a: 'approve', r: 'reject', s: 'spam' };
const TEXT_INPUT_TYPES = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'image', 'file', 'range', 'color']);

/** True while the person is typing: keys then belong to the field, not to us. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !TEXT_INPUT_TYPES.has(target.type);
}

export function installQueueShortcuts(doc: Document): void {
  const dialog = doc.getElementById('shortcut-help');
  const opener = doc.getElementById('shortcut-help-open');
  if (!(dialog instanceof HTMLDialogElement)) return;
  let submitting = false;

  const items = () => Array.from(doc.querySelectorAll<HTMLElement>(ITEM));
  const current = () =>
    doc.activeElement instanceof HTMLElement ? doc.activeElement.closest<HTMLElement>(ITEM) : null;

  /**
   * From outside any item: the first (or last) one, or, when the focus is on the message a decision
   * left in the list, the item after it (or before it).
   */
  function fromOutside(list: HTMLElement[], step: 1 | -1): number {
    const focus = doc.activeElement;
    if (!(focus instanceof HTMLElement) || !focus.closest('[data-queue]')) return step === 1 ? 0 : list.length - 1;
    const after = list.findIndex((item) => focus.compareDocumentPosition(item) & Node.DOCUMENT_POSITION_FOLLOWING);
    if (step === 1) return after === -1 ? list.length - 1 : after;
    return after === -1 ? list.length - 1 : Math.max(0, after - 1);
  }

  function move(step: 1 | -1): void {
    const list = items();
    if (list.length === 0) return;
    const index = list.indexOf(current() as HTMLElement);
    const next = index === -1 ? fromOutside(list, step) : Math.min(list.length - 1, Math.max(0, index + step));
    const item = list[next]!;
    item.focus({ preventScroll: true });
    item.scrollIntoView({ block: 'nearest' });
  }

  function decide(decision: string): boolean {
    const button = current()?.querySelector<HTMLButtonElement>(`button[data-decision="${decision}"]`);
    if (!button?.form || submitting) return false;
    submitting = true;
    button.form.requestSubmit(button);
    return true;
  }

  function toggleSelection(): boolean {
    const item = current();
    const box = item?.querySelector<HTMLInputElement>('[data-select]');
    if (!item || !box) return false;
    box.checked = !box.checked;
    box.dispatchEvent(new Event('change', { bubbles: true }));
    return true;
  }

  function toggleHelp(): void {
    if (!(dialog instanceof HTMLDialogElement)) return;
    if (dialog.open) dialog.close();
    else dialog.showModal();
  }

  // A page restored from the back-forward cache must accept decisions again.
  doc.defaultView?.addEventListener('pageshow', () => {
    submitting = false;
  });
  if (opener) {
    opener.hidden = false;
    opener.addEventListener('click', toggleHelp);
  }
  // A ticked item is outlined too, so the selection can be seen while moving with j and k.
  doc.addEventListener('change', (event) => {
    const box = event.target;
    if (box instanceof HTMLInputElement && box.matches('[data-select]')) {
      box.closest(ITEM)?.classList.toggle('selected', box.checked);
    }
  });
  doc.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
    if (isTyping(event.target)) return;
    if (dialog.open) {
      if (event.key === '?') {
        dialog.close();
        event.preventDefault();
      }
      return;
    }
    let handled = true;
    const key = event.key;
    if (key === 'j') move(1);
    else if (key === 'k') move(-1);
    else if (key === '?') toggleHelp();
    else if (key === 'x') handled = toggleSelection();
    else if (key === 'e') {
      const link = current()?.querySelector<HTMLAnchorElement>('a[data-edit]');
      if (link) link.click();
      else handled = false;
    } else if (DECISION_KEYS[key]) handled = decide(DECISION_KEYS[key]);
    else handled = false;
    if (handled) event.preventDefault();
  });
  // Back from a decision, the message has focus (autofocus); make sure it does when autofocus is ignored.
  const message = doc.getElementById('message');
  if (message && doc.activeElement === doc.body) message.focus();
}
