/**
 * The offline edition's search, in the browser: answers queries from the packed index
 * (`src/lib/packed-index.ts`) with BM25 scores, filters, value counts and sort orders, as
 * Pagefind does on the hosted site. Pure.
 */
import { decodePostings, INDEX_VERSION, type PackedIndex, type Posting } from '../../lib/packed-index.ts';
import { MIN_LENGTH } from '../../lib/spelling.ts';
import { hasPhrase, indexTerms, isPhraseQuery, SHORT_STEM, sortedPosition, typedPast, words, type QueryTerm } from '../../lib/search-text.ts';
import { compareSortValues, NO_VALUE } from '../../lib/sort-orders.ts';

/** A stored document, as the UI shows it. */
export interface OfflineDoc {
  url: string;
  title: string;
  text: string;
  filters: Record<string, string[]>;
  meta: Record<string, string>;
}

export interface OfflineHit {
  /** Position of the document in the index. */
  doc: number;
  score: number;
}

export interface OfflineResult {
  hits: OfflineHit[];
  /** For each filter, how many hits have each value (every value listed, zeros included). */
  counts: Record<string, Record<string, number>>;
}

export interface OfflineQuery {
  /** Words to find; empty or null lists every page that passes the filters. */
  query: string | null;
  /** Filter name → accepted values; a page passes when it has any of them, for every filter given. */
  filters?: Record<string, readonly string[]>;
  /** The filter whose values order the hits (src/lib/sort-orders.ts); ties, and the default, go by relevance. */
  sort?: string;
}

// BM25 with the usual constants; a title hit adds TITLE_BOOST on top of the body's term frequency part.
const K1 = 1.2;
const B = 0.75;
const TITLE_BOOST = 3;

/** Query side of the packed index. Decodes postings lazily, per term looked up. */
export class OfflineIndex {
  readonly size: number;
  private readonly terms: string[];
  private readonly encoded: string[];
  private readonly decoded = new Map<number, Posting[]>();
  private readonly averageLength: number;
  private readonly packed: PackedIndex;

  constructor(packed: PackedIndex) {
    this.packed = packed;
    if (packed.version !== INDEX_VERSION) throw new Error(`Unsupported search index version ${String(packed.version)}`);
    this.size = packed.docs.length;
    this.terms = packed.terms ? packed.terms.split(' ') : [];
    this.encoded = packed.postings ? packed.postings.split(' ') : [];
    this.averageLength = packed.docs.reduce((sum, d) => sum + d.n, 0) / Math.max(1, packed.docs.length);
  }

  /** The stored document at a position of the index (a hit's `doc`). */
  doc(index: number): OfflineDoc {
    const d = this.packed.docs[index]!;
    const filters: Record<string, string[]> = {};
    for (const [name, positions] of Object.entries(d.f)) filters[name] = positions.map((p) => this.packed.facets[name]![p]!);
    return { url: d.u, title: d.t, text: d.x, filters, meta: d.m };
  }

  /**
   * Every page that has all the query's terms (`expand`: "distilled" finds "distillation",
   * both `distil`, and "conv" finds "convolution"), and each of its quoted
   * phrases as a phrase, and passes the filters, best first, with value counts. A query with no
   * word in it ("???", an emoji) finds nothing, as on the hosted site; no query lists every page.
   */
  search({ query, filters = {}, sort }: OfflineQuery): OfflineResult {
    const allowed = this.filterSet(filters);
    let scores: Map<number, number>;
    const terms = query ? indexTerms(query) : [];
    if (query?.trim() && terms.length === 0) {
      scores = new Map();
    } else if (terms.length === 0) {
      scores = new Map();
      for (let i = 0; i < this.size; i++) if (allowed(i)) scores.set(i, 0);
    } else {
      scores = this.score(terms, allowed);
    }
    // Pagefind's syntax: "space state" is those words together, in that order.
    const quoted = [...(query ?? '').matchAll(/"([^"]+)"/g)].map(([, phrase]) => words(phrase!).map((w) => w.term)).filter((phrase) => phrase.length > 0);
    const hits = [...scores].filter(([doc]) => quoted.every((phrase) => this.hasPhrase(doc, phrase))).map(([doc, score]) => ({ doc, score }));
    const bySort = sort ? this.sortComparator(sort) : () => 0;
    // As online: a query of several words ranks the pages that have it as a phrase first.
    const phrase = !sort && isPhraseQuery(query) ? words(query).map((w) => w.term) : null;
    const inPhrase = new Set(phrase ? hits.filter(({ doc }) => this.hasPhrase(doc, phrase)).map((h) => h.doc) : []);
    const byPhrase = (a: number, b: number) => Number(inPhrase.has(b)) - Number(inPhrase.has(a));
    hits.sort((a, b) => bySort(a.doc, b.doc) || byPhrase(a.doc, b.doc) || b.score - a.score || a.doc - b.doc);
    return { hits, counts: this.count(hits) };
  }

  /** Whether the page's title or its text has the phrase's terms together, in order. */
  private hasPhrase(index: number, phrase: readonly string[]): boolean {
    const d = this.packed.docs[index]!;
    return hasPhrase(d.t, phrase) || hasPhrase(d.x, phrase);
  }

