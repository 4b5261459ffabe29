/**
 * With JavaScript, each chosen file shows as a thumbnail with a button that takes it back before
 * sending. The browser decodes the preview locally; nothing is sent until the form is.
 */
export function enhancePhotoInputs(root: ParentNode): void {
  for (const input of root.querySelectorAll<HTMLInputElement>('input[data-photo-input]')) {
    const preview = input.parentElement?.querySelector<HTMLElement>('[data-photo-preview]');
    const image = preview?.querySelector('img');
    const clear = preview?.querySelector<HTMLButtonElement>('[data-photo-clear]');
    if (!preview || !image || !clear) continue;
    let url: string | null = null;
    const show = () => {
      if (url) URL.revokeObjectURL(url);
      url = null;
      const file = input.files?.[0];
      preview.hidden = !file;
      if (!file) return;
      url = URL.createObjectURL(file);
      image.src = url;
      image.removeAttribute('height');
    };
    input.addEventListener('change', show);
    clear.addEventListener('click', () => {
      input.value = '';
      show();
      input.focus();
    });
  }
}
