/**
 * The offline edition's search index as it travels from the build to the browser: one classic
 * script, `search-index.js`, that sets `window.shelfmarkSearchIndex` (pages opened from `file://`
 * can neither fetch nor instantiate WebAssembly, so Pagefind can't serve them). Written in Node
 * by `src/offline/search-index.ts`, read in the browser by `src/browser/search/offline-index.ts`;
 * this module is the format both keep to.
 *
 * Format (`PackedIndex`, JSON): documents with their stored fields, facet value tables, the
 * sorted vocabulary as one space-separated string, and each term's postings as one string of
 * `<doc delta in base 36><frequency code>` pairs. The code is a capital letter,
 * `A + min(bodyHits, 7) * 3 + min(titleHits, 2)`, which also ends the delta, so a posting
 * usually costs two or three bytes.
 */

/** The index script's name, at the root of the offline edition. */
export const INDEX_FILE = 'search-index.js';

/** The global the index script sets. */
export const INDEX_GLOBAL = 'shelfmarkSearchIndex';

/** The format's version; a reader refuses any other. */
export const INDEX_VERSION = 2;

export interface PackedDoc {
  /** url */
  u: string;
  /** title */
  t: string;
  /** text */
  x: string;
  /** number of words in title and text, for length normalisation */
  n: number;
  /** filter name → positions in `facets[name]` */
  f: Record<string, number[]>;
  /** metadata */
  m: Record<string, string>;
}

export interface PackedIndex {
  version: typeof INDEX_VERSION;
  /** Filter name → every value it takes, sorted. */
  facets: Record<string, string[]>;
  docs: PackedDoc[];
  /** Every term, sorted, separated by spaces. */
  terms: string;
  /** Each term's encoded postings, in the order of `terms`, separated by spaces. */
  postings: string;
}

/** One page's hits for a term: in its body and in its title. */
export type Posting = [doc: number, body: number, title: number];

const BODY_CAP = 7;
const TITLE_CAP = 2;
const CODE_BASE = 'A'.charCodeAt(0);

/** A term's postings, in ascending document order, as one string. Hit counts above the caps are capped. */
export function encodePostings(postings: readonly Posting[]): string {
  let out = '';
  let previous = 0;
  for (const [doc, body, title] of postings) {
    const code = Math.min(body, BODY_CAP) * (TITLE_CAP + 1) + Math.min(title, TITLE_CAP);
    out += (doc - previous).toString(36) + String.fromCharCode(CODE_BASE + code);
    previous = doc;
  }
  return out;
}

/** The postings `encodePostings` wrote. */
export function decodePostings(text: string): Posting[] {
  const list: Posting[] = [];
  let doc = 0;
  let digits = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0) - CODE_BASE;
    if (code >= 0 && code < 26) {
      doc += parseInt(digits, 36);
      digits = '';
      list.push([doc, Math.floor(code / (TITLE_CAP + 1)), code % (TITLE_CAP + 1)]);
    } else {
      digits += ch;
    }
  }
  return list;
}
