/**
 * The one search engine module the dialog and the results page share. It hides which index
 * answers: Pagefind (WebAssembly, fetched in small chunks) on the hosted site, or the offline
 * edition's prebuilt index (`search-index.js`, one classic script), which has no Pagefind —
 * opened from `file://`, or served from a folder someone unzipped it into. Both return the
 * same results, facet counts and sort orders through `SearchEngine`, which also corrects typos
 * in queries against the catalog's vocabulary (`search-vocabulary.js`, src/lib/spelling.ts)
 * before either index sees them.
 */
import { identifierKey } from '../../lib/ids.ts';
import { Speller, type CorrectedQuery, type Correction, type PackedVocabulary } from '../../lib/spelling.ts';
import { INDEX_FILE, INDEX_GLOBAL, type PackedIndex } from '../../lib/packed-index.ts';
import { fold } from '../../lib/search-text.ts';
import { OfflineIndex } from './offline-index.ts';
import { PAGEFIND_DIR, searchPartPaths } from '../../lib/search-parts.ts';
import { SORT_FILTERS } from '../../lib/sort-orders.ts';
import { pagefindBackend } from './pagefind.ts';

import { FACETS, type FacetKey } from './state.ts';

export { FACETS, type FacetKey };
export type SortKey = 'relevance' | 'newest' | 'upvotes';
/** Facet → accepted filter values (Pagefind's values: theme names, years, listing labels). A page passes with any of them. */
export type Filters = Partial<Record<FacetKey, string[]>>;
export type Counts = Partial<Record<FacetKey, Record<string, number>>>;

/** What a result shows. */
export interface HitData {
  url: string;
  title: string;
  /** The page's indexed text without its title, for the excerpt. */
  text: string;
  themes: string[];
  /** Day listed, `YYYY-MM-DD`, when known. */
  listed?: string;
  upvotes?: number;
}

export interface SearchOutcome {
  /** The query searched: as typed, or with the words the catalog does not know corrected. */
  query: string;
  /** The words corrected; empty when the query was searched as typed. */
  corrections: Correction[];
  total: number;
  /** Results `from`..`to` (exclusive) in order, loaded on demand. */
  page(from: number, to: number): Promise<HitData[]>;
  /**
   * Per facet, how many results each value would give if chosen, with the other facets'
   * choices kept (a facet's own choice is left out, so its values can be compared and combined).
   */
  counts: Counts;
  /** Per facet, the number of results with that facet's own choice left out. */
  facetTotals: Partial<Record<FacetKey, number>>;
  /** The query was an id or a link to one, and the result is that paper, the filters aside. */
  byIdentifier?: true;
}

/** What each index provides: one search, its hits in order and value counts over them. */
export interface Backend {
  readonly name: 'pagefind' | 'offline';
  /** `counts: false` when nobody will look at the value counts, which may spare loading them. */
  search(query: string | null, filters: Filters, sort: SortKey, options?: { counts?: boolean }): Promise<Pick<SearchOutcome, 'total' | 'page' | 'counts'>>;
  /** Value counts over the whole catalog. */
  totals(): Promise<{ total: number; counts: Counts }>;
  /** Start fetching what a query will need, while the person is still typing. */
  preload?(query: string): void;
}

export interface SearchConfig {
  /** Absolute URL of the site root. */
  rootUrl: string;
  /** Pagefind's `pagefind.js`. */
  pagefindUrl: string;
  /** The folder of each part of the Pagefind index: one, unless a large catalog's parts are merged at search time. */
  pagefindParts: string[];
  /** The offline index, `search-index.js`. */
  indexUrl: string;
  /** The results page, `/search/`. */
  pageUrl: string;
  /** The vocabulary for typo correction, `search-vocabulary.js`. */
  vocabularyUrl: string;
  /** Papers by arXiv id and DOI, `search-ids.js`. */
  idsUrl: string;
  /** The paper vectors for "Find similar", `search-similar.js`. */
  similarUrl: string;
}

/**
 * Where things are, from the dialog: the root its `data-root-url` names and the results page
 * its form submits to. Both are relative in the offline edition and resolve against the page.
 */
export function readConfig(dialog: HTMLElement): SearchConfig {
  const rootUrl = new URL(dialog.dataset.rootUrl ?? '', document.baseURI).href;
  return {
    rootUrl,
    pagefindUrl: new URL(`${PAGEFIND_DIR}pagefind.js`, rootUrl).href,
    pagefindParts: searchPartPaths(Number(dialog.dataset.searchParts ?? 1)).map((path) => new URL(path, rootUrl).href),
    indexUrl: new URL(INDEX_FILE, rootUrl).href,
    pageUrl: dialog.querySelector('form')!.action,
    vocabularyUrl: new URL('search-vocabulary.js', rootUrl).href,
    idsUrl: new URL('search-ids.js', rootUrl).href,
    similarUrl: new URL('search-similar.js', rootUrl).href,
  };
}

