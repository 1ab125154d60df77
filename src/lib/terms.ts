import { eng } from 'stopword';

/**
 * The terms of a paper that say what it is about, shared by the related-papers lists and the
 * theme model so that both read a paper the same way: lowercased words and adjacent word
 * pairs of its title and abstract, with stopwords, numbers and words of two letters left out.
 */

/** A web address in an abstract ("Code: https://github.com/org/repo"): its pieces say nothing of the paper's subject. */
const LINK = /\b(?:https?:\/\/|www\.)\S+/giu;

/** Title words say what a paper is; they count this many times an abstract word. */
const TITLE_WEIGHT = 2;

const STOPWORDS = new Set([...eng, 'also', 'via', 'using', 'based', 'new', 'propose', 'proposed', 'show', 'paper', 'approach', 'method', 'methods', 'results', 'however', 'well', 'can', 'may', 'work']);

/**
 * Calls `visit` with each usable word of the paper in order, title first (its words weigh
 * `TITLE_WEIGHT`), and the usable word just before it, or null where a stopword, number or
 * short word broke the run: two words make a pair only when they are adjacent.
 */
export function forEachWord(doc: { title: string; abstract: string }, visit: (word: string, previous: string | null, weight: number) => void): void {
  const walk = (text: string, weight: number) => {
    let previous: string | null = null;
    const lower = text.toLowerCase();
    // Most texts have no address: a substring check spares them the pattern (a pass over 10,000 papers: 0.21 s → 0.09 s).
    const plain = lower.includes('http') || lower.includes('www.') ? lower.replace(LINK, ' ') : lower;
    for (const word of plain.match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) ?? []) {
      const usable = word.length > 2 && !STOPWORDS.has(word) && !/^\d+$/.test(word);
      if (usable) visit(word, previous, weight);
      previous = usable ? word : null;
    }
  };
  walk(doc.title, TITLE_WEIGHT);
  walk(doc.abstract, 1);
}

/** How a pair of adjacent words is written as a term. */
export const pairTerm = (first: string, second: string) => `${first} ${second}`;

/** Words and adjacent word pairs with their counts; title terms count `TITLE_WEIGHT` times. */
export function countTerms(doc: { title: string; abstract: string }): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (term: string, weight: number) => counts.set(term, (counts.get(term) ?? 0) + weight);
  forEachWord(doc, (word, previous, weight) => {
    add(word, weight);
    if (previous) add(pairTerm(previous, word), weight);
  });
  return counts;
}
