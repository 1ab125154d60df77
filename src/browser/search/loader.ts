/**
 * The part of search that ships with every page (inside `../reader.ts`): it opens the search
 * dialog and loads the rest of the UI on first use, and never before.
 */
import uiUrl from './classic.ts?worker&url';

type UI = typeof import('./ui.ts');

let ui: Promise<UI> | undefined;

/**
 * The rest of the UI is one classic script (bundled through Vite's worker pipeline, which
 * makes a self-contained script and only hands back its URL), so the same file loads the
 * same way from a server and from file://, where module scripts can't load. Its URL is taken
 * relative to the site root the dialog names, which the offline edition makes relative.
 */
function load(): Promise<UI> {
  ui ??= new Promise((resolve, reject) => {
    const root = new URL(document.getElementById('search-dialog')!.dataset.rootUrl!, location.href);
    const script = document.createElement('script');
    // `astro dev` serves the worker entry as an ES module; builds make it a classic script.
    if (import.meta.env.DEV) script.type = 'module';
    const base = import.meta.env.BASE_URL;
    script.src = (uiUrl.startsWith(base) ? new URL(uiUrl.slice(base.length), root) : new URL(uiUrl, location.href)).href;
    script.onload = () => resolve((window as unknown as { shelfmarkSearchUI: UI }).shelfmarkSearchUI);
    script.onerror = reject;
    document.head.append(script);
  });
  return ui;
}

const page = document.getElementById('search-page');

/**
 * Opens search. The dialog opens at once, before the rest loads, so what is typed right after
 * `/` lands in its box (and is searched when ready) instead of being lost; the results page
 * focuses its own box.
 */
export function openSearch(opener: Element | null): void {
  const dialog = document.getElementById('search-dialog') as HTMLDialogElement;
  const from = opener ?? document.activeElement;
  if (!page && !dialog.open) {
    dialog.showModal();
    const box = dialog.querySelector('input')!;
    box.focus();
    box.select();
  }
  // Closed again before the rest arrived: leave it closed.
  void load().then((m) => (page || dialog.open) && m.openDialog(from));
}

// A field inside a closed dialog does not count: after Esc, focus can stay on the hidden search box.
const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) &&
  !target.closest('dialog:not([open])');

/** `/` or Ctrl/Cmd+K, pressed anywhere but in a text field. */
export function isSearchShortcut(event: KeyboardEvent): boolean {
  if (event.defaultPrevented || event.isComposing || event.altKey || typing(event.target)) return false;
  const mod = event.ctrlKey || event.metaKey;
  return (event.key === '/' && !mod) || (String(event.key).toLowerCase() === 'k' && mod && !event.shiftKey);
}

// The results page is all search: its UI loads at once.
if (page instanceof HTMLFormElement) void load().then((m) => m.mountPage(page));