/** The paper a query names by its arXiv id or DOI, if the catalog has it. */
export type IdentifierLookup = (query: string) => Promise<HitData | null>;

export class SearchEngine {
  readonly backend: Backend;
  /** Null when the vocabulary could not load: queries are then searched as typed. */
  readonly speller: Speller | null;
  private readonly lookup: IdentifierLookup;

  constructor(backend: Backend, speller: Speller | null = null, lookup: IdentifierLookup = async () => null) {
    this.backend = backend;
    this.speller = speller;
    this.lookup = lookup;
  }

  get name(): Backend['name'] {
    return this.backend.name;
  }

  /**
   * Runs a query. With `facets`, each facet that has a choice is searched once more without
   * it, for counts that say what choosing another value would give (disjunctive faceting).
   * Unless `correct` is false, words the catalog does not know are corrected first; a word
   * that is still unknown finds nothing.
   */
  async run(query: string, filters: Filters, sort: SortKey, { facets = false, correct = true } = {}): Promise<SearchOutcome> {
    // An arXiv id, a DOI or a link to either, pasted whole, is that paper, whatever the filters.
    const named = await this.lookup(query);
    if (named) {
      const each = <T>(value: T) => Object.fromEntries(FACETS.map((facet) => [facet, value]));
      return { query, corrections: [], total: 1, page: async (from, to) => [named].slice(from, to), counts: each({}), facetTotals: each(1), byIdentifier: true };
    }
    const corrected = correct && this.speller ? await this.correct(this.speller, query, filters) : { query, corrections: [] };
    const text = (this.speller ? this.speller.asIndexed(corrected.query) : corrected.query).trim() || null;
    // A word no paper has matches nothing, whatever the index would fall back to.
    if (text && this.speller?.unmatched(text).length) {
      return { ...corrected, total: 0, page: async () => [], counts: {}, facetTotals: Object.fromEntries(FACETS.map((facet) => [facet, 0])) };
    }
    const main = this.backend.search(text, filters, sort, { counts: facets });
    const counts: Counts = {};
    const facetTotals: Partial<Record<FacetKey, number>> = {};
    if (facets) {
      await Promise.all(
        FACETS.map(async (facet) => {
          if (!filters[facet]?.length) return;
          const without = await this.backend.search(text, { ...filters, [facet]: [] }, 'relevance');
          counts[facet] = without.counts[facet] ?? {};
          facetTotals[facet] = without.total;
        }),
      );
    }
    const result = await main;
    for (const facet of FACETS) {
      counts[facet] ??= result.counts[facet] ?? {};
      facetTotals[facet] ??= result.total;
    }
    const page = sort === 'relevance' && text ? namedFirst(text, result.total, result.page) : result.page;
    return { query: corrected.query, corrections: corrected.corrections, total: result.total, page, counts, facetTotals };
  }

  /**
   * The query with its unknown words corrected. When a word has several suggestions equally
   * few edits away (`speeh`: speed, speech), the one that gives the query the most results
   * wins ("need speech separation" finds papers, "need speed separation" none); ties keep the
   * speller's order (most papers first). One count-only search per suggestion, only then.
   */
  private async correct(speller: Speller, query: string, filters: Filters): Promise<CorrectedQuery> {
    const first = speller.correct(query);
    const chosen = new Map<string, string>();
    for (const { from, options } of first.corrections) {
      if (options.length < 2) continue;
      let best = options[0]!;
      let most = -1;
      for (const option of options) {
        const trial = speller.correct(query, new Map([...chosen, [fold(from), option]]));
        const { total } = await this.backend.search(trial.query.trim() || null, filters, 'relevance', { counts: false });
        if (total > most) [best, most] = [option, total];
      }
      chosen.set(fold(from), best);
    }
    return chosen.size ? speller.correct(query, chosen) : first;
  }

  totals(): Promise<{ total: number; counts: Counts }> {
    return this.backend.totals();
  }

  preload(query: string): void {
    this.backend.preload?.(query);
  }
}

/** Results among which the paper a query names is looked for, from the first. */
const NAMED_WINDOW = 20;

