/**
 * Published URLs never break: on the real corpus, every paper URL of today's catalog still
 * leads to the same paper after the listings change in the ways they do in practice.
 */
import { describe, expect, it } from 'vitest';
import { buildCatalog, type CatalogInput } from '../../src/ingest/catalog.ts';
import { readCatalogInput } from '../../src/ingest/store.ts';
import { contentPaths } from '../../src/lib/content-dir.ts';
import { titleKey } from '../../src/ingest/normalize.ts';
import { repoRoot } from '../support/repo.ts';

const today = readCatalogInput(contentPaths(repoRoot));
const published = buildCatalog(today);

/** Id → abstract of every URL a plan serves (current ids and the aliases that redirect). */
function urls(plan: ReturnType<typeof buildCatalog>): Map<string, string> {
  const served = new Map<string, string>();
  for (const paper of plan.papers) for (const id of [paper.id, ...paper.aliases]) served.set(id, titleKey(paper.abstract ?? ''));
  return served;
}

/** The catalog as it would be re-ingested on top of today's files. */
function reingest(change: (input: CatalogInput) => CatalogInput) {
  const existing = [...published.files].map(([file, text]) => ({ file, path: `content/papers/${file}`, text }));
  return buildCatalog(change({ ...today, existing }));
}

function expectEveryUrlKept(after: ReturnType<typeof buildCatalog>) {
  const before = urls(published);
  const now = urls(after);
  const lost = [...before].filter(([id, abstract]) => now.get(id) !== abstract).map(([id]) => id);
  expect(lost).toEqual([]);
  expect(before.size).toBe(424);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

describe('every paper URL keeps working after a re-ingest that', () => {
  it('adds a listing with new papers and with papers already in the catalog', () => {
    const repeated = published.papers.slice(0, 5).map((p) => `${p.title}\n${p.abstract}`);
    const fresh = ['A Brand New Paper on Attention Sinks', 'Another New Paper: Flow Matching for Tables'].map(
      (title) => `${title}\nAn abstract long enough to read as one, about a paper the catalog has never seen before today.`,
    );
    const after = reingest((input) => ({
      ...input,
      listings: [...input.listings, { file: '005_new.txt', path: 'content/sources/005_new.txt', bytes: encoder.encode([...fresh, ...repeated].join('\n')) }],
    }));
    expectEveryUrlKept(after);
    expect(after.papers).toHaveLength(426);
  });

  it('reorders the listings (renamed files sort in the opposite order)', () => {
    const after = reingest((input) => ({
      ...input,
      listings: input.listings.map((listing, i) => ({ ...listing, file: `${9 - i}-${listing.file}` })),
      manifest: input.manifest.map((entry, i) => ({ ...entry, file: `${9 - i}-${entry.file}` })),
    }));
    expectEveryUrlKept(after);
  });

  it('corrects a title in every listing it appears in', () => {
    const paper = published.papers.find((p) => p.title.startsWith('Mamba: Linear-Time'))!;
    const corrected = 'Mamba: Linear-Time Sequence Modelling with Selective State Spaces';
    const after = reingest((input) => ({
      ...input,
      listings: input.listings.map((listing) => ({ ...listing, bytes: encoder.encode(decoder.decode(listing.bytes).replaceAll(paper.title, corrected)) })),
    }));
    expectEveryUrlKept(after);
    expect(after.papers.find((p) => p.id === paper.id)?.title).toBe(corrected);
  });

  it('renames a paper by hand: the new URL serves it and the old one redirects', () => {
    const paper = published.papers.find((p) => p.title.startsWith('Mamba: Linear-Time'))!;
    const after = reingest((input) => ({ ...input, curation: { papers: { [paper.id]: { addThemes: [], removeThemes: [], hidden: false, renameTo: 'mamba' } } } }));
    expectEveryUrlKept(after);
    const renamed = after.papers.find((p) => p.id === 'mamba')!;
    expect(renamed.aliases).toEqual([paper.id]);
    expect(after.files.has('mamba.mdx')).toBe(true);
    expect(after.remove).toContain(`${paper.id}.mdx`);
  });
});
