/**
 * The words of a large catalog's paper pages, for the record every part of its search index
 * holds (src/build/integration.ts says why). Each word once, so the record adds one place per
 * word to the index, not one per paper that writes it: read from what Pagefind indexes
 * (src/offline/extract.ts), not the raw HTML, whose ignored parts (the BibTeX entry, the page's
 * own URL) held a word per paper.
 */
import type { ExtractedPage } from '../offline/extract.ts';

/** Punctuation around a word, which Pagefind drops. */
const EDGE_PUNCTUATION = /^\p{P}+|\p{P}+$/gu;

/**
 * One spelling per word as Pagefind tells words apart: punctuation around it dropped, and its
 * case folded unless the word mixes cases inside (Pagefind splits `WebView` into `web view`).
 */
export function wordForm(token: string): string {
  const word = token.replace(EDGE_PUNCTUATION, '');
  const oneCase = /^\p{Lu}?[^\p{Lu}]*$/u.test(word) || !/\p{Ll}/u.test(word);
  return oneCase ? word.toLowerCase() : word;
}

/** Adds the page's indexed words, in their forms, to `words`. */
export function addWords(words: Set<string>, page: ExtractedPage): void {
  for (const token of `${page.title} ${page.text}`.split(/\s+/)) {
    const word = wordForm(token);
    if (word) words.add(word);
  }
}
