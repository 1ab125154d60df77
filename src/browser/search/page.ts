/**
 * The results page: query, facets (theme, year, source listing) with counts, sort, results
 * with highlighted excerpts, and the count in a live region. A query word the catalog does not
 * know is corrected ("Showing results for … — search instead for …"). The URL holds the whole state:
 * discrete changes push a history entry (so back and forward step through them), typing
 * replaces the current one, and `popstate` re-runs the search for the restored URL. How many
 * results were shown, and where the page was scrolled, go in the history entry's state, so
 * coming back to the page (a reload, or Back where the browser did not keep the page) shows
 * the same results at the same place.
 */
import { UNDATED_TOKEN, UNKNOWN_TOKEN } from '../../lib/facets.ts';
import { plural } from '../../lib/format.ts';
import { queryTerms, type QueryTerm } from '../../lib/search-text.ts';
import type { FacetKey, Filters, SearchEngine, SearchOutcome, SortKey } from './engine.ts';
import { correctionNotice, quoted, renderResult } from './render.ts';
import { FACETS, readState, SINGLE_FACETS, writeState, type SearchState } from './state.ts';

const PAGE_SIZE = 20;

/** What a history entry of the results page keeps besides its URL. */
interface ShownState {
  shown: number;
  scroll: number;
}
const TYPING_DELAY_MS = 200;
const SCROLL_SETTLE_MS = 250;

export class SearchPage {
  private readonly form: HTMLFormElement;
  private readonly input: HTMLInputElement;
  private readonly sort: HTMLSelectElement;
  private readonly status: HTMLElement;
  private readonly correction: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly more: HTMLButtonElement;
  private readonly clear: HTMLButtonElement;
  private readonly engine: () => Promise<SearchEngine>;
  private ticket = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private outcome: SearchOutcome | undefined;
  private shown = 0;
  /** The history entry's results and scroll to show again once its search has run, when the page comes back to one. */
  private restore: ShownState | null = null;
  private terms: QueryTerm[] = [];
  /** The query is searched as typed ("search instead for …"), until it is edited. */
  private verbatim = false;
  /**
   * Whether searches count their matches per facet value. A large catalog's page counts only
   * once the reader asks (`data-counts="on-request"`, src/pages/search.astro): at 30,000 papers
   * the counts need 320 KB of Pagefind's filter index, more than the search itself. Until then
   * its facets show the whole catalog's counts, which the page was built with.
   */
  private counting: boolean;
  private readonly countButton: HTMLButtonElement | null;
  private readonly countState: HTMLElement | null;

  constructor(form: HTMLFormElement, engine: () => Promise<SearchEngine>) {
    this.form = form;
    this.engine = engine;
    this.input = form.querySelector('#search-input')!;
    this.sort = form.querySelector('#search-sort')!;
    this.status = document.querySelector('#search-status')!;
    this.correction = document.querySelector('#search-correction')!;
    this.list = document.querySelector('#search-results')!;
    this.more = document.querySelector('#search-more')!;
    this.clear = form.querySelector('#search-clear')!;
    this.counting = form.dataset.counts !== 'on-request';
    this.countButton = form.querySelector('#search-count');
    this.countState = form.querySelector('#search-count-state');
    for (const count of form.querySelectorAll<HTMLElement>('[data-count]')) count.dataset.catalog = count.textContent ?? '';
    this.countButton?.addEventListener('click', () => {
      this.counting = true;
      void this.run();
    });

    this.input.addEventListener('input', () => {
      this.verbatim = false;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.change('replace'), TYPING_DELAY_MS);
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      clearTimeout(this.timer);
      this.change('push');
    });
    form.addEventListener('change', (event) => {
      if (event.target === this.input) return;
      clearTimeout(this.timer);
      this.change('push');
    });
    this.clear.addEventListener('click', () => {
      for (const box of this.inputs('theme')) box.checked = false;
      for (const name of SINGLE_FACETS) for (const radio of this.inputs(name)) radio.checked = radio.value === '';
      this.change('push');
    });
    this.more.addEventListener('click', () => void this.showMore());
    window.addEventListener('popstate', () => {
      // An entry that kept nothing was never scrolled: its top.
      this.restore = shownState(history.state) ?? { shown: 0, scroll: 0 };
      this.apply(readState(location.search));
      void this.run();
    });
    // The page restores its own scroll, once its results are back: the browser's would come before them.
    history.scrollRestoration = 'manual';
    // Kept as the reader scrolls (a moment after): a state written as the page goes is not kept by every browser on a reload.
    let settling: ReturnType<typeof setTimeout> | undefined;
    window.addEventListener('scroll', () => {
      clearTimeout(settling);
      settling = setTimeout(() => this.remember(), SCROLL_SETTLE_MS);
    }, { passive: true });

