/**
 * Pagefind behind the `Backend` interface. Pagefind is imported from the built site at run
 * time (it is not part of the bundle), only when someone first searches.
 *
 * A large catalog's index is in parts (src/lib/large-catalog.ts), which Pagefind merges: results
 * by score, filter counts added up. Each part also holds a record of all the catalog's words,
 * which every search leaves out (src/build/integration.ts says why).
 *
 * Sorted searches read the sort orders' filters (src/lib/sort-orders.ts), not Pagefind sort keys.
 */
import { isPhraseQuery, pagefindQuery, SPELLINGS_META, withoutSpellings } from '../../lib/search-text.ts';
import { WORDS_RECORD } from '../../lib/search-parts.ts';
import { compareSortValues, SORT_FILTERS } from '../../lib/sort-orders.ts';
import type { Backend, Counts, Filters, HitData, SearchConfig } from './engine.ts';

/** The part of Pagefind's browser API used here (https://pagefind.app/docs/api/). */
interface PagefindData {
  url: string;
  /** Indexed text of the page, title first. */
  content: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[] | undefined>;
}
interface PagefindResult {
  id: string;
  data(): Promise<PagefindData>;
}
interface PagefindResponse {
  results: PagefindResult[];
  /** Value counts over these results, for each filter whose index is loaded. */
  filters: Record<string, Record<string, number>>;
}
interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  mergeIndex(indexPath: string, options: Record<string, unknown>): Promise<void>;
  filters(): Promise<Counts>;
  preload(term: string, options?: object): Promise<void>;
  search(term: string | null, options: { filters?: Record<string, { any: string[] } | { none: string[] }> }): Promise<PagefindResponse>;
}

/**
 * A filter value no page has. Excluding it keeps every match and makes Pagefind load that
 * filter's index, and so count the matches of each of its values, and no other filter's.
 */
const NO_PAGE_HAS = '\u0000';

/** Characters that draw as nothing (a zero-width space), which Pagefind leaves out of a page's text. */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;

export function toHit(data: PagefindData): HitData {
  const title = data.meta.title ?? data.url;
  // Pagefind's text starts with the title (the h1 is part of the body), less what it left out; the excerpt shouldn't repeat it.
  const head = [title, title.replace(INVISIBLE, '')].find((shown) => data.content.startsWith(shown));
  const text = head === undefined ? data.content : data.content.slice(head.length).replace(/^[\s.:]+/, '');
  return {
    url: data.url,
    title,
    text: withoutSpellings(text, data.meta[SPELLINGS_META]),
    themes: data.filters.theme ?? [],
    listed: data.meta.listed,
    upvotes: data.meta.upvotes === undefined ? undefined : Number(data.meta.upvotes),
  };
}

/**
 * Pagefind ranks pages by their words, not by where the words are: five words copied from the
 * middle of an abstract ("further improve the performance of") rank every paper that has
 * them, in any order and place, before the one they were copied from. A query of
 * `PHRASE_WORDS` words or more is also searched as a phrase (Pagefind's `"…"` syntax), and the
 * pages that have it come first, in Pagefind's order; the rest follow in theirs. Both searches
 * need the same index chunks, so the second costs no download.
 */
async function phraseFirst(query: string | null, search: (term: string | null) => Promise<PagefindResponse>): Promise<PagefindResponse> {
  if (!isPhraseQuery(query)) return search(query);
  const [all, phrase] = await Promise.all([search(query), search(`"${query}"`)]);
  if (phrase.results.length === 0) return all;
  const inAll = new Set(all.results.map((r) => r.id));
  const first = phrase.results.filter((r) => inAll.has(r.id));
  const ids = new Set(first.map((r) => r.id));
  return { ...all, results: [...first, ...all.results.filter((r) => !ids.has(r.id))] };
}

export async function pagefindBackend(config: SearchConfig): Promise<Backend> {
  const pagefind = (await import(/* @vite-ignore */ config.pagefindUrl)) as Pagefind;
  // Result URLs come back relative to the site root; the base puts them under the subpath.
  const baseUrl = new URL(config.rootUrl).pathname;
  await pagefind.options({ baseUrl, noWorker: true });
  await pagefind.init();
  const inParts = config.pagefindParts.length > 1;
  for (const url of config.pagefindParts.slice(1)) await pagefind.mergeIndex(new URL(url).pathname, { baseUrl });
  // The whole filter index loads on first need for counts (the dialog never needs it); a filtered
  // search without counts loads only its filters' chunks, which Pagefind fetches itself.
  let catalog: Promise<Counts> | undefined;
  const loadFilters = () => (catalog ??= pagefind.filters());

  // Each page's data is one fragment request; keep them for the session.
  const loaded = new Map<string, Promise<HitData>>();
  const load = (result: PagefindResult) => {
    let data = loaded.get(result.id);
    if (!data) loaded.set(result.id, (data = result.data().then(toHit)));
    return data;
  };

  const toFilters = (filters: Filters) => {
    const out: Record<string, { any: string[] } | { none: string[] }> = {};
    for (const [facet, values] of Object.entries(filters)) if (values?.length) out[facet] = { any: values };
    if (inParts) out[WORDS_RECORD.filter] = { none: [WORDS_RECORD.value] };
    return out;
  };

  return {
    name: 'pagefind',

    async search(typed, filters, sort, { counts = true } = {}) {
      const query = typed && pagefindQuery(typed);
      const options = { filters: toFilters(filters) };
      if (counts) await loadFilters();
      if (sort === 'relevance') {
        const relevance = await phraseFirst(query, (term) => pagefind.search(term, options));
        return { total: relevance.results.length, counts: relevance.filters, page: (from, to) => Promise.all(relevance.results.slice(from, to).map(load)) };
      }

      // The matches in groups of one value of the order's filter, groups in the order's order
      // (src/lib/sort-orders.ts), each in relevance order: one search counts the groups, and a
      // page asks for the matches of only the groups it shows.
      const filter = SORT_FILTERS[sort];
      const all = await pagefind.search(query, { filters: { ...options.filters, [filter]: { none: [NO_PAGE_HAS] } } });
      const groups = Object.entries(all.filters[filter] ?? {})
        .filter(([, n]) => n > 0)
        .sort(([a], [b]) => compareSortValues(a, b));
      const members = new Map<string, Promise<PagefindResult[]>>();
      const membersOf = (value: string) => {
        let found = members.get(value);
        if (!found) members.set(value, (found = pagefind.search(query, { filters: { ...options.filters, [filter]: { any: [value] } } }).then((r) => r.results)));
        return found;
      };
      return {
        total: all.results.length,
        counts: all.filters,
        async page(from, to) {
          const shown: Promise<PagefindResult[]>[] = [];
          let start = 0;
          for (const [value, n] of groups) {
            if (start >= to) break;
            const [first, end] = [Math.max(0, from - start), to - start];
            if (end > 0 && first < n) shown.push(membersOf(value).then((results) => results.slice(first, end)));
            start += n;
          }
          return Promise.all((await Promise.all(shown)).flat().map(load));
        },
      };
    },

    async totals() {
      // Every paper has exactly one year value ("Undated" when unknown), so they add up to the catalog.
      const counts = await loadFilters();
      const total = Object.values(counts.year ?? {}).reduce((sum, n) => sum + n, 0);
      return { total, counts };
    },

    preload(query) {
      void pagefind.preload(pagefindQuery(query));
    },
  };
}
