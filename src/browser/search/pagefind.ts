/**
 * Pagefind behind the `Backend` interface. Pagefind is imported from the built site at run
 * time (it is not part of the bundle), only when someone first searches.
 *
 * A large catalog's index is in parts (src/lib/large-catalog.ts), which Pagefind merges: results
 * by score, filter counts added up. Its merged results are always in score order, so sorted
 * searches ask each part on its own (a synthetic `part` filter tells them apart) and merge the
 * parts' sorted lists here. Each part also holds a record of all the catalog's words, which every
 * search leaves out (src/build/integration.ts says why).
 */
import { isPhraseQuery } from '../../lib/search-text.ts';
import { WORDS_RECORD } from '../../lib/search-parts.ts';
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
  mergeIndex(indexPath: string, options: Record<string, unknown>): Promise<void>;
  filters(): Promise<Counts>;
  preload(term: string, options?: object): Promise<void>;
  search(
    term: string | null,
    options: { filters?: Record<string, { any: string[] } | { none: string[] }>; sort?: Record<string, 'asc' | 'desc'> },
  ): Promise<PagefindResponse>;
}

/** The synthetic filter that names each part of a merged index: its number, from 1. */
const PART = 'part';

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
  const baseUrl = new URL(config.rootUrl).pathname;
  await pagefind.options({ baseUrl, noWorker: true });
  await pagefind.init();
  // One name per part for the sorted searches; none when the index is whole.
  const parts = config.pagefindParts.length > 1 ? config.pagefindParts.map((_, i) => String(i + 1)) : [null];
  if (parts[0] !== null) {
    await pagefind.options({ mergeFilter: { [PART]: parts[0] } });
    for (const [i, url] of config.pagefindParts.entries()) {
      if (i > 0) await pagefind.mergeIndex(new URL(url).pathname, { baseUrl, mergeFilter: { [PART]: parts[i] } });
    }
  }
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
    if (parts[0] !== null) out[WORDS_RECORD.filter] = { none: [WORDS_RECORD.value] };
    return out;
  };

  return {
    name: 'pagefind',

    async search(query, filters, sort, { counts = true } = {}) {
      const options = { filters: toFilters(filters) };
      if (counts) await loadFilters();
      const relevance = await phraseFirst(query, (term) => pagefind.search(term, options));
      const total = relevance.results.length;
      if (sort === 'relevance') {
        return { total, counts: relevance.filters, page: (from, to) => Promise.all(relevance.results.slice(from, to).map(load)) };
      }

      // Every paper has a sort value (unknown dates are 0000-00-00, unknown upvotes 0), so
      // Pagefind's sorted order puts papers with a known value first and the rest last, in
      // index order. That rest reads better by relevance: walk the sorted list until the
      // first page without the value (its metadata says), then follow with everything else
      // in relevance order. The walk loads only fragments the first pages show anyway (for an
      // index in parts, as many from each part, as any part may hold them all).
      const { key, known } = SORTS[sort];
      const valueOf = (hit: HitData) => (known === 'listed' ? hit.listed : hit.upvotes);
      const lists = await Promise.all(
        parts.map(async (part) => {
          const filters = part === null ? options.filters : { ...options.filters, [PART]: { any: [part] } };
          return (await pagefind.search(query, { filters, sort: { [key]: 'desc' } })).results;
        }),
      );
      const next = lists.map(() => 0);
      const head: PagefindResult[] = [];
      let order: PagefindResult[] | undefined;
      const finish = () => {
        const ids = new Set(head.map((r) => r.id));
        order = [...head, ...relevance.results.filter((r) => !ids.has(r.id))];
      };
      const settle = async (upTo: number) => {
        if (order || head.length >= upTo) return;
        const from = [...next];
        const wanted = upTo - head.length;
        const loaded = await Promise.all(lists.map((list, p) => Promise.all(list.slice(from[p], from[p]! + wanted).map(load))));
        while (head.length < upTo) {
          // The part whose next result has the highest known value; the first such part on a tie.
          let best = -1;
          let bestValue: string | number | undefined;
          for (const [p, hits] of loaded.entries()) {
            const hit = hits[next[p]! - from[p]!];
            const value = hit && valueOf(hit);
            if (value !== undefined && (best < 0 || value > bestValue!)) [best, bestValue] = [p, value];
          }
          if (best < 0) return finish();
          head.push(lists[best]![next[best]!]!);
          next[best]!++;
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
