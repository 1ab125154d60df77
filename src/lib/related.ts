import { countTerms } from './terms.ts';

/** A neighbour of a paper, and the terms the two share most. */
export interface Related {
  id: string;
  score: number;
  /** Up to three shared terms, strongest first: the "related because" line. */
  terms: string[];
}

export interface Doc {
  id: string;
  title: string;
  abstract: string;
}

/**
 * Terms in more papers than this ("transformer", "model") relate everything, so nothing:
 * a tenth of a small catalog, and in a large one barely more than a hundred papers, which
 * also bounds the work per paper as the catalog grows.
 */
function maxDocumentFrequency(papers: number): number {
  return Math.max(2, Math.floor(Math.min(papers * 0.1, 50 + papers * 0.01)));
}
/** A paper's strongest terms stand for it; comparing on these alone keeps the work near-linear. */
const TERMS_PER_DOC = 24;

/** TF-IDF weight of a term met `tf` times in a text and in `n` of `papers` papers. */
export function termWeight(tf: number, n: number, papers: number): number {
  return (1 + Math.log(tf)) * Math.log(papers / n);
}

/** The catalog's TF-IDF space: each paper's strongest terms, weighted and normalised, and every term's document frequency. */
export interface TermSpace {
  /** Per paper, in the order given: term → weight, at most `TERMS_PER_DOC` terms, unit length. */
  vectors: Map<string, number>[];
  /** Term → number of papers that have it. */
  df: Map<string, number>;
}

/**
 * Each paper's vector: its `TERMS_PER_DOC` strongest terms among those that can relate it to
 * another paper (in at least two papers, and not in so many that they relate everything).
 */
export function termSpace(docs: readonly Doc[]): TermSpace {
  const termCounts = docs.map((doc) => countTerms(doc));
  const df = new Map<string, number>();
  for (const counts of termCounts) for (const term of counts.keys()) df.set(term, (df.get(term) ?? 0) + 1);

  const maxDf = maxDocumentFrequency(docs.length);
  const vectors = termCounts.map((counts) => {
    const weights: [string, number][] = [];
    for (const [term, tf] of counts) {
      const n = df.get(term)!;
      if (n < 2 || n > maxDf) continue; // a term no other paper has cannot relate two papers
      weights.push([term, termWeight(tf, n, docs.length)]);
    }
    weights.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const top = weights.slice(0, TERMS_PER_DOC);
    const norm = Math.hypot(...top.map(([, w]) => w)) || 1;
    return new Map(top.map(([term, w]) => [term, w / norm]));
  });
  return { vectors, df };
}

/**
 * The `count` most related papers for each paper, by cosine similarity of TF-IDF vectors
 * over title and abstract (words and two-word phrases). Instead of comparing all pairs,
 * each paper keeps its strongest terms and meets only the papers sharing one of them,
 * through an inverted index: at 10,000 papers that is a small fraction of the 50 million pairs.
 */
export function relatedPapers(docs: readonly Doc[], count = 5, space: TermSpace = termSpace(docs)): Map<string, Related[]> {
  const { vectors } = space;

  // Postings hold each paper's weight beside its index, so scoring never looks a term up again.
  const postings = new Map<string, { docs: number[]; weights: number[] }>();
  vectors.forEach((vector, i) => {
    for (const [term, w] of vector) {
      let list = postings.get(term);
      if (!list) postings.set(term, (list = { docs: [], weights: [] }));
      list.docs.push(i);
      list.weights.push(w);
    }
  });

  const result = new Map<string, Related[]>();
  const scores = new Float64Array(docs.length);
  const touched: number[] = [];
  vectors.forEach((vector, i) => {
    for (const [term, w] of vector) {
      const { docs: others, weights } = postings.get(term)!;
      for (let k = 0; k < others.length; k++) {
        const j = others[k]!;
        if (j === i) continue;
        if (scores[j] === 0) touched.push(j);
        scores[j] += w * weights[k]!;
      }
    }
    const best = topScores(touched, scores, count, (a, b) => docs[a]!.id < docs[b]!.id);
    result.set(docs[i]!.id, best.map(([j, score]) => ({ id: docs[j]!.id, score, terms: sharedTerms(vector, vectors[j]!) })));
    for (const j of touched) scores[j] = 0;
    touched.length = 0;
  });
  return result;
}

/**
 * The `count` highest scores among `candidates`, best first; ties go to the paper that
 * `before` puts first, so the result never depends on the order candidates were met in.
 */
function topScores(candidates: readonly number[], scores: Float64Array, count: number, before: (a: number, b: number) => boolean): [number, number][] {
  const top: [number, number][] = [];
  for (const j of candidates) {
    const score = scores[j]!;
    if (top.length === count) {
      const [lastJ, lastScore] = top[count - 1]!;
      if (score < lastScore || (score === lastScore && !before(j, lastJ))) continue;
      top.pop();
    }
    let at = top.length;
    while (at > 0 && (top[at - 1]![1] < score || (top[at - 1]![1] === score && before(j, top[at - 1]![0])))) at--;
    top.splice(at, 0, [j, score]);
  }
  return top;
}

/**
 * The shared terms that weigh most in both texts. A phrase says more than its words, so a
 * word is left out when a shared phrase contains it ("rectified flow", not "rectified").
 */
export function sharedTerms(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): string[] {
  const shared = [...a].filter(([term]) => b.has(term));
  const inPhrases = new Set(shared.flatMap(([term]) => (term.includes(' ') ? term.split(' ') : [])));
  return shared
    .filter(([term]) => !inPhrases.has(term))
    .map(([term, w]) => [term, w * b.get(term)!] as const)
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, 3)
    .map(([term]) => term);
}
