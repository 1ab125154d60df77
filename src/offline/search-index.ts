/**
 * The offline edition's search index: a compact inverted index over the same pages and
 * filters that Pagefind indexes, in the format of `src/lib/packed-index.ts`, its terms stemmed
 * as Pagefind's are (`stem` in src/lib/search-text.ts). Made at build time;
 * `src/browser/search/offline-index.ts` answers queries with it. Pure.
 */
import { encodePostings, INDEX_GLOBAL, INDEX_VERSION, type PackedDoc, type PackedIndex, type Posting } from '../lib/packed-index.ts';
import { joinedNames, SPELLINGS_META, withoutSpellings, words, type Word } from '../lib/search-text.ts';
import type { ExtractedPage } from './extract.ts';

/** One indexed page, as read from the built HTML (see `extract.ts`). */
export interface SourceDoc extends ExtractedPage {
  /** Site path relative to the site root, e.g. `papers/x/`. */
  url: string;
}

/** Builds the packed index. Documents keep the given order, which is also the order of results that tie. */
export function buildIndex(docs: readonly SourceDoc[]): PackedIndex {
  const facetNames = [...new Set(docs.flatMap((d) => Object.keys(d.filters)))].sort();
  const facets: Record<string, string[]> = {};
  for (const name of facetNames) {
    facets[name] = [...new Set(docs.flatMap((d) => d.filters[name] ?? []))].sort((a, b) => a.localeCompare(b, 'en'));
  }

  const postings = new Map<string, Posting[]>();
  const packed: PackedDoc[] = docs.map((doc, i) => {
    const counts = new Map<string, [body: number, title: number]>();
    const tally = (field: 0 | 1, found: readonly Word[]) => {
      for (const w of found) {
        const c = counts.get(w.term) ?? [0, 0];
        c[field]++;
        counts.set(w.term, c);
      }
    };
    const titleWords = words(doc.title);
    const textWords = words(doc.text);
    tally(1, titleWords);
    tally(0, textWords);
    // A name joined with a digit ("GPT-4") is also one term ("gpt4"), as Pagefind indexes it and people type it.
    const names = (text: string) => joinedNames(text).map((term) => ({ term, start: 0, end: 0 }));
    tally(1, names(doc.title));
    tally(0, names(doc.text));
    for (const [term, [body, title]] of counts) {
      let list = postings.get(term);
      if (!list) postings.set(term, (list = []));
      list.push([i, body, title]);
    }
    const f: Record<string, number[]> = {};
    for (const name of facetNames) {
      const values = doc.filters[name];
      if (values?.length) f[name] = [...new Set(values)].map((v) => facets[name]!.indexOf(v));
    }
    // The plain spellings are found (they are in the words above) but not shown, nor kept twice.
    const { [SPELLINGS_META]: spellings, ...meta } = doc.meta;
    return { u: doc.url, t: doc.title, x: withoutSpellings(doc.text, spellings), n: titleWords.length + textWords.length, f, m: meta };
  });

  const terms = [...postings.keys()].sort();
  const encoded = terms.map((term) => encodePostings(postings.get(term)!));
  return { version: INDEX_VERSION, facets, docs: packed, terms: terms.join(' '), postings: encoded.join(' ') };
}

/** The index as the classic script the offline edition loads. */
export function indexScript(index: PackedIndex): string {
  return `/* Shelfmark offline search index: ${index.docs.length} pages. */\nwindow.${INDEX_GLOBAL}=${JSON.stringify(index)};\n`;
}
