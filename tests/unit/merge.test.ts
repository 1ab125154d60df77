import { describe, expect, it } from 'vitest';
import { mergeListings, type Listing } from '../../src/ingest/merge.ts';
import type { ListedPaper } from '../../src/ingest/parse.ts';
import { warningsIn } from './helpers.ts';

const ABSTRACT = 'The dominant sequence transduction models are based on recurrent networks.';

/** A paper as a listing shows it; only what a test is about needs saying. */
function listed(title: string, line: number, more: Partial<ListedPaper> = {}): ListedPaper {
  return { title, abstract: ABSTRACT, line, authorsCount: null, org: null, date: null, dateLine: null, ...more };
}

function listing(file: string, papers: ListedPaper[], captured?: string): Listing {
  return { file, path: `content/sources/${file}`, captured, papers };
}

describe('merging listings', () => {
  it('the same title in two listings becomes one paper with both sources, in listing order', () => {
    const { papers, duplicates } = mergeListings([
      listing('a.txt', [listed('Attention Is All You Need', 5)]),
      listing('b.txt', [listed('Attention Is All You Need', 12)]),
    ]);
    expect(papers).toHaveLength(1);
    expect(papers[0]!.sources).toEqual([{ listing: 'a.txt', line: 5 }, { listing: 'b.txt', line: 12 }]);
    expect(duplicates).toBe(1);
  });

  it('titles that differ only in case, spacing or Unicode form are the same paper', () => {
    const { papers, duplicates } = mergeListings([
      listing('a.txt', [listed('Efficient Transformers', 1)]),
      listing('b.txt', [listed('efficient  transformers', 1)]),
      listing('c.txt', [listed('Efficient\u00a0Transformers', 1)]),
      listing('d.txt', [listed('EFFICIENT TRANSFORMERS ', 1)]),
      listing('e.txt', [listed('Eﬃcient Transformers', 1)]), // "ﬃ" is one ligature character
    ]);
    expect(papers).toHaveLength(1);
    expect(duplicates).toBe(4);
  });

  it('different titles stay different papers', () => {
    const { papers } = mergeListings([listing('a.txt', [listed('Flow Matching', 1), listed('Flow Matching 2', 3)])]);
    expect(papers).toHaveLength(2);
  });

  it('listings are read in file-name order whatever order they are given in, so the first file\'s spelling is kept', () => {
    const a = listing('000.txt', [listed('Attention is all you need', 7)]);
    const b = listing('001.txt', [listed('Attention Is All You Need', 3)]);
    const merged = mergeListings([b, a]);
    expect(merged.papers[0]!.title).toBe('Attention is all you need');
    expect(merged.papers[0]!.sources.map((s) => s.listing)).toEqual(['000.txt', '001.txt']);
    expect(mergeListings([a, b])).toEqual(merged);
  });

  it('papers come out in code-point order of their titles, not in listing order', () => {
    const { papers } = mergeListings([listing('a.txt', [listed('Zebra', 1), listed('attention', 3), listed('Éclair', 5), listed('Mamba', 7)])]);
    expect(papers.map((p) => p.title)).toEqual(['attention', 'Mamba', 'Zebra', 'Éclair']);
  });

  it('conflicting abstracts keep the first listing\'s and warn with file:line', () => {
    const { papers, diagnostics } = mergeListings([
      listing('a.txt', [listed('Mamba', 3, { abstract: 'First version of the abstract, as listed in a.txt.' })]),
      listing('b.txt', [listed('Mamba', 9, { abstract: 'Second version of the abstract, as listed in b.txt.' })]),
    ]);
    expect(papers[0]!.abstract).toBe('First version of the abstract, as listed in a.txt.');
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'warning', file: 'content/sources/b.txt', line: 9 })]);
    expect(diagnostics[0]!.message).toContain('a.txt:3');
  });

  it('the same abstract in two listings is not a conflict', () => {
    const { diagnostics } = mergeListings([listing('a.txt', [listed('Mamba', 3)]), listing('b.txt', [listed('Mamba', 9)])]);
    expect(diagnostics).toEqual([]);
  });

  it('a title listed twice in one file is merged, and the second copy is reported with the line of the first', () => {
    const { papers, duplicates, diagnostics } = mergeListings([listing('a.txt', [listed('Mamba', 3), listed('Mamba', 41)])]);
    expect(papers[0]!.sources).toEqual([{ listing: 'a.txt', line: 3 }, { listing: 'a.txt', line: 41 }]);
    expect(duplicates).toBe(1);
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'warning', file: 'content/sources/a.txt', line: 41 })]);
    expect(diagnostics[0]!.message).toContain('line 3');
  });

  it('metadata the first listing lacks is taken from a later one', () => {
    const { papers } = mergeListings([
      listing('a.txt', [listed('Mamba', 3)]),
      listing('b.txt', [listed('Mamba', 9, { authorsCount: 2, date: { month: 12, day: 1, year: 2023, upvotes: 12 }, dateLine: 12 })]),
    ]);
    expect(papers[0]).toMatchObject({ authorsCount: 2, listedOn: '2023-12-01', upvotes: 12 });
  });

  it('metadata the first listing has wins over a later listing\'s', () => {
    const { papers } = mergeListings([
      listing('a.txt', [listed('InfLLM-V2', 3, { org: 'OpenBMB', date: { month: 9, day: 29, year: 2025, upvotes: 2 }, dateLine: 7 })]),
      listing('b.txt', [listed('InfLLM-V2', 9, { org: 'Someone Else', authorsCount: 9, date: { month: 1, day: 2, year: 2024, upvotes: 50 }, dateLine: 13 })]),
    ]);
    expect(papers[0]).toMatchObject({ org: 'OpenBMB', authorsCount: 9, listedOn: '2025-09-29', upvotes: 2 });
  });

  it('a date without a year resolves against its own listing\'s capture date', () => {
    const { papers, diagnostics } = mergeListings([listing('004.txt', [listed('VPNeXt', 13, { date: { month: 2, day: 23 }, dateLine: 19 })], '2025-12-11')]);
    expect(papers[0]!.listedOn).toBe('2025-02-23');
    expect(diagnostics).toEqual([]);
  });

  it('dates without a year in a listing with no capture date are left out, with one warning at the first of them', () => {
    const { papers, diagnostics } = mergeListings([
      listing('003.txt', [
        listed('A', 1, { date: { month: 5, day: 2 }, dateLine: 8 }),
        listed('B', 10, { date: { month: 3, day: 4 }, dateLine: 5 }),
        listed('C', 20, { date: { month: 3, day: 4, year: 2024 }, dateLine: 25 }),
      ]),
    ]);
    expect(papers.map((p) => p.listedOn)).toEqual([null, null, '2024-03-04']);
    expect(warningsIn(diagnostics)).toEqual([expect.objectContaining({ file: 'content/sources/003.txt', line: 5 })]);
    expect(diagnostics[0]!.message).toMatch(/2 listing date/);
    expect(diagnostics[0]!.message).toContain('captured:');
  });

  it('the upvote count comes with the date, and is absent without one', () => {
    const { papers } = mergeListings([listing('a.txt', [listed('A', 1, { date: { month: 1, day: 2, year: 2024, upvotes: 0 }, dateLine: 3 }), listed('B', 5)])]);
    expect(papers.map((p) => p.upvotes)).toEqual([0, null]);
  });
});