  /**
   * Index terms (stems) a query term stands for, with a weight: the hits of `isHit`
   * (src/lib/search-text.ts) as far as stems can tell them. Its own stem counts fully; a stem
   * that its word or its long stem begins, less the more it adds (`flow` → `flowing`); and,
   * when the index lacks its own stem, a stem it is typed on from (`typedPast`: "attenti" of
   * `attent`, whatever longer word, "attentionless", it also begins). When none of that finds
   * a term, as when Porter2 rewrote the ending ("capabilit" of "capability", `capabl`), it
   * stands for what its longest start does, down to half its length, as Pagefind falls back;
   * the engine asks no index about a word whose first half no catalog word has
   * (src/lib/spelling.ts). A name with a digit is found whole or not at all.
   */
  private expand(q: QueryTerm): [index: number, weight: number][] {
    const found = new Map<number, number>();
    const add = (index: number, weight: number) => found.set(index, Math.max(found.get(index) ?? 0, weight));
    const own = this.position(q.stem);
    if (own !== -1) add(own, 1);
    for (const start of q.stem.length >= SHORT_STEM ? [q.word, q.stem] : [q.word]) {
      for (const i of this.startingWith(start)) add(i, this.terms[i] === q.stem ? 1 : 0.5 * (start.length / this.terms[i]!.length));
    }
    if (/\d/.test(q.word)) return [...found];
    for (let end = q.word.length - 1; own === -1 && end >= SHORT_STEM; end--) {
      const shorter = this.position(q.word.slice(0, end));
      if (shorter !== -1 && typedPast(q.word, this.terms[shorter]!)) add(shorter, 0.5 * (end / q.word.length));
    }
    for (let end = q.word.length - 1; found.size === 0 && end >= Math.max(MIN_LENGTH, Math.ceil(q.word.length / 2)); end--) {
      for (const i of this.startingWith(q.word.slice(0, end))) add(i, 0.25 * (end / this.terms[i]!.length));
    }
    return [...found];
  }

  /** Positions of the index's terms that start with `start`. */
  private *startingWith(start: string): Generator<number> {
    for (let i = sortedPosition(this.terms, start); i < this.terms.length && this.terms[i]!.startsWith(start); i++) yield i;
  }

  /** Where `term` is among the index's terms, or -1. */
  private position(term: string): number {
    const at = sortedPosition(this.terms, term);
    return this.terms[at] === term ? at : -1;
  }

  private postings(index: number): Posting[] {
    let list = this.decoded.get(index);
    if (!list) this.decoded.set(index, (list = decodePostings(this.encoded[index] ?? '')));
    return list;
  }

  /** Pages that contain every query term (a term it stands for, `expand`), with BM25 scores. */
  private score(terms: QueryTerm[], allowed: (doc: number) => boolean): Map<number, number> {
    let result: Map<number, number> | undefined;
    for (const term of terms) {
      const best = new Map<number, number>();
      for (const [index, weight] of this.expand(term)) {
        const list = this.postings(index);
        const idf = Math.log(1 + (this.size - list.length + 0.5) / (list.length + 0.5));
        for (const [doc, body, title] of list) {
          if (result ? !result.has(doc) : !allowed(doc)) continue;
          const length = this.packed.docs[doc]!.n / this.averageLength;
          const tf = (body * (K1 + 1)) / (body + K1 * (1 - B + B * length));
          const score = weight * idf * (tf + TITLE_BOOST * title);
          if (score > (best.get(doc) ?? 0)) best.set(doc, score);
        }
      }
      if (result) {
        const previous: Map<number, number> = result;
        for (const [doc, score] of best) best.set(doc, score + previous.get(doc)!);
      }
      result = best;
      if (result.size === 0) break;
    }
    return result ?? new Map();
  }

  private filterSet(filters: Record<string, readonly string[]>): (doc: number) => boolean {
    const checks: [name: string, positions: Set<number>][] = [];
    for (const [name, values] of Object.entries(filters)) {
      if (!values.length) continue;
      const table = this.packed.facets[name] ?? [];
      checks.push([name, new Set(values.map((v) => table.indexOf(v)))]);
    }
    return (doc) => {
      const f = this.packed.docs[doc]!.f;
      return checks.every(([name, positions]) => (f[name] ?? []).some((p) => positions.has(p)));
    };
  }

  /** Orders documents by their value of a sort filter; a page without one counts as having none. */
  private sortComparator(filter: string): (a: number, b: number) => number {
    const values = this.packed.facets[filter] ?? [];
    const valueOf = (doc: number) => {
      const position = this.packed.docs[doc]!.f[filter]?.[0];
      return position === undefined ? NO_VALUE : values[position]!;
    };
    return (a, b) => compareSortValues(valueOf(a), valueOf(b));
  }

  private count(hits: OfflineHit[]): Record<string, Record<string, number>> {
    const counts: Record<string, Record<string, number>> = {};
    for (const [name, values] of Object.entries(this.packed.facets)) {
      const tally = (counts[name] = Object.fromEntries(values.map((v) => [v, 0])));
      for (const { doc } of hits) for (const p of this.packed.docs[doc]!.f[name] ?? []) tally[values[p]!]!++;
    }
    return counts;
  }
}