/** A title or query as names are compared: folded, its punctuation a space. */
const nameKey = (text: string) => fold(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/**
 * `page` with the paper the query names first: the one whose title is the query, or whose name
 * before the colon is ("Conformer" is "Conformer: Convolution-augmented Transformer for Speech
 * Recognition", not "Efficient Conformer"), when it is among the results first asked for, up to
 * `NAMED_WINDOW` (the dialog, which shows a few, loads no more for it). An index ranks by words,
 * and a paper that says its own name once is outranked by papers that say it often.
 */
function namedFirst(query: string, total: number, page: SearchOutcome['page']): SearchOutcome['page'] {
  const name = nameKey(query);
  let found: Promise<number> | undefined;
  const named = (to: number) =>
    (found ??= page(0, Math.min(total, to, NAMED_WINDOW)).then((hits) => hits.findIndex(({ title }) => nameKey(title) === name || nameKey(title.split(':')[0]!) === name)));
  return async (from, to) => {
    const at = await named(to);
    if (at <= 0 || from > at) return page(from, to);
    const hits = await page(0, Math.max(to, at + 1));
    return [hits[at]!, ...hits.slice(0, at), ...hits.slice(at + 1)].slice(from, to);
  };
}

/**
 * Pagefind first; the offline index when Pagefind can't run here. Rejects when neither loads.
 * The vocabulary loads beside it; without it, search still works, without correction.
 */
export async function openEngine(config: SearchConfig): Promise<SearchEngine> {
  const speller = loadSpeller(config);
  // From file:// the module import is refused with a console error; don't try.
  if (location.protocol !== 'file:') {
    try {
      const backend = await pagefindBackend(config);
      return new SearchEngine(backend, await speller, identifierLookup(config));
    } catch (error) {
      console.warn('Pagefind could not load here; trying the offline index.', error);
    }
  }
  const backend = await offlineBackend(config);
  return new SearchEngine(backend, await speller, identifierLookup(config));
}

/** Looks papers up in `search-ids.js`, which loads the first time a query is an id; without it, ids are searched as words. */
function identifierLookup(config: SearchConfig): IdentifierLookup {
  let table: Promise<Record<string, [path: string, title: string]> | null> | undefined;
  return async (query) => {
    const key = identifierKey(query);
    if (!key) return null;
    table ??= (window.shelfmarkIds ? Promise.resolve() : loadScript(config.idsUrl)).then(
      () => window.shelfmarkIds ?? null,
      () => null,
    );
    const entry = (await table)?.[key];
    return entry ? { url: pageUrlOf(entry[0], config), title: entry[1], text: '', themes: [] } : null;
  };
}

/** A page's URL from its path under the site root; from file://, which has no directory index, naming the file. */
export function pageUrlOf(path: string, config: SearchConfig): string {
  return new URL(path + (path.endsWith('/') && location.protocol === 'file:' ? 'index.html' : ''), config.rootUrl).href;
}

async function loadSpeller(config: SearchConfig): Promise<Speller | null> {
  try {
    if (!window.shelfmarkVocabulary) await loadScript(config.vocabularyUrl);
    const speller = new Speller(window.shelfmarkVocabulary!);
    // Run the scan once now, while search is opening: the browser compiles it here rather
    // than during the reader's first query (measured in bench:search, that first one took
    // several milliseconds, later ones a tenth of one).
    speller.correct('shelfmrak');
    return speller;
  } catch (error) {
    console.warn('The vocabulary could not load; queries are searched as typed.', error);
    return null;
  }
}

declare global {
  interface Window {
    [INDEX_GLOBAL]?: PackedIndex;
    shelfmarkVocabulary?: PackedVocabulary;
    shelfmarkIds?: Record<string, [path: string, title: string]>;
  }
}

/** Loads a classic script once; resolves when it has run. */
export function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`Could not load ${src}`));
    document.head.append(script);
  });
}

async function offlineBackend(config: SearchConfig): Promise<Backend> {
  if (!window[INDEX_GLOBAL]) await loadScript(config.indexUrl);
  const index = new OfflineIndex(window[INDEX_GLOBAL]!);
  const hitData = (doc: number): HitData => {
    const d = index.doc(doc);
    return {
      url: pageUrlOf(d.url, config),
      title: d.title,
      text: d.text,
      themes: d.filters.theme ?? [],
      listed: d.meta.listed,
      upvotes: d.meta.upvotes === undefined ? undefined : Number(d.meta.upvotes),
    };
  };
  return {
    name: 'offline',
    async search(query, filters, sort) {
      const { hits, counts } = index.search({ query, filters: filters as Record<string, string[]>, sort: sort === 'relevance' ? undefined : SORT_FILTERS[sort] });
      return {
        total: hits.length,
        counts,
        page: async (from, to) => hits.slice(from, to).map((h) => hitData(h.doc)),
      };
    },
    async totals() {
      const { hits, counts } = index.search({ query: null });
      return { total: hits.length, counts };
    },
  };
}
