import { describe, expect, it } from 'vitest';
import { abstractsAgree, mergeSources, type Source } from '../../src/ingest/merge.ts';
import { titleKey } from '../../src/ingest/normalize.ts';
import { readSource } from '../../src/ingest/sources/detect.ts';
import { emptyRecord, type SourceRecord } from '../../src/ingest/sources/record.ts';
import type { Venue } from '../../src/schemas/paper.ts';

const ABSTRACT = 'The dominant sequence transduction models are based on recurrent networks.';

/** A paper as a source shows it; only what a test is about needs saying. */
function listed(title: string, line: number, more: Partial<SourceRecord> = {}): SourceRecord {
  return { ...emptyRecord(line, null, title), abstract: ABSTRACT, ...more };
}

function listing(file: string, records: SourceRecord[], format: Source['format'] = 'listing'): Source {
  return { file, path: `content/sources/${file}`, format, records };
}

const mergeListings = mergeSources;

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
    // The kind of dash or quote, and TeX's $ around math, as a .bib reads them and a listing shows them raw.
    // A hyphen or a space in a compound. And the closing period of a Google Scholar export.
    for (const [a, b] of [['Don´t Stop Pretraining', 'Don’t Stop Pretraining'], ['VPNeXt -- Rethinking', 'VPNeXt – Rethinking'], ['``Dense\'\' Decoding', '“Dense” Decoding'], ['PixArt-$α$', 'PixArt-α'], ['Manipulation with Low-Cost Hardware', 'Manipulation with Low Cost Hardware'], ['Vision–Language Models', 'Vision-Language Models'], ['Attention is all you need.', 'Attention Is All You Need']]) {
      expect(mergeListings([listing('a.txt', [listed(a, 1)]), listing('b.txt', [listed(b, 1)])]).papers, a).toHaveLength(1);
    }
  });

  it('a title\'s TeX, as arXiv or a listing writes it and as a .bib\'s reader prints it, is one paper\'s', () => {
    // The printed side is the .bib reader's own output for the same TeX.
    const printed = (tex: string) => readSource({ file: 'lib.bib', path: 'lib.bib', bytes: new TextEncoder().encode(`@article{k, title = {${tex}}, year = 2024}`) }).records[0]!.title;
    // As arXiv writes the title, and the TeX of the .bib entry.
    const pairs = [
      ['$\\alpha$-Flow: Rectified Flows with $\\ell_2$ Regularisation', '$\\alpha$-Flow: Rectified Flows with $\\ell_2$ Regularisation'],
      ['$\\beta$-VAE Revisited', '{$\\beta$-VAE} Revisited'],
      ['Attention in $O(n \\sqrt{n})$ Time', 'Attention in $O(n \\sqrt{n})$ Time'],
      ['Attention in $O(n \\log n)$ Time', 'Attention in $O(n \\log n)$ Time'],
      ['Sorting in $O(\\sqrt{n}\\log n)$ Time', 'Sorting in $O(\\sqrt{n}\\log n)$ Time'],
      ['Sorting in $O(n^{2}\\log n)$ Time', 'Sorting in $O(n^{2}\\log n)$ Time'],
      ['Efficient $\\mathcal{O}(n)$ Attention in $\\log n$ Depth over $\\mathbb{R}^d$', 'Efficient $\\mathcal{O}(n)$ Attention in $\\log n$ Depth over $\\mathbb{R}^d$'],
      ['$\\alpha$-Flow on MS_MARCO', '$\\alpha$-Flow on MS\\_MARCO'],
      ['The $a \\cdot b$ Product for $x \\in S$ on MS\\_MARCO', 'The $a \\cdot b$ Product for $x \\in S$ on MS\\_MARCO'],
    ];
    for (const [arxiv, tex] of pairs) {
      const { papers } = mergeListings([listing('arxiv.xml', [listed(arxiv!, 3)], 'arxiv-atom'), listing('lib.bib', [listed(printed(tex!), 9)], 'bibtex')]);
      expect(papers, `${arxiv} / ${printed(tex!)}`).toHaveLength(1);
    }
    // As a listing, an RIS or a CSL export shows it: the math rendered.
    for (const [tex, text] of [
      ['Efficient $\\mathcal{O}(n)$ Attention', 'Efficient O(n) Attention'],
      ['Tight $O(n \\log n)$ Bounds', 'Tight O(n log n) Bounds'],
      ['Tight $O(n\\log n)$ Bounds', 'Tight O(n log n) Bounds'],
      ['Attention in $\\log n$ Depth', 'Attention in log n Depth'],
      ['Sorting in $O(\\sqrt{n}\\log n)$ Time', 'Sorting in O(√n log n) Time'],
    ]) {
      expect(mergeListings([listing('arxiv.xml', [listed(tex!, 3)], 'arxiv-atom'), listing('a.txt', [listed(text!, 9)])]).papers, tex).toHaveLength(1);
      expect(mergeListings([listing('lib.bib', [listed(printed(tex!), 3)], 'bibtex'), listing('a.txt', [listed(text!, 9)])]).papers, printed(tex!)).toHaveLength(1);
    }
    expect(mergeListings([listing('a.txt', [listed('$\\alpha$-Flow', 3), listed('$\\beta$-Flow', 9, { abstract: 'Another paper.' })])]).papers).toHaveLength(2);
    expect(titleKey('$\\constructor$ paper')).toBe('constructor paper');
  });

  it('an abstract a listing cut short ("…") gives way to the whole one, in the same file or another, with no warning', () => {
    const whole = `${ABSTRACT} It goes on for longer than a listing shows.`;
    const cut = `${whole.slice(0, 60)}…`;
    for (const records of [[listing('a.txt', [listed('Mamba', 1, { abstract: cut }), listed('Mamba', 9, { abstract: whole })])], [listing('a.txt', [listed('Mamba', 1, { abstract: cut })]), listing('b.txt', [listed('Mamba', 1, { abstract: whole })])]]) {
      const { papers, diagnostics } = mergeListings(records);
      expect(papers[0]!.abstract).toBe(whole);
      expect(diagnostics.filter((d) => d.message.includes('abstract'))).toEqual([]);
    }
  });

  it('one title in one venue at two places (volume, issue or pages) is two papers: a journal\'s "Editorial" each year', () => {
    const editorial = (volume: string, pages: string) => listed('Editorial', Number(volume), { authors: ['Jane Smith'], abstract: null, venue: { name: 'Journal of ML Practice', kind: 'journal', volume, pages } });
    expect(mergeListings([listing('lib.bib', [editorial('3', '1-2'), editorial('4', '1-3'), editorial('5', '101-102')], 'bibtex')]).papers).toHaveLength(3);
    // One article as two sources give it: the same place, or a place one of them leaves out.
    const article = (line: number, venue: Partial<Venue>) => listed('Long Short-Term Memory', line, { authors: ['Sepp Hochreiter'], abstract: null, venue: { name: 'Neural Computation', kind: 'journal', ...venue } });
    expect(mergeListings([listing('lib.bib', [article(1, { volume: '9', pages: '1735-1780' })], 'bibtex'), listing('lib.ris', [article(1, { volume: '9', issue: '8', pages: '1735-1780' })], 'ris')]).papers).toHaveLength(1);
    expect(mergeListings([listing('lib.bib', [article(1, { volume: '9' })], 'bibtex'), listing('a.json', [article(1, {})], 'csl-json')]).papers).toHaveLength(1);
    // A first page alone, an issue with a leading zero, a label before the pages.
    expect(mergeListings([listing('lib.bib', [article(1, { volume: '9', issue: '8', pages: '1735-1780' })], 'bibtex'), listing('lib.ris', [article(1, { volume: '9', issue: '08', pages: 'pp. 1735' })], 'ris')]).papers).toHaveLength(1);
    // Abstracts that agree say it is one paper, whatever the places say.
    const withAbstract = (line: number, pages: string) => ({ ...article(line, { pages }), abstract: 'We show how a recurrent network learns to bridge long time lags.' });
    expect(mergeListings([listing('lib.bib', [withAbstract(1, '1735-1780')], 'bibtex'), listing('lib.ris', [withAbstract(1, '1-46')], 'ris')]).papers).toHaveLength(1);
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
      listing('b.txt', [listed('Mamba', 9, { authorsCount: 2, listedOn: '2023-12-01', upvotes: 12 })]),
    ]);
    expect(papers[0]).toMatchObject({ authorsCount: 2, listedOn: '2023-12-01', upvotes: 12 });
  });

  it('metadata the first listing has wins over a later listing\'s', () => {
    const { papers } = mergeListings([
      listing('a.txt', [listed('InfLLM-V2', 3, { org: 'OpenBMB', listedOn: '2025-09-29', upvotes: 2 })]),
      listing('b.txt', [listed('InfLLM-V2', 9, { org: 'Someone Else', authorsCount: 9, listedOn: '2024-01-02', upvotes: 50 })]),
    ]);
    expect(papers[0]).toMatchObject({ org: 'OpenBMB', authorsCount: 9, listedOn: '2025-09-29', upvotes: 2 });
  });
});

