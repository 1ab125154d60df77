/**
 * "Find similar": the papers closest to a pasted paragraph, or to one paper, in the same TF-IDF
 * space as the related-papers lists (src/lib/related.ts). `packSimilar` writes each paper's
 * vector at build time; `SimilarIndex` scores in the browser by cosine similarity, visiting
 * only the papers that share a term with the query.
 *
 * Format (`PackedSimilar`, JSON): the terms of every vector with their document frequencies,
 * and per paper its site path, title and vector as `[term position, weight × 1000]` pairs.
 */
import { sharedTerms, termWeight, type Doc, type TermSpace } from './related.ts';
import { countTerms } from './terms.ts';

export interface PackedSimilar {
  version: 1;
  /** Papers in the catalog, for inverse document frequencies. */
  papers: number;
  /** Terms used by any vector, `|`-separated (terms may hold spaces). */
  terms: string;
  /** Document frequency of each term, in `terms` order. */
  df: number[];
  /** Per paper: path from the site root, title, and flat `[term, weight, term, weight, …]`. */
  docs: { u: string; t: string; v: number[] }[];
}

/** Weights keep three decimals: ranks are unchanged and the file a third smaller. */
const SCALE = 1000;

export function packSimilar(docs: readonly Doc[], space: TermSpace, pathOf: (id: string) => string): PackedSimilar {
  const terms = [...new Set(space.vectors.flatMap((v) => [...v.keys()]))].sort();
  const position = new Map(terms.map((term, i) => [term, i]));
  return {
    version: 1,
    papers: docs.length,
    terms: terms.join('|'),
    df: terms.map((term) => space.df.get(term)!),
    docs: docs.map((doc, i) => ({
      u: pathOf(doc.id),
      t: doc.title,
      v: [...space.vectors[i]!].flatMap(([term, w]) => [position.get(term)!, Math.round(w * SCALE)]),
    })),
  };
}

export interface SimilarHit {
  /** Path of the paper's page from the site root. */
  url: string;
  title: string;
  /** Cosine similarity, 0–1. */
  score: number;
  /** Up to three terms the two share that weigh most in both. */
  terms: string[];
}

export class SimilarIndex {
  private readonly packed: PackedSimilar;
  private readonly termIndex: Map<string, number>;
  private readonly vectors: Map<string, number>[];
  /** Term position → the papers that have it, and its weight in each. */
  private readonly postings: { doc: number; weight: number }[][];

  constructor(packed: PackedSimilar) {
    if (packed.version !== 1) throw new Error(`Unsupported similar-papers index version ${String(packed.version)}`);
    this.packed = packed;
    const terms = packed.terms ? packed.terms.split('|') : [];
    this.termIndex = new Map(terms.map((term, i) => [term, i]));
    this.postings = terms.map(() => []);
    this.vectors = packed.docs.map((doc, d) => {
      const vector = new Map<string, number>();
      for (let k = 0; k < doc.v.length; k += 2) {
        const weight = doc.v[k + 1]! / SCALE;
        vector.set(terms[doc.v[k]!]!, weight);
        this.postings[doc.v[k]!]!.push({ doc: d, weight });
      }
      return vector;
    });
  }

  get size(): number {
    return this.packed.docs.length;
  }

  /**
   * The text's vector: its terms (as the related-papers lists count them, all as abstract
   * words) that some paper's vector holds, TF-IDF weighted, unit length. Other terms would
   * meet no paper. Empty when the text shares no term with the catalog.
   */
  vectorOf(text: string): Map<string, number> {
    const vector = new Map<string, number>();
    for (const [term, tf] of countTerms({ title: '', abstract: text })) {
      const at = this.termIndex.get(term);
      if (at !== undefined) vector.set(term, termWeight(tf, this.packed.df[at]!, this.packed.papers));
    }
    const norm = Math.hypot(...vector.values()) || 1;
    for (const [term, w] of vector) vector.set(term, w / norm);
    return vector;
  }

  /** The `count` papers closest to a paragraph of text, closest first. */
  like(text: string, count = 10): SimilarHit[] {
    return this.closest(this.vectorOf(text), count, -1);
  }

  /** The `count` papers closest to the paper at `path` (itself left out); null when no paper has that path. */
  likePaper(path: string, count = 10): { title: string; hits: SimilarHit[] } | null {
    const doc = this.packed.docs.findIndex((d) => d.u === path);
    if (doc === -1) return null;
    return { title: this.packed.docs[doc]!.t, hits: this.closest(this.vectors[doc]!, count, doc) };
  }

  private closest(query: Map<string, number>, count: number, skip: number): SimilarHit[] {
    const scores = new Map<number, number>();
    for (const [term, w] of query) {
      for (const { doc, weight } of this.postings[this.termIndex.get(term)!] ?? []) {
        if (doc !== skip) scores.set(doc, (scores.get(doc) ?? 0) + w * weight);
      }
    }
    // Ties go to the paper first in the file (title order), so results never depend on Map order.
    return [...scores]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, count)
      .map(([doc, score]) => ({
        url: this.packed.docs[doc]!.u,
        title: this.packed.docs[doc]!.t,
        score,
        terms: sharedTerms(query, this.vectors[doc]!),
      }));
  }
}
