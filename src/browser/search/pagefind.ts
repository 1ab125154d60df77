/**
 * Pagefind behind the `Backend` interface. Pagefind is imported from the built site at run
 * time (it is not part of the bundle), only when someone first searches.
 */
import { isPhraseQuery } from '../../lib/search-text.ts';
import type { Backend, Counts, Filters, HitData, SearchConfig, SortKey } from './engine.ts';

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
  /** Value counts over these results. */
  filters: Counts;
}
interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  filters(): Promise<Counts>;
  preload(term: string, options?: object): Promise<void>;
  search(
    term: string | null,
    options: { filters?: Record<string, { any: string[] }>; sort?: Record<string, 'asc' | 'desc'> },
  ): Promise<PagefindResponse>;
}

/** Sort key in the index, and the metadata a page carries only when its value is known. */
const SORTS: Record<Exclude<SortKey, 'relevance'>, { key: string; known: string }> = {
  newest: { key: 'date', known: 'listed' },
  upvotes: { key: 'upvotes', known: 'upvotes' },
};

function toHit(data: PagefindData): HitData {
  const title = data.meta.title ?? data.url;
  // Pagefind's text starts with the title (the h1 is part of the body); the excerpt shouldn't repeat it.
  const text = data.content.startsWith(title) ? data.content.slice(title.length).replace(/^[\s.:]+/, '') : data.content;
  return {
    url: data.url,
    title,
    text,
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
  await pagefind.options({ baseUrl: new URL(config.rootUrl).pathname, noWorker: true });
  await pagefind.init();
  // The filter index loads on first need (the dialog never needs it): until it has, searches
  // neither filter nor count.
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
    const out: Record<string, { any: string[] }> = {};
    for (const [facet, values] of Object.entries(filters)) if (values?.length) out[facet] = { any: values };
    return out;
  };

  return {
    name: 'pagefind',

    async search(query, filters, sort, { counts = true } = {}) {
      const options = { filters: toFilters(filters) };
      if (counts || Object.keys(options.filters).length) await loadFilters();
      const relevance = await phraseFirst(query, (term) => pagefind.search(term, options));
      const total = relevance.results.length;
      if (sort === 'relevance') {
        return { total, counts: relevance.filters, page: (from, to) => Promise.all(relevance.results.slice(from, to).map(load)) };
      }

      // Every paper has a sort value (unknown dates are 0000-00-00, unknown upvotes 0), so
      // Pagefind's sorted order puts papers with a known value first and the rest last, in
      // index order. That rest reads better by relevance: walk the sorted list until the
      // first page without the value (its metadata says), then follow with everything else
      // in relevance order. The walk loads only fragments the first pages show anyway.
      const { key, known } = SORTS[sort];
      const sorted = (await pagefind.search(query, { ...options, sort: { [key]: 'desc' } })).results;
      const head: PagefindResult[] = [];
      let order: PagefindResult[] | undefined;
      const finish = () => {
        const ids = new Set(head.map((r) => r.id));
        order = [...head, ...relevance.results.filter((r) => !ids.has(r.id))];
      };
      const settle = async (upTo: number) => {
        while (!order && head.length < upTo) {
          const batch = sorted.slice(head.length, upTo);
          if (batch.length === 0) return finish();
          const data = await Promise.all(batch.map(load));
          for (const [i, hit] of data.entries()) {
            const value = known === 'listed' ? hit.listed : hit.upvotes;
            if (value === undefined) return finish();
            head.push(batch[i]!);
          }
        }
      };
      return {
        total,
        counts: relevance.filters,
        async page(from, to) {
          await settle(to);
          return Promise.all((order ?? head).slice(from, to).map(load));
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
      void pagefind.preload(query);
    },
  };
}