    this.restore = shownState(history.state);
    this.apply(readState(location.search));
    form.dataset.state = 'loading';
    this.engine().then(
      (e) => {
        form.dataset.engine = e.name;
        void this.run();
      },
      () => {
        form.dataset.state = 'error';
        this.status.textContent = 'Search is unavailable: the search index was not built.';
      },
    );
  }

  /** The header's search button and `/` focus the query here rather than opening the dialog. */
  focus(): void {
    this.input.focus();
    this.input.select();
  }

  private inputs(name: FacetKey): HTMLInputElement[] {
    return [...this.form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]`)];
  }

  /** Puts a state into the controls. Unknown values in the URL are dropped, but for an author the facet does not show (`offerAuthor`). */
  private apply(state: SearchState): void {
    this.offerAuthor(state.author);
    this.input.value = state.q;
    for (const box of this.inputs('theme')) box.checked = state.theme.includes(box.value);
    for (const name of SINGLE_FACETS) {
      const radios = this.inputs(name);
      const match = radios.find((r) => r.value === state[name]) ?? radios.find((r) => r.value === '');
      if (match) match.checked = true;
    }
    this.sort.value = state.sort;
    // A sort this catalog does not offer (no paper has a listing date, or upvotes): by relevance.
    if (this.sort.value !== state.sort) this.sort.value = 'relevance';
    this.verbatim = state.verbatim;
  }

  /**
   * The author facet offers the authors with most papers only. A link to another author's papers
   * (`?author=<slug>`, shared or typed) gets a choice of its own, named by the slug's words, so
   * the filter applies instead of being dropped in silence. One such choice at a time: walking
   * the history does not pile them up.
   */
  private offerAuthor(slug: string): void {
    const offered = this.form.querySelector<HTMLElement>('[data-offered]');
    if (offered?.querySelector('input')!.value === slug) return;
    offered?.remove();
    const radios = this.inputs('author');
    const any = radios.find((r) => r.value === '');
    if (!any || !slug || radios.some((r) => r.value === slug)) return;
    const label = any.closest('label')!.cloneNode(true) as HTMLLabelElement;
    label.dataset.offered = '';
    const input = label.querySelector('input')!;
    input.value = input.dataset.filter = slug;
    input.checked = false;
    label.querySelector('.facet-name')!.textContent = slug.replaceAll('-', ' ');
    const count = label.querySelector<HTMLElement>('[data-count]')!;
    count.textContent = count.dataset.catalog = '';
    any.closest('label')!.after(label);
  }

  private read(): SearchState {
    const checked = (name: FacetKey) => this.inputs(name).filter((i) => i.checked);
    return {
      q: this.input.value.trim(),
      theme: checked('theme').map((i) => i.value),
      year: checked('year')[0]?.value ?? '',
      published: checked('published')[0]?.value ?? '',
      author: checked('author')[0]?.value ?? '',
      source: checked('source')[0]?.value ?? '',
      sort: this.sort.value as SortKey,
      verbatim: this.verbatim,
    };
  }

  /** Pagefind values (labels) of the chosen facet values. */
  private filters(): Filters {
    const filters: Filters = {};
    for (const name of FACETS) {
      const values = this.inputs(name)
        .filter((i) => i.checked && i.value !== '')
        .map((i) => i.dataset.filter!);
      if (values.length) filters[name] = values;
    }
    return filters;
  }

  /** Keeps in the current history entry how many results are shown and where the page is scrolled. */
  private remember(): void {
    const state: ShownState = { shown: this.shown, scroll: Math.round(window.scrollY) };
    history.replaceState(state, '');
  }

  private change(mode: 'push' | 'replace'): void {
    const url = `${location.pathname}${writeState(this.read())}${location.hash}`;
    if (url !== `${location.pathname}${location.search}${location.hash}`) {
      if (mode === 'push') {
        this.remember();
        history.pushState(null, '', url);
      }
      // Another query: what the entry showed, and where, no longer holds.
      else history.replaceState(null, '', url);
    }
    void this.run();
  }

  private async run(): Promise<void> {
    const ticket = ++this.ticket;
    const restore = this.restore;
    this.restore = null;
    let engine: SearchEngine;
    try {
      engine = await this.engine();
    } catch {
      return;
    }
    const state = this.read();
    const filters = this.filters();
    const browsing = !state.q && Object.keys(filters).length === 0;
    this.form.dataset.state = 'searching';

    if (browsing) {
      // Counts over the whole catalog: asked of the index, or where it would cost a large catalog too much, as the page was built.
      const totals = this.counting ? await engine.totals() : null;
      if (ticket !== this.ticket) return;
      this.outcome = undefined;
      if (totals) this.showCounts(totals.counts, {}, totals.total);
      else this.showCatalogCounts(false);
      if (this.countState) this.countState.textContent = 'Counts are for the whole catalog.';
      this.list.replaceChildren();
      this.showCorrection(null);
      this.more.hidden = true;
      this.status.textContent = `Type a query, or choose a theme, year or listing, to search ${totals?.total ?? this.countState!.dataset.papers} papers.`;
      this.form.dataset.state = 'done';
      if (restore) window.scrollTo({ top: restore.scroll, behavior: 'instant' });
      return;
    }

    const outcome = await engine.run(state.q, filters, state.sort, { facets: this.counting, correct: !state.verbatim });
    const hits = await outcome.page(0, Math.max(PAGE_SIZE, restore?.shown ?? 0));
    if (ticket !== this.ticket) return;
    this.outcome = outcome;
    this.terms = queryTerms(outcome.query);
    this.shown = hits.length;
    if (this.counting) {
      this.showCounts(outcome.counts, outcome.facetTotals, outcome.total);
      if (this.countState) this.countState.textContent = 'Counts are for this search.';
      if (this.countButton) this.countButton.hidden = true;
    } else this.showCatalogCounts(true);
    this.list.replaceChildren(...hits.map((hit) => renderResult(hit, this.terms)));
    this.updateMore();
    this.showCorrection(outcome.corrections.length ? { searched: outcome.query.trim(), typed: state } : null);
    this.status.textContent = this.describe(outcome.total, { ...state, q: outcome.query.trim() }, outcome.byIdentifier);
    if (outcome.corrections.length) this.status.textContent += ` Corrected from ${quoted(state.q)}.`;
    this.form.dataset.state = 'done';
    if (restore) window.scrollTo({ top: restore.scroll, behavior: 'instant' });
  }

  /** The correction notice (`correctionNotice`), its "search instead" a link to the same state searched verbatim. */
  private showCorrection(shown: { searched: string; typed: SearchState } | null): void {
    this.correction.hidden = !shown;
    if (!shown) return this.correction.replaceChildren();
    const link = document.createElement('a');
    link.href = `${location.pathname}${writeState({ ...shown.typed, verbatim: true })}`;
    link.addEventListener('click', (event) => {
      event.preventDefault();
      this.verbatim = true;
      this.change('push');
    });
    this.correction.replaceChildren(...correctionNotice(shown.searched, shown.typed.q, link));
  }

  private async showMore(): Promise<void> {
    const outcome = this.outcome;
    if (!outcome) return;
    const ticket = this.ticket;
    const hits = await outcome.page(this.shown, this.shown + PAGE_SIZE);
    if (ticket !== this.ticket || hits.length === 0) return;
    const items = hits.map((hit) => renderResult(hit, this.terms));
    this.list.append(...items);
    this.shown += hits.length;
    this.updateMore();
    this.remember();
    // Keyboard users continue where the new results start.
    items[0]?.querySelector('a')?.focus();
  }

  private updateMore(): void {
    const total = this.outcome?.total ?? 0;
    this.more.hidden = this.shown >= total;
    this.more.textContent = `Show more results (${this.shown} of ${total} shown)`;
  }

  /** The whole catalog's counts, as the page was built; when `searching`, with the offer to count the search's matches. */
  private showCatalogCounts(searching: boolean): void {
    for (const count of this.form.querySelectorAll<HTMLElement>('[data-count]')) {
      count.textContent = count.dataset.catalog ?? '';
      count.closest('label')!.classList.remove('empty');
    }
    if (this.countButton) this.countButton.hidden = !searching;
  }

  private showCounts(counts: SearchOutcome['counts'], facetTotals: SearchOutcome['facetTotals'], total: number): void {
    for (const name of FACETS) {
      for (const input of this.inputs(name)) {
        const n = input.value === '' ? (facetTotals[name] ?? total) : (counts[name]?.[input.dataset.filter!] ?? 0);
        const label = input.closest('label')!;
        label.querySelector('[data-count]')!.textContent = String(n);
        label.classList.toggle('empty', n === 0 && !input.checked);
      }
    }
  }

  private describe(total: number, state: SearchState, byIdentifier = false): string {
    const count = plural(total, 'paper');
    // An id names its paper whatever the filters: saying they apply would be untrue.
    if (byIdentifier) return `${count} ${total === 1 ? 'has' : 'have'} the id ${quoted(state.q)}; the filters do not apply to an id.`;
    const parts: string[] = [];
    const themes = this.inputs('theme').filter((i) => i.checked);
    if (themes.length) parts.push(`in ${themes.map((i) => i.dataset.filter).join(' or ')}`);
    const year = this.inputs('year').find((i) => i.checked && i.value);
    if (year) parts.push(year.value === UNDATED_TOKEN ? 'without a listing date' : `listed in ${year.dataset.filter}`);
    const published = this.inputs('published').find((i) => i.checked && i.value);
    if (published) parts.push(published.value === UNKNOWN_TOKEN ? 'of unknown publication date' : `published in ${published.dataset.filter}`);
    const author = this.inputs('author').find((i) => i.checked && i.value);
    if (author) parts.push(`by ${author.closest('label')?.querySelector('.facet-name')?.textContent ?? author.value}`);
    const source = this.inputs('source').find((i) => i.checked && i.value);
    if (source) parts.push(`from “${source.dataset.filter}”`);
    const what = state.q ? ` match ${quoted(state.q)}` : '';
    const order = { relevance: '', newest: ' Newest listing first.', upvotes: ' Most upvoted first.' }[state.sort];
    if (total === 0) return `No papers${what}${parts.length ? ` ${parts.join(', ')}` : ''}.`;
    return `${count}${total === 1 && what ? what.replace(' match', ' matches') : what}${parts.length ? ` ${parts.join(', ')}` : ''}.${order}`;
  }
}

/** A history entry's `ShownState`, if it has one. */
function shownState(state: unknown): ShownState | null {
  const { shown, scroll } = (state ?? {}) as Partial<ShownState>;
  return typeof shown === 'number' && typeof scroll === 'number' ? { shown, scroll } : null;
}
