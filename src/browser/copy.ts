/**
 * The copy buttons of a paper page (src/components/CitePaper.astro): `data-copy` holds the
 * text, `data-copy-from` names the element that shows it. The button's status line says
 * what happened. Without script the text can still be selected.
 */
export async function copy(button: HTMLElement): Promise<void> {
  const status = button.parentElement!.querySelector('[role="status"]')!;
  const from = button.dataset.copyFrom ? document.getElementById(button.dataset.copyFrom) : null;
  const text = button.dataset.copy ?? from!.textContent!;
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = `${button.textContent!.replace(/^Copy /, '')} copied.`;
  } catch {
    // A browser that refuses the clipboard (some do from file://) still lets the reader copy
    // what is selected; RIS, CSL-JSON and the links are not on the page, so they are shown.
    select(from ?? shown(button, text));
    status.textContent = 'Copying is blocked here: the text is selected; copy it with Ctrl+C (⌘C on a Mac).';
  }
}

/** A read-only box under the buttons holding `text`, the one box for all of them. */
function shown(button: HTMLElement, text: string): HTMLTextAreaElement {
  const actions = button.parentElement!;
  let box = actions.parentElement!.querySelector<HTMLTextAreaElement>('textarea.copy-text');
  if (!box) {
    box = document.createElement('textarea');
    box.className = 'copy-text';
    box.readOnly = true;
    actions.after(box);
  }
  box.setAttribute('aria-label', button.textContent!.replace(/^Copy /, 'Text to copy: '));
  box.value = text;
  box.rows = Math.min(12, text.split('\n').length);
  return box;
}

function select(element: HTMLElement): void {
  if (element instanceof HTMLTextAreaElement) {
    element.focus();
    element.select();
    return;
  }
  const range = document.createRange();
  range.selectNodeContents(element);
  getSelection()?.removeAllRanges();
  getSelection()?.addRange(range);
}