describe('merging sources of every kind', () => {
  const arxiv = (title: string, line: number, more: Partial<SourceRecord> = {}) =>
    listed(title, line, { key: '2312.00752', arxivId: '2312.00752', authors: ['Albert Gu', 'Tri Dao'], published: '2023-12-01', abstract: `${ABSTRACT} With more words from arXiv.`, ...more });

  it('a listing and an arXiv entry with the same title are one paper, whose fields come from the richer arXiv entry', () => {
    const { papers } = mergeSources([listing('000.txt', [listed('Mamba', 3, { upvotes: 7 })]), listing('feed.xml', [arxiv('Mamba', 12)], 'arxiv-atom')]);
    expect(papers).toHaveLength(1);
    expect(papers[0]).toMatchObject({ arxivId: '2312.00752', authors: ['Albert Gu', 'Tri Dao'], abstract: `${ABSTRACT} With more words from arXiv.`, upvotes: 7, authorsCount: 2 });
    expect(papers[0]!.sources).toEqual([{ listing: '000.txt', line: 3 }, { listing: 'feed.xml', line: 12, key: '2312.00752' }]);
  });

  it('the authors are the longest list any source gives, however much else a source with fewer says', () => {
    const bib = listed('Conformer', 1, { key: 'c', arxivId: '2005.08100', abstract: null, authors: ['Anmol Gulati', 'James Qin', 'Chung-Cheng Chiu', 'Niki Parmar'] });
    const csl = arxiv('Conformer', 2, { arxivId: '2005.08100', doi: '10.21437/Interspeech.2020-3015', authors: ['Anmol Gulati', 'James Qin'] });
    expect(mergeSources([listing('lib.bib', [bib], 'bibtex'), listing('zotero.json', [csl], 'csl-json')]).papers[0]).toMatchObject({ authors: bib.authors, authorsCount: 4, doi: '10.21437/Interspeech.2020-3015' });
  });

  it('a family part a source states is kept, from whichever source states it', () => {
    const arxivEntry = arxiv('E(n) Equivariant Graph Neural Networks', 1, { arxivId: '2102.09844', authors: ['Victor Garcia Satorras', 'Emiel Hoogeboom', 'SciPy Contributors'] });
    const bib = listed('E(n) Equivariant Graph Neural Networks', 2, {
      key: 'egnn',
      arxivId: '2102.09844',
      abstract: null,
      authors: ['Víctor García Satorras', 'Emiel Hoogeboom'],
      familyNames: new Map([['Víctor García Satorras', 'García Satorras'], ['Emiel Hoogeboom', 'Hoogeboom']]),
    });
    const csl = listed('E(n) Equivariant Graph Neural Networks', 3, { arxivId: '2102.09844', abstract: null, authors: ['SciPy Contributors'], familyNames: new Map([['SciPy Contributors', 'SciPy Contributors']]) });
    const [paper] = mergeSources([listing('arxiv.xml', [arxivEntry], 'arxiv-atom'), listing('lib.bib', [bib], 'bibtex'), listing('z.json', [csl], 'csl-json')]).papers;
    // The arXiv entry's names are kept; "García Satorras" does not end "Victor Garcia Satorras", so it tells nothing about it.
    expect(paper!.authors).toEqual(['Victor Garcia Satorras', 'Emiel Hoogeboom', 'SciPy Contributors']);
    expect(paper!.familyNames).toEqual({ 'Emiel Hoogeboom': 'Hoogeboom', 'SciPy Contributors': 'SciPy Contributors' });
    const [same] = mergeSources([listing('lib.bib', [{ ...bib, authors: ['Victor Garcia Satorras'], familyNames: new Map([['Victor Garcia Satorras', 'Garcia Satorras']]) }])]).papers;
    expect(same!.familyNames).toEqual({ 'Victor Garcia Satorras': 'Garcia Satorras' });
    // Stated parts the rule finds anyway ("Hoogeboom") are kept too: CSL-JSON splits only stated names. A source that states none gives none.
    expect(mergeSources([listing('lib.bib', [{ ...bib, authors: ['Emiel Hoogeboom'] }])]).papers[0]!.familyNames).toEqual({ 'Emiel Hoogeboom': 'Hoogeboom' });
    expect(mergeSources([listing('arxiv.xml', [arxivEntry], 'arxiv-atom')]).papers[0]).not.toHaveProperty('familyNames');
  });

  it('a DOI cites a venue of its own record\'s kind: the journal version\'s DOI is not given to the conference paper it merged with', () => {
    const rss = listed('Diffusion Policy: Visuomotor Policy Learning via Action Diffusion', 1, { key: 'chi2023', arxivId: '2303.04137', abstract: null, authors: ['Cheng Chi'], venue: { name: 'Robotics: Science and Systems', kind: 'proceedings' }, published: '2023' });
    const ijrr = listed('Diffusion policy: visuomotor policy learning via action diffusion', 5, { abstract: null, authors: ['Cheng Chi'], doi: '10.1177/02783649241273668', venue: { name: 'The International Journal of Robotics Research', kind: 'journal' }, published: '2024' });
    const merged = mergeSources([listing('a.bib', [rss], 'bibtex'), listing('b.ris', [ijrr], 'ris')]).papers;
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({ venue: rss.venue, doi: null });
    // Read first, the journal's record gives the venue, and its DOI with it.
    expect(mergeSources([listing('b.bib', [rss], 'bibtex'), listing('a.ris', [ijrr], 'ris')]).papers[0]).toMatchObject({ venue: ijrr.venue, doi: ijrr.doi });
    // A venue of the same kind, however it is named (an @string's abbreviation, a publisher's full name), or a record naming none: its DOI is this one's.
    const bib = listed('Planning with Diffusion', 1, { authors: ['A. Author'], arxivId: '2305.01234', venue: { name: 'Proc. IEEE Int. Conf. Robot. Autom. (ICRA)', kind: 'proceedings' }, published: '2023' });
    const ieee = listed('Planning with Diffusion', 2, { abstract: null, doi: '10.1109/ICRA48891.2023.10160000', venue: { name: '2023 IEEE International Conference on Robotics and Automation (ICRA)', kind: 'proceedings' } });
    expect(mergeSources([listing('a.bib', [bib], 'bibtex'), listing('b.ris', [ieee], 'ris')]).papers[0]).toMatchObject({ venue: bib.venue, doi: ieee.doi });
    expect(mergeSources([listing('a.bib', [bib], 'bibtex'), listing('b.ris', [{ ...ieee, venue: null }], 'ris')]).papers[0]).toMatchObject({ doi: ieee.doi });
    expect(mergeSources([listing('a.bib', [bib], 'bibtex'), listing('b.ris', [{ ...ieee, venue: { name: 'Some workshop', kind: 'other' } }], 'ris')]).papers[0]).toMatchObject({ doi: ieee.doi });
  });

  it('names that are not all of the authors ("and others", or fewer than a listing counts) make the paper "et al."; a source with them all does not', () => {
    const bib = listed('Scaling', 1, { key: 's', abstract: null, authors: ['Patrick Esser', 'Sumith Kulal'], moreAuthors: true });
    const page = listed('Scaling', 2, { authorsCount: 12 });
    const merge = (...sources: Source[]) => mergeSources(sources).papers[0]!;
    expect(merge(listing('lib.bib', [bib], 'bibtex'))).toMatchObject({ authors: bib.authors, authorsCount: 2, etAl: true });
    expect(merge(listing('lib.bib', [{ ...bib, moreAuthors: false }], 'bibtex'), listing('hf.txt', [page]))).toMatchObject({ authorsCount: 12, etAl: true });
    // A richer source with as many names, and no "and others", does not make them all.
    expect(merge(listing('lib.bib', [bib], 'bibtex'), listing('feed.xml', [arxiv('Scaling', 3, { authors: bib.authors })], 'arxiv-atom'))).toMatchObject({ authors: bib.authors, etAl: true });
    const all = merge(listing('lib.bib', [bib], 'bibtex'), listing('feed.xml', [arxiv('Scaling', 3, { authors: ['Patrick Esser', 'Sumith Kulal', 'Andreas Blattmann'] })], 'arxiv-atom'));
    expect(all).toMatchObject({ authorsCount: 3 });
    expect(all.etAl).toBeUndefined();
  });

  it('a title a richer source writes in capitals gives way to the same title cased, from another', () => {
    const registry = listed('LONG SHORT-TERM MEMORY', 1, { abstract: 'Learning to store information.', authors: ['Sepp Hochreiter'], doi: '10.1162/neco.1997.9.8.1735', venue: { name: 'Neural Computation', kind: 'journal' }, published: '1997' });
    const bib = listed('Long Short-Term Memory', 4, { abstract: null, authors: ['Sepp Hochreiter'], doi: '10.1162/neco.1997.9.8.1735' });
    expect(mergeSources([listing('a.json', [registry], 'crossref'), listing('b.bib', [bib], 'bibtex')]).papers[0]!.title).toBe('Long Short-Term Memory');
    // Capitals alone, the title stays as written.
    expect(mergeSources([listing('a.json', [registry], 'crossref')]).papers[0]!.title).toBe('LONG SHORT-TERM MEMORY');
  });

  it('of two records that say as much, the venue that says more is kept, whichever file came first', () => {
    const bare = listed('Long Short-Term Memory', 1, { abstract: null, authors: ['Sepp Hochreiter'], doi: '10.1162/neco.1997.9.8.1735', venue: { name: 'Neural Computation', kind: 'journal' }, published: '1997-11-01' });
    const full = listed('Long Short-Term Memory', 3, { abstract: null, authors: ['Sepp Hochreiter'], doi: '10.1162/neco.1997.9.8.1735', venue: { name: 'Neural Computation', kind: 'journal', date: '1997-11', volume: '9', issue: '8', pages: '1735-1780' }, published: '1997-11-15' });
    for (const files of [[listing('a.json', [bare], 'openalex'), listing('b.json', [full], 'csl-json')], [listing('a.json', [full], 'csl-json'), listing('b.json', [bare], 'openalex')]]) {
      expect(mergeSources(files).papers[0]!.venue).toEqual(full.venue);
    }
  });

  it('a venue whose kind is known wins over a richer source\'s that is only named: the paper is cited as what it is', () => {
    const bib = listed('Attention', 1, { key: 'v', abstract: null, venue: { name: 'Advances in Neural Information Processing Systems', kind: 'proceedings' } });
    const s2 = arxiv('Attention', 2, { venue: { name: 'Neural Information Processing Systems', kind: 'other' } });
    expect(mergeSources([listing('lib.bib', [bib], 'bibtex'), listing('s2.json', [s2], 'semantic-scholar')]).papers[0]!.venue).toEqual({ name: 'Advances in Neural Information Processing Systems', kind: 'proceedings' });
  });

  it('the same arXiv id merges different titles; so does the same DOI, in any letter case', () => {
    const { papers } = mergeSources([
      listing('a.bib', [listed('Mamba (preprint)', 1, { arxivId: '2312.00752', abstract: null }), listed('A Journal Paper', 9, { doi: '10.1000/ABC', abstract: null })], 'bibtex'),
      listing('b.json', [arxiv('Mamba: Linear-Time Sequence Modeling', 4), listed('A journal paper, published', 20, { doi: '10.1000/abc' })], 'csl-json'),
    ]);
    expect(papers.map((p) => p.sources.length)).toEqual([2, 2]);
  });

  it('an arXiv id or DOI on two records whose titles and first authors both differ is a warning at the second, and they stay two papers: one id was copied from the other entry', () => {
    const convnext = listed('A ConvNet for the 2020s', 1, { authors: ['Zhuang Liu'], arxivId: '2201.03545' });
    const survey = listed('A Comprehensive Survey on Applications of Transformers for Deep Learning Tasks', 8, { authors: ['Saidul Islam'], arxivId: '2201.03545' });
    const { papers, diagnostics } = mergeSources([listing('library.bib', [convnext, survey], 'bibtex')]);
    expect(diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', file: 'content/sources/library.bib', line: 8, message: expect.stringContaining('has the arXiv id 2201.03545 of "A ConvNet for the 2020s" (content/sources/library.bib:1)') }),
    ]);
    expect(papers.map((p) => p.title).sort()).toEqual([convnext.title, survey.title].sort());
    const doi = (title: string, line: number, author: string) => listed(title, line, { authors: [author], doi: '10.1000/xyz', abstract: null });
    expect(mergeSources([listing('a.ris', [doi('Deep learning', 3, 'Yann LeCun'), doi('Generative adversarial nets', 9, 'Ian Goodfellow')], 'ris')]).diagnostics).toEqual([expect.objectContaining({ severity: 'warning', line: 9 })]);
    // A pair with both ids in common is one warning.
    const both = (r: SourceRecord) => ({ ...r, doi: '10.1000/xyz' });
    expect(mergeSources([listing('library.bib', [both(convnext), both(survey)], 'bibtex')]).diagnostics).toHaveLength(1);
    // A preprint retitled for its venue by the same first author is one paper, and said to be read as one, not "in this file twice".
    const retitled = mergeSources([listing('a.bib', [convnext, { ...convnext, line: 9, title: 'ConvNeXt: Revisiting ConvNets' }], 'bibtex')]);
    expect([retitled.papers.length, retitled.diagnostics]).toEqual([1, [expect.objectContaining({ message: expect.stringContaining('shares an arXiv id or a DOI with "A ConvNet for the 2020s" (line 1), so the two are one paper') })]]);
  });

  it('the same title with different arXiv ids, or clearly different abstracts, stays two papers', () => {
    expect(mergeSources([listing('a.xml', [arxiv('Attention', 1)], 'arxiv-atom'), listing('b.xml', [arxiv('Attention', 1, { arxivId: '1706.03762' })], 'arxiv-atom')]).papers).toHaveLength(2);
    const other = 'A completely unrelated study of protein folding kinetics in yeast cells under heat stress.';
    const merged = mergeSources([listing('a.txt', [listed('Attention', 1)]), listing('b.txt', [listed('Attention', 1, { abstract: other })])]);
    expect(merged.papers).toHaveLength(2);
    expect(new Set(merged.papers.map((p) => p.key)).size).toBe(2);
  });


  it('the same title by first authors who share no name stays two works, in one file or two', () => {
    const deep = (line: number, authors: string[], year: string) => listed('Deep learning', line, { key: `k${line}`, abstract: null, authors, published: year });
    const nature = deep(1, ['Yann LeCun', 'Yoshua Bengio', 'Geoffrey Hinton'], '2015');
    const book = deep(9, ['Ian Goodfellow', 'Yoshua Bengio', 'Aaron Courville'], '2016');
    const { papers, diagnostics } = mergeSources([listing('lib.bib', [nature, book], 'bibtex')]);
    expect(papers.map((p) => p.authors[0])).toEqual(['Yann LeCun', 'Ian Goodfellow']);
    expect(diagnostics).toEqual([]);
    // Initials, accents, letters NFKD leaves whole, spaces and name order differ between sources; a shared name is the same person.
    // A name in Chinese script family first, as the readers write it now, or given first, as files written before have it.
    for (const [first, other] of [['Yann LeCun', 'Y. LeCun'], ['Yann LeCun', 'LeCun Yann'], ['Yann LeCun', 'Yann Lécun'], ['Yann LeCun', 'Y. Le Cun'], ['Anders Søgaard', 'Anders Sogaard'], ['Paweł Łukasz', 'Lukasz, P.'], ['王小明', '小明 王']]) {
      expect(mergeSources([listing('lib.bib', [deep(1, [first], '2015')], 'bibtex'), listing('more.bib', [deep(3, [other], '2015')], 'bibtex')]).papers, other).toHaveLength(1);
    }
  });

  it('abstracts that agree make one paper whoever the sources name first ("Anonymous" under review)', () => {
    const review = listed('Token Merging', 1, { key: 'a', authors: ['Jane Doe'] });
    const published = listed('Token Merging', 5, { key: 'b', authors: ['Li Chen'] });
    expect(mergeSources([listing('review.bib', [review], 'bibtex'), listing('lib.ris', [published], 'ris')]).papers).toHaveLength(1);
    const otherAbstract = listed('Token Merging', 5, { key: 'b', authors: ['Jane Doe'], abstract: 'A completely unrelated study of protein folding kinetics in yeast cells under heat stress.' });
    expect(mergeSources([listing('review.bib', [review], 'bibtex'), listing('lib.ris', [otherAbstract], 'ris')]).papers).toHaveLength(2);
    // An anonymous submission names nobody, so without abstracts its name does not keep it apart.
    const bare = (authors: string[]) => listed('Token Merging', 1, { key: 'a', authors, abstract: null });
    expect(mergeSources([listing('review.bib', [bare(['Anonymous Authors'])], 'bibtex'), listing('lib.bib', [bare(['Li Chen'])], 'bibtex')]).papers).toHaveLength(1);
  });
  it('a record that matches two papers by different keys joins them into one, whatever the file names', () => {
    // The .bib and the feed share an arXiv id; the listing shares only the feed's title.
    const bib = listed('Mamba: Selective State Spaces', 1, { arxivId: '2312.00752', abstract: null });
    const feed = arxiv('Mamba: Selective Spaces', 1);
    const page = listed('Mamba: Selective Spaces', 1);
    for (const [a, b, c] of [['a.bib', 'b.txt', 'c.xml'], ['c.bib', 'a.txt', 'b.xml'], ['b.bib', 'c.txt', 'a.xml']]) {
      const { papers, duplicates } = mergeSources([listing(a!, [bib], 'bibtex'), listing(b!, [page]), listing(c!, [feed], 'arxiv-atom')]);
      expect(papers.map((p) => p.sources.length), `${a} ${b} ${c}`).toEqual([3]);
      expect(duplicates).toBe(2);
    }
  });

  it('a record with both an arXiv id and a DOI joins the paper with that id and the paper with that DOI', () => {
    const feed = arxiv('Flow Straight and Fast', 1, { arxivId: '2209.03003' });
    const bib = listed('Flow Straight and Fast (ICLR version)', 1, { doi: '10.1000/iclr', abstract: null });
    const csl = listed('Flow straight and fast, in short', 1, { doi: '10.1000/ICLR', arxivId: '2209.03003', abstract: null });
    for (const names of [['a.xml', 'b.bib', 'c.json'], ['c.xml', 'a.bib', 'b.json']]) {
      const { papers } = mergeSources([listing(names[0]!, [feed], 'arxiv-atom'), listing(names[1]!, [bib], 'bibtex'), listing(names[2]!, [csl], 'csl-json')]);
      expect(papers.map((p) => p.sources.length), names.join(' ')).toEqual([3]);
    }
  });

  it('a title shared with two papers of different arXiv ids does not make them one', () => {
    const { papers } = mergeSources([
      listing('a.xml', [arxiv('Attention', 1)], 'arxiv-atom'),
      listing('b.txt', [listed('Attention', 1)]),
      listing('c.xml', [arxiv('Attention', 1, { arxivId: '1706.03762' })], 'arxiv-atom'),
    ]);
    expect(papers.map((p) => p.arxivId).toSorted()).toEqual(['1706.03762', '2312.00752']);
    expect(papers.map((p) => p.sources.length).toSorted()).toEqual([1, 2]);
  });

  it('a record without an abstract merges by title, and the abstract comes from the source that has one', () => {
    const { papers } = mergeSources([listing('a.bib', [listed('Mamba', 1, { abstract: null, authors: ['Albert Gu'], published: '2024' })], 'bibtex'), listing('b.txt', [listed('Mamba', 5)])]);
    expect(papers).toHaveLength(1);
    expect(papers[0]).toMatchObject({ abstract: ABSTRACT, authors: ['Albert Gu'], published: '2024' });
  });

  it('a paper no source gives an abstract for keeps a null abstract', () => {
    expect(mergeSources([listing('a.bib', [listed('Mamba', 1, { abstract: null })], 'bibtex')]).papers[0]!.abstract).toBeNull();
  });

  it('the first-published date is the earliest any source gives, at the most precise it is known', () => {
    const { papers } = mergeSources([listing('a.bib', [listed('Mamba', 1, { published: '2024' })], 'bibtex'), listing('b.xml', [arxiv('Mamba', 1, { published: '2023-12-01' })], 'arxiv-atom'), listing('c.bib', [listed('Mamba', 1, { published: '2023' })], 'bibtex')]);
    expect(papers[0]!.published).toBe('2023-12-01');
  });

  it('abstracts differing only in LaTeX and line breaks agree; unrelated ones do not', () => {
    expect(abstractsAgree('On ImageNet 64times64 our method wins, see \\pi_0.', 'On ImageNet $64\\times64$ our\nmethod wins, see π_0.')).toBe(true);
    expect(abstractsAgree(ABSTRACT, 'Protein folding kinetics in yeast cells under heat stress.')).toBe(false);
  });
});
