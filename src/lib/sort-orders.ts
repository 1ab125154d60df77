/**
 * The search's orders besides relevance, each read from a filter every paper page carries:
 * `listed` (the day it was listed) and `upvotes`. Filters, not Pagefind sort keys: Pagefind puts
 * every sort order into the metadata each search loads first, two numbers per page per order
 * (112 KB gzipped at 30,000 papers), while a filter's index loads only when a search uses it. A
 * sorted search asks Pagefind how many matches each value has, then for the matches of each
 * value in turn, as far as the page shown needs (src/browser/search/pagefind.ts); the offline
 * edition sorts by the same values (src/browser/search/offline-index.ts).
 *
 * Shared by the paper page, the browser and the offline edition, so it imports nothing.
 */

/** The filter each order reads. */
export const SORT_FILTERS = { newest: 'listed', upvotes: 'upvotes' } as const;

/** The value of a paper whose listing gave no date, or whose source gave no upvotes. */
export const NO_VALUE = 'none';

/** The `listed` value of a paper: its listing day, `YYYY-MM-DD`. */
export function listedValue(listedOn: string | null | undefined): string {
  return listedOn ?? NO_VALUE;
}

/** The `upvotes` value of a paper. */
export function upvotesValue(upvotes: number | null | undefined): string {
  return upvotes === null || upvotes === undefined ? NO_VALUE : String(upvotes);
}

/**
 * The order of a sort filter's values, first shown first: the latest day or the most upvotes
 * first, papers without a value last. Days compare as text, counts as numbers.
 */
export function compareSortValues(a: string, b: string): number {
  if (a === b) return 0;
  if (a === NO_VALUE || b === NO_VALUE) return a === NO_VALUE ? 1 : -1;
  const [x, y] = [Number(a), Number(b)];
  if (Number.isFinite(x) && Number.isFinite(y)) return y - x;
  return a < b ? 1 : -1;
}
