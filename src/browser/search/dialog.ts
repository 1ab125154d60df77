/**
 * The search dialog: a modal `<dialog>` (the browser traps focus and closes it on Esc) with
 * a combobox input over a listbox of the best few results. Arrow keys move through the
 * results while focus stays in the input (`aria-activedescendant`); Enter opens the chosen
 * result, or the full results page when none is chosen. Focus goes back where it came from.
 * A query word the catalog does not know is corrected, and a button searches it as typed.
 */
import { queryTerms } from '../../lib/search-text.ts';
import type { SearchConfig, SearchEngine } from './engine.ts';
import { correctionNotice, quoted, renderOption } from './render.ts';

const SHOWN = 8;
const TYPING_DELAY_MS = 120;

export class SearchDialog {
  private readonly dialog: HTMLDialogElement;
  private readonly input: HTMLInputElement;
  private readonly list: HTMLUListElement;
  private readonly status: HTMLElement;
  private readonly correction: HTMLElement;
  private readonly all: HTMLAnchorElement;
  private readonly config: SearchConfig;
  private readonly engine: () => Promise<SearchEngine>;
  private opener: HTMLElement | null = null;
  private active = -1;
  private ticket = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastQuery: string | null = null;
  /** Search the query as typed ("search instead for …"), until it is edited. */
  private verbatim = false;

  constructor(dialog: HTMLDialogElement, config: SearchConfig, engine: () => Promise<SearchEngine>) {
    this.dialog = dialog;
    this.config = config;
    this.engine = engine;
    this.input = dialog.querySelector('input')!;
    this.list = dialog.querySelector('[role="listbox"]')!;
    this.status = dialog.querySelector('[role="status"]')!;
    this.correction = dialog.querySelector('#search-dialog-correction')!;
    this.all = dialog.querySelector('a[data-all]')!;

    this.input.addEventListener('input', () => {
      this.verbatim = false;
      clearTimeout(this.timer);
      this.updateAllLink();
      // Fetch the index chunks for what is typed so far while the debounce runs.
      const typed = this.input.value.trim();
      if (typed) void this.engine().then((e) => e.preload(typed), () => undefined);
      this.timer = setTimeout(() => void this.run(), TYPING_DELAY_MS);
    });
    this.input.addEventListener('keydown', (event) => this.onKey(event));
    dialog.querySelector('form')!.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    dialog.querySelector('[data-close]')!.addEventListener('click', () => dialog.close());
    // A click on the backdrop lands on the dialog element itself; the panel covers the rest.
    dialog.addEventListener('click', (event) => {
      if (event.target === dialog) dialog.close();
    });
    dialog.addEventListener('close', () => {
      // The event comes a task after the dialog closed: opened again since (Esc, then / at
      // once), the box has focus and is being typed in, so it must keep it.
      if (dialog.open) return;
      this.setActive(-1);
      const back = this.opener;
      this.opener = null;
      // Chromium may leave focus on the now hidden box; give it back to the page.
      this.input.blur();
      if (back?.isConnected) back.focus();
    });
    this.list.addEventListener('pointermove', (event) => {
      const option = (event.target as Element).closest('[role="option"]');
      if (option) this.setActive(this.options().indexOf(option as HTMLElement));
    });
  }

  open(opener: Element | null): void {
    this.opener ??= (opener as HTMLElement | null) ?? (document.activeElement as HTMLElement | null);
    // The loader may have opened it already, and the box may hold what was typed since.
    if (!this.dialog.open) {
      this.dialog.showModal();
      this.input.focus();
      this.input.select();
    }
    this.dialog.dataset.state ??= 'loading';
    // Loading starts on first open; typing meanwhile is kept and searched once ready.
    this.engine().then(
      () => {
        if (this.dialog.dataset.state === 'loading') this.dialog.dataset.state = 'ready';
        if (this.input.value.trim() && this.input.value !== this.lastQuery) void this.run();
      },
      () => {
        this.dialog.dataset.state = 'error';
        this.status.textContent = 'Search is unavailable: the search index was not built.';
      },
    );
  }

