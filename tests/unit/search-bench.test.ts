import { describe, expect, it } from 'vitest';
import { documentFrequencies, makeQueries, middleWords, score, tellingWords, typo, type Answer, type BenchPaper } from '../../bench/search-queries.ts';

const papers: BenchPaper[] = [
  { path: 'papers/a/', title: 'Rectified Flow Transformers for Image Synthesis', abstract: 'We scale rectified flow transformers to generate images from text with a new architecture.' },
  { path: 'papers/b/', title: 'Efficient Transformers: A Survey', abstract: 'Transformers are costly; we survey efficient variants of attention for long inputs.' },
  { path: 'papers/c/', title: 'CTC Speech Recognition with Transformers', abstract: 'Connectionist temporal classification trains transformers to recognise speech.' },
];

describe('bench:search queries', () => {
  const df = documentFrequencies(papers);

  it('take the three title words in fewest papers, in title order, no stopwords or short words', () => {
    // All four words but Transformers are in one paper only: the first three of them.
    expect(tellingWords(papers[0]!.title, df)).toEqual(['Rectified', 'Flow', 'Image']);
    expect(tellingWords('The Art of It', df)).toEqual([]);
  });

  it('make each kind of typo in one place', () => {
    expect(typo('transformer', 'swap', 2)).toBe('trnasformer');
    expect(typo('transformer', 'drop', 0)).toBe('ransformer');
    expect(typo('transformer', 'change', 3, 'z')).toBe('trazsformer');
  });

  it('take five consecutive words from the middle of the abstract', () => {
    expect(middleWords('one two three four five six seven eight nine')).toBe('three four five six seven');
    expect(middleWords('just three words')).toBe('just three words');
  });

  it('give four queries a paper, one typo each in the typo query, the same for the same seed', () => {
    const { sample, queries } = makeQueries(papers, 2, 7);
    expect(sample).toHaveLength(2);
    expect(queries).toHaveLength(8);
    for (const q of queries.filter((q) => q.kind === 'one typo')) {
      const intended = q.intended!.toLowerCase().split(' ');
      expect(q.text.toLowerCase().split(' ').filter((w, i) => w !== intended[i])).toHaveLength(1);
    }
    expect(makeQueries(papers, 2, 7)).toEqual({ sample, queries });
  });

  it('score hit@1, hit@5 and MRR per kind', () => {
    const answer = (rank: number): Answer => ({
      query: { kind: 'titles', text: 't', target: 'papers/a/' },
      rank,
      searched: 't',
      corrected: false,
      correctMs: 0,
      correctMsWorst: 0,
      searchMs: 1,
    });
    const titles = score([answer(0), answer(1), answer(6), answer(-1)]).find((s) => s.kind === 'titles')!;
    expect(titles.queries).toBe(4);
    expect(titles.hit1).toBe(0.25);
    expect(titles.hit5).toBe(0.5);
    expect(titles.mrr).toBeCloseTo((1 + 1 / 2 + 1 / 7) / 4);
  });
});
