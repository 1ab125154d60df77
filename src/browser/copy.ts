/**
 * The copy buttons of a paper page (src/components/CitePaper.astro): `data-copy` holds the
 * text, `data-copy-from` names the element that shows it. The button's status line says
 * what happened. Without script the text can still be selected.
 */
export async function copy(button: HTMLElement): Promise<void> {
  const status = button.parentElement!.querySelector('[role="status"]')!;
  const text = button.dataset.copy ?? document.getElementById(button.dataset.copyFrom!)!.textContent!;
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = `${button.textContent!.replace(/^Copy /, '')} copied.`;
  } catch {
    // A browser that refuses the clipboard (some do from file://) still copies what is selected:
    // the text goes, selected, into the box below the buttons (RIS, CSL-JSON and the links are
    // not on the page otherwise).
    const box = button.closest('section')!.querySelector('textarea')!;
    box.hidden = false;
    box.value = text;
    box.focus();
    box.select();
    status.textContent = 'Copying is blocked here: the text is selected below; copy it with Ctrl+C (⌘C on a Mac).';
  }
}