  private options(): HTMLElement[] {
    return [...this.list.querySelectorAll<HTMLElement>('[role="option"]')];
  }

  private setActive(index: number): void {
    const options = this.options();
    this.active = index;
    options.forEach((option, i) => option.setAttribute('aria-selected', String(i === index)));
    const current = options[index];
    if (current) {
      this.input.setAttribute('aria-activedescendant', current.id);
      current.scrollIntoView({ block: 'nearest' });
    } else {
      this.input.removeAttribute('aria-activedescendant');
    }
  }

  private onKey(event: KeyboardEvent): void {
    const count = this.options().length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (count === 0) return;
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      const from = this.active === -1 && step === -1 ? count : this.active;
      this.setActive((from + step + count) % count);
    } else if (event.key === 'Enter' && !event.isComposing) {
      event.preventDefault();
      this.submit(event);
    }
  }

  /** Enter: the chosen result, or every result on the results page. */
  private submit(event?: KeyboardEvent): void {
    const option = this.options()[this.active];
    const link = option?.closest('a') ?? (this.input.value.trim() ? this.all : null);
    if (!link) return;
    if (event && (event.ctrlKey || event.metaKey || event.shiftKey)) {
      window.open(link.href, '_blank', 'noopener');
      return;
    }
    location.assign(link.href);
  }

  private updateAllLink(): void {
    const query = this.input.value.trim();
    const url = new URL(this.config.pageUrl);
    if (query) url.search = new URLSearchParams(this.verbatim ? { q: query, verbatim: '1' } : { q: query }).toString();
    this.all.href = url.href;
  }

  /** The correction notice (`correctionNotice`), its "search instead" a button that searches as typed. */
  private showCorrection(searched: string | null, typed: string): void {
    this.correction.hidden = searched === null;
    if (searched === null) return this.correction.replaceChildren();
    const button = document.createElement('button');
    button.type = 'button';
    button.addEventListener('click', () => {
      this.verbatim = true;
      this.input.focus();
      void this.run();
    });
    this.correction.replaceChildren(...correctionNotice(searched, typed, button));
  }

  private async run(): Promise<void> {
    const ticket = ++this.ticket;
    const query = this.input.value.trim();
    this.lastQuery = this.input.value;
    this.updateAllLink();
    if (!query) {
      this.list.replaceChildren();
      this.setActive(-1);
      this.input.setAttribute('aria-expanded', 'false');
      this.status.textContent = '';
      this.showCorrection(null, query);
      this.all.hidden = true;
      return;
    }
    let engine: SearchEngine;
    try {
      engine = await this.engine();
    } catch {
      return;
    }
    this.dialog.dataset.state = 'searching';
    const outcome = await engine.run(query, {}, 'relevance', { correct: !this.verbatim });
    const hits = await outcome.page(0, SHOWN);
    if (ticket !== this.ticket) return;
    const searched = outcome.query.trim();
    const terms = queryTerms(searched);
    this.list.replaceChildren(...hits.map((hit, i) => renderOption(hit, terms, `search-dialog-option-${i}`)));
    this.setActive(-1);
    this.input.setAttribute('aria-expanded', String(hits.length > 0));
    const n = outcome.total;
    const corrected = outcome.corrections.length > 0;
    this.status.textContent =
      (n === 0
        ? `No papers match ${quoted(searched)}.`
        : `${n} ${n === 1 ? 'paper matches' : 'papers match'} ${quoted(searched)}${n > SHOWN ? `; the best ${SHOWN} are shown` : ''}.`) +
      (corrected ? ` Corrected from ${quoted(query)}.` : '');
    this.showCorrection(corrected ? searched : null, query);
    this.all.hidden = n === 0;
    this.all.textContent = n > SHOWN ? `See all ${n} results` : 'See all results';
    this.dialog.dataset.state = 'done';
  }
}
