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
    // No "select the text instead": only the BibTeX is on the page. A box showing the rest cost
    // every page a tenth of a kilobyte of this inline script, more than the size budget spares.
    status.textContent = 'Copying is blocked here.';
  }
}
