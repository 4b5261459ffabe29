/**
 * "Select all" for the bulk bar: ticks every item of the page shown, or unticks them all once they
 * are; the button stays hidden without JavaScript (each item's own box works without it).
 */
export function installSelectAll(doc: Document): void {
  const button = doc.querySelector<HTMLButtonElement>('[data-select-all]');
  if (!button) return;
  const boxes = () => [...doc.querySelectorAll<HTMLInputElement>('[data-select]')];
  const label = { all: button.textContent?.trim() ?? '', none: button.dataset.selectNone ?? '' };
  const allTicked = () => boxes().length > 0 && boxes().every((box) => box.checked);
  const refresh = () => {
    button.textContent = allTicked() ? label.none : label.all;
  };

  button.addEventListener('click', () => {
    const tick = !allTicked();
    for (const box of boxes()) {
      if (box.checked === tick) continue;
      box.checked = tick;
      // As a click would: the item is outlined (queue-shortcuts.ts) and this button's words follow.
      box.dispatchEvent(new Event('change', { bubbles: true }));
    }
    refresh();
  });
  doc.addEventListener('change', (event) => {
    if (event.target instanceof HTMLInputElement && event.target.matches('[data-select]')) refresh();
  });
  refresh();
  button.hidden = false;
}
