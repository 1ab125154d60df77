import { eng } from 'stopword';

/**
 * The terms of a paper that say what it is about, shared by the related-papers lists and the
 * theme model so that both read a paper the same way: lowercased words and adjacent word
 * pairs of its title and abstract, with stopwords, numbers and words of two letters left out.
 */

/** Title words say what a paper is; they count this many times an abstract word. */
export const TITLE_WEIGHT = 2;

const STOPWORDS = new Set([...eng, 'also', 'via', 'using', 'based', 'new', 'propose', 'proposed', 'show', 'paper', 'approach', 'method', 'methods', 'results', 'however', 'well', 'can', 'may', 'work']);

/** Words and adjacent word pairs with their counts; title terms count `TITLE_WEIGHT` times. */
export function countTerms(doc: { title: string; abstract: string }): Map<string, number> {
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
