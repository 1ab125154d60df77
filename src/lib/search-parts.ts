/** `pagefind/`: the folder of Pagefind's index and its script, `pagefind.js`. */
export const PAGEFIND_DIR = 'pagefind/';

/**
 * Where each part of the search index is, relative to the site root: the first is Pagefind's usual
 * `pagefind/`, the others `pagefind/part-<n>/` beside its files (a large catalog's index is made in
 * parts: src/lib/large-catalog.ts). Used by the build that writes them and the browser that merges
 * them, so it imports nothing.
 */
export function searchPartPaths(parts: number): string[] {
  return Array.from({ length: parts }, (_, i) => (i === 0 ? PAGEFIND_DIR : `${PAGEFIND_DIR}part-${i + 1}/`));
}

/**
 * The filter and value of the record that holds every word of the catalog in each part of an index
 * in parts (src/build/integration.ts says why): searches leave it out.
 */
export const WORDS_RECORD = { filter: 'shelfmark', value: 'words' } as const;
