/**
 * The results page's whole state lives in its URL, so a search can be shared, reloaded and
 * walked with back and forward: `?q=rectified+flow&theme=efficient-attention&theme=…&year=2024&published=2023&author=…&source=…&sort=newest`.
 * Values are the page's URL tokens (theme ids, years, author slugs, listing tokens from
 * src/lib/facets.ts), not Pagefind's labels. `verbatim=1` searches the query as typed, without
 * typo correction ("search instead for …"). (`like=`, the paper "Find similar" starts from, is
 * read once by `similar.ts` and is not part of this state.)
 */
import type { SortKey } from './engine.ts';

/** The facets that take one value (radios); `theme` takes several (checkboxes). */
export const SINGLE_FACETS = ['year', 'published', 'author', 'source'] as const;
export const FACETS = ['theme', ...SINGLE_FACETS] as const;
export type FacetKey = (typeof FACETS)[number];

export interface SearchState {
  q: string;
  theme: string[];
  year: string;
  /** Year of first publication. */
  published: string;
  author: string;
  source: string;
  sort: SortKey;
  /** Search the query as typed, without correcting it. */
  verbatim: boolean;
}

const SORTS: readonly SortKey[] = ['relevance', 'newest', 'upvotes'];

export function readState(search: string): SearchState {
  const params = new URLSearchParams(search);
  const sort = params.get('sort') as SortKey | null;
  return {
    q: params.get('q') ?? '',
    theme: [...new Set(params.getAll('theme').filter(Boolean))],
    year: params.get('year') ?? '',
    published: params.get('published') ?? '',
    author: params.get('author') ?? '',
    source: params.get('source') ?? '',
    sort: sort && SORTS.includes(sort) ? sort : 'relevance',
    verbatim: params.get('verbatim') === '1',
  };
}

/** The query string for a state, defaults left out, in a fixed order so equal states give equal URLs. */
export function writeState(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set('q', state.q.trim());
  for (const theme of state.theme) params.append('theme', theme);
  if (state.year) params.set('year', state.year);
  if (state.published) params.set('published', state.published);
  if (state.author) params.set('author', state.author);
  if (state.source) params.set('source', state.source);
  if (state.sort !== 'relevance') params.set('sort', state.sort);
  if (state.verbatim && state.q.trim()) params.set('verbatim', '1');
  const query = params.toString();
  return query ? `?${query}` : '';
}
