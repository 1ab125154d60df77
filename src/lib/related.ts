import { eng } from 'stopword';

/** A neighbour of a paper, and the terms the two share most. */
export interface Related {
  id: string;
  score: number;
  /** Up to three shared terms, strongest first: the "related because" line. */
  terms: string[];
}

interface Doc {
  id: string;
  title: string;
  abstract: string;
}

/** Title words say what a paper is; they count this many times an abstract word. */
const TITLE_WEIGHT = 2;
/** Terms in more than this share of papers ("transformer", "model") relate everything, so nothing. */
const MAX_DOC_SHARE = 0.1;
/** A paper's strongest terms stand for it; comparing on these alone keeps the work near-linear. */
const TERMS_PER_DOC = 24;

const STOPWORDS = new Set([...eng, 'also', 'via', 'using', 'based', 'new', 'propose', 'proposed', 'show', 'paper', 'approach', 'method', 'methods', 'results', 'however', 'well', 'can', 'may', 'work']);

/**
 * The `count` most related papers for each paper, by cosine similarity of TF-IDF vectors
 * over title and abstract (words and two-word phrases). Instead of comparing all pairs,
 * each paper keeps its strongest terms and meets only the papers sharing one of them,
 * through an inverted index: at 10,000 papers that is a small fraction of the 50 million pairs.
 */
export function relatedPapers(docs: readonly Doc[], count = 5): Map<string, Related[]> {
  const termCounts = docs.map((doc) => countTerms(doc));
  const df = new Map<string, number>();
  for (const counts of termCounts) for (const term of counts.keys()) df.set(term, (df.get(term) ?? 0) + 1);

  const maxDf = Math.max(2, Math.floor(docs.length * MAX_DOC_SHARE));
  const vectors = termCounts.map((counts) => {
    const weights: [string, number][] = [];
    for (const [term, tf] of counts) {
      const n = df.get(term)!;
      if (n < 2 || n > maxDf) continue; // a term no other paper has cannot relate two papers
      weights.push([term, (1 + Math.log(tf)) * Math.log(docs.length / n)]);
    }
    weights.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const top = weights.slice(0, TERMS_PER_DOC);
    const norm = Math.hypot(...top.map(([, w]) => w)) || 1;
    return new Map(top.map(([term, w]) => [term, w / norm]));
  });

  const postings = new Map<string, number[]>();
  vectors.forEach((vector, i) => {
    for (const term of vector.keys()) {
      const list = postings.get(term);
      if (list) list.push(i);
      else postings.set(term, [i]);
    }
  });

  const result = new Map<string, Related[]>();
  vectors.forEach((vector, i) => {
    const scores = new Map<number, number>();
    for (const [term, w] of vector) {
      for (const j of postings.get(term)!) {
        if (j !== i) scores.set(j, (scores.get(j) ?? 0) + w * vectors[j]!.get(term)!);
      }
    }
    const best = [...scores]
      .sort((a, b) => b[1] - a[1] || (docs[a[0]]!.id < docs[b[0]]!.id ? -1 : 1))
      .slice(0, count);
    result.set(docs[i]!.id, best.map(([j, score]) => ({ id: docs[j]!.id, score, terms: sharedTerms(vector, vectors[j]!) })));
  });
  return result;
}

/** The shared terms that weigh most in both papers; a word already inside a chosen phrase is skipped. */
function sharedTerms(a: Map<string, number>, b: Map<string, number>): string[] {
  const shared = [...a].filter(([term]) => b.has(term)).map(([term, w]) => [term, w * b.get(term)!] as const);
  shared.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  const chosen: string[] = [];
  for (const [term] of shared) {
    if (chosen.some((c) => c.split(' ').includes(term) || term.split(' ').includes(c))) continue;
    chosen.push(term);
    if (chosen.length === 3) break;
  }
  return chosen;
}

/** Words and adjacent word pairs, lowercased, stopwords out; title terms count `TITLE_WEIGHT` times. */
function countTerms(doc: Doc): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (text: string, weight: number) => {
    const words = text.toLowerCase().match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) ?? [];
    let previous: string | null = null;
    for (const word of words) {
      const usable = word.length > 2 && !STOPWORDS.has(word) && !/^\d+$/.test(word);
      if (usable) {
        counts.set(word, (counts.get(word) ?? 0) + weight);
        if (previous) counts.set(`${previous} ${word}`, (counts.get(`${previous} ${word}`) ?? 0) + weight);
      }
      previous = usable ? word : null;
    }
  };
  add(doc.title, TITLE_WEIGHT);
  add(doc.abstract, 1);
  return counts;
}
