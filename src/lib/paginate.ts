import { withBase } from './urls.ts';

/** Papers per page of a theme; keeps a shelf page well under 100 KB of HTML however big the catalog (~2 KB a paper). */
export const SHELF_PAGE_SIZE = 40;
/** Titles per page of the A–Z index, which shows one line per paper. */
export const INDEX_PAGE_SIZE = 250;

export interface Page<T> {
  items: T[];
  /** 1-based. */
  number: number;
  count: number;
}

/** Splits `items` into pages of `size`; an empty list is still one (empty) page. */
export function pagesOf<T>(items: readonly T[], size: number): Page<T>[] {
  const count = Math.max(1, Math.ceil(items.length / size));
  return Array.from({ length: count }, (_, i) => ({ items: items.slice(i * size, (i + 1) * size), number: i + 1, count }));
}

/** The `page` route parameter of page `n`: none for the first page, so it keeps the listing's own URL. */
export function pageParam(n: number): string | undefined {
  return n === 1 ? undefined : `page/${n}`;
}

/** URL of page `n` of the listing whose first page is at site path `first` (`themes/x/`). */
export function pageUrl(first: string, n: number): string {
  return withBase(n === 1 ? first : `${first}${pageParam(n)}/`);
}
