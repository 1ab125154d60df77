/**
 * One catalog from sources of every kind (tests/fixtures/many-sources/): a saved listing,
 * an arXiv API response, three Hugging Face API responses, a Better BibTeX export and a
 * Zotero CSL-JSON export, which name several papers more than once and in different ways.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/ingest/catalog.ts';
import { readCatalogInput } from '../../src/ingest/store.ts';
import { contentPaths } from '../../src/lib/content-dir.ts';
import { bibtex } from '../../src/lib/cite.ts';
import type { Paper } from '../../src/schemas/paper.ts';
import { errorsIn } from '../support/fixtures.ts';
import { fixturesDir, repoRoot } from '../support/repo.ts';

const project = join(fixturesDir, 'many-sources');
const input = readCatalogInput(contentPaths(project));
const plan = buildCatalog(input);
const byTitle = (start: string) => plan.papers.find((p) => p.title.startsWith(start))!;
const files = (paper: Paper) => paper.sources.map((s) => s.listing);

describe('a catalog from sources of every kind', () => {
  it('reads 17 records from 7 sources into 7 papers, without errors', () => {
    expect(errorsIn(plan.diagnostics)).toEqual([]);
    expect(plan.stats).toEqual({ listings: 7, occurrences: 17, duplicates: 10, withoutAbstract: 1 });
    expect(plan.papers.map((p) => p.id)).toEqual([
      'attention-is-all-you-need',
      'flow-matching-for-generative-modeling',
      'flow-straight-and-fast-learning-to-generate-and-transfer-data-with-rectified',
      'long-short-term-memory',
      'mamba-linear-time-sequence-modeling-with-selective-state-spaces',
      'scaling-rectified-flow-transformers-for-high-resolution-image-synthesis',
      'transformers-are-ssms-generalized-models-and-efficient-algorithms-through',
    ]);
  });

  it('merges by arXiv id across formats: Mamba is in the listing, the arXiv feed, a HF search and the .bib', () => {
    const mamba = byTitle('Mamba');
    expect(files(mamba)).toEqual(['arxiv-id-list.xml', 'hf-search-listing.txt', 'hf-search-mamba.json', 'zotero-better-bibtex.bib']);
    expect(mamba).toMatchObject({ arxivId: '2312.00752', arxivCategory: 'cs.LG', authors: ['Albert Gu', 'Tri Dao'], published: '2023-12-01', upvotes: 145 });
    expect(mamba.linksByKind).toEqual({ code: 'https://github.com/state-spaces/mamba', project: null, pdf: 'http://arxiv.org/pdf/2312.00752v2' });
    // The arXiv abstract, richer than the listing's shortened one.
    expect(mamba.abstract).toMatch(/^Foundation models, now powering most of the exciting applications/);
  });

  it('merges by DOI when titles differ in case and nothing else identifies the paper', () => {
    const lstm = byTitle('Long');
    expect(files(lstm)).toEqual(['zotero-better-bibtex.bib', 'zotero-csl.json']);
    expect(lstm).toMatchObject({ doi: '10.1162/neco.1997.9.8.1735', venue: { name: 'Neural Computation', kind: 'journal' }, authors: ['Sepp Hochreiter', 'Jürgen Schmidhuber'] });
  });

  it('keeps a paper no source gives an abstract for, and counts it', () => {
    expect(byTitle('Long').abstract).toBeNull();
    expect(plan.stats.withoutAbstract).toBe(1);
  });

  it('takes the venue from the .bib, the featured day and upvotes from Hugging Face, the date from arXiv', () => {
    expect(byTitle('Scaling Rectified')).toMatchObject({
      venue: { name: 'Proceedings of the 41st International Conference on Machine Learning', kind: 'proceedings' },
      listedOn: '2024-03-06',
      upvotes: 60,
      published: '2024-03-05',
      linksByKind: { project: 'https://stability.ai/news/stable-diffusion-3-research-paper' },
    });
    expect(byTitle('Scaling Rectified').authors).toHaveLength(17);
  });

  it('names every source of a paper: an entry by its key in files that have them, else by its line', () => {
    expect(byTitle('Attention').sources).toEqual([
      { listing: 'hf-search-listing.txt', line: 5 },
      { listing: 'zotero-better-bibtex.bib', key: 'vaswani2017attention' },
      { listing: 'zotero-csl.json', key: 'http://zotero.org/groups/123/items/IJ90KL12' },
    ]);
  });

  it('an entry added at the top of a .bib changes no other paper\'s file: a re-export moves every line, not every key', () => {
    const existing = [...plan.files].map(([file, text]) => ({ file, path: `content/papers/${file}`, text }));
    const listings = input.listings.map((l) => (l.file.endsWith('.bib') ? { ...l, bytes: new TextEncoder().encode(`@misc{added2024,\n  title = {A Paper Added Above the Others},\n  year = {2024}\n}\n\n${new TextDecoder().decode(l.bytes)}`) } : l));
    const again = buildCatalog({ ...input, listings, existing });
    const changed = [...again.files].filter(([file, text]) => plan.files.get(file) !== text).map(([file]) => file);
    expect(changed).toEqual(['a-paper-added-above-the-others.mdx']);
  });

  it('gives the same catalog whatever order the files are handed over in', () => {
    const reversed = buildCatalog({ ...input, listings: input.listings.toReversed() });
    expect([...reversed.files]).toEqual([...plan.files]);
  });

  it('an arXiv error response among the sources is an error at its entry', () => {
    const error = readFileSync(join(fixturesDir, 'broken-sources/arxiv-error.xml'));
    const broken = buildCatalog({ ...input, listings: [...input.listings, { file: 'error.xml', path: 'content/sources/error.xml', bytes: error }] });
    expect(errorsIn(broken.diagnostics)).toEqual([expect.objectContaining({ file: 'content/sources/error.xml', line: 10 })]);
  });
});

describe('a paper of the default corpus that an arXiv response also lists', () => {
  const corpus = readCatalogInput(contentPaths(repoRoot));
  const before = buildCatalog(corpus);
  const feed = readFileSync(join(project, 'content/sources/arxiv-id-list.xml'));
  const after = buildCatalog({
    ...corpus,
    existing: [...before.files].map(([file, text]) => ({ file, path: `content/papers/${file}`, text })),
    listings: [...corpus.listings, { file: '005_arxiv.xml', path: 'content/sources/005_arxiv.xml', bytes: feed }],
  });
  const id = 'mamba-linear-time-sequence-modeling-with-selective-state-spaces';
  const paper = after.papers.find((p) => p.id === id)!;

  it('stays one paper, under the id it was published with, and the catalog gains no paper', () => {
    expect(errorsIn(after.diagnostics)).toEqual([]);
    expect(after.papers).toHaveLength(before.papers.length);
    expect(after.papers.map((p) => p.id)).toEqual(before.papers.map((p) => p.id));
    expect(paper.sources.map((s) => s.listing)).toEqual(['002_0319e9849d359e6e.txt', '004_541aeb50e668b5b0.txt', '005_arxiv.xml']);
  });

  it('gains its authors, arXiv id and category, and first-published date', () => {
    expect(paper).toMatchObject({ authors: ['Albert Gu', 'Tri Dao'], arxivId: '2312.00752', arxivCategory: 'cs.LG', published: '2023-12-01' });
  });

  it('is cited as a full BibTeX entry', () => {
    const entry = bibtex({ ...paper, url: `https://example.org/papers/${id}/` });
    expect(entry).toBe(
      [
        `@misc{${id},`,
        '  title = {{Mamba: Linear-Time Sequence Modeling with Selective State Spaces}},',
        '  author = {Gu, Albert and Dao, Tri},',
        '  year = {2023},',
        '  month = dec,',
        '  eprint = {2312.00752},',
        '  archivePrefix = {arXiv},',
        '  primaryClass = {cs.LG},',
        '  url = {https://arxiv.org/abs/2312.00752}',
        '}',
      ].join('\n'),
    );
  });

  it('changes no other paper', () => {
    const others = (plan: ReturnType<typeof buildCatalog>) => [...plan.files].filter(([file]) => file !== `${id}.mdx` && !file.startsWith('scaling-rectified') && !file.startsWith('flow-straight'));
    expect(others(after)).toEqual(others(before));
  });
});
