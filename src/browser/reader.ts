/**
 * The one script every page carries, inline (Astro inlines it and puts its hash in the page's
 * Content-Security-Policy). Until the reader asks for something it loads nothing: it only
 * listens, with one `click` and one `keydown` listener on the document, for
 * - search: the header's search control, `/` and Ctrl/Cmd+K (./search/loader.ts);
 * - the copy buttons of a paper page (./copy.ts).
 */
import { copy } from './copy.ts';
import { isSearchShortcut, openSearch } from './search/loader.ts';

const TRIGGER = '[data-search-open]';

// The trigger is a link to the results page (so it works without script); with script it opens the dialog.
for (const trigger of document.querySelectorAll(TRIGGER)) {
  trigger.setAttribute('role', 'button');
  trigger.setAttribute('aria-haspopup', 'dialog');
}

document.addEventListener('click', (event) => {
  const target = event.target as Element;
  const trigger = target.closest(TRIGGER);
  if (trigger && !(event.ctrlKey || event.metaKey || event.shiftKey || event.button)) {
    event.preventDefault();
    openSearch(trigger);
  }
  const button = target.closest<HTMLElement>('[data-copy],[data-copy-from]');
  if (button) void copy(button);
});

document.addEventListener('keydown', (event) => {
  // Space presses a button; the trigger is a link made a button, so it needs telling.
  const trigger = event.key === ' ' ? (event.target as Element).closest(TRIGGER) : null;
  if (trigger || isSearchShortcut(event)) {
    event.preventDefault();
    openSearch(trigger);
  }
});
