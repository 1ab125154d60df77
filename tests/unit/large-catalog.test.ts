import { describe, expect, it } from 'vitest';
import { DATA_PART_PAPERS, dataParts, isLargeCatalog, largeCatalogFrom, LARGE_CATALOG_PAPERS, offlineZipLink, ownsCard, paperCard, SEARCH_PART_PAPERS, searchParts } from '../../src/lib/large-catalog.ts';

describe('largeCatalogFrom', () => {
  it('is 12,000 papers unless LARGE_CATALOG says otherwise', () => {
    expect(LARGE_CATALOG_PAPERS).toBe(12_000);
    expect(largeCatalogFrom({})).toBe(12_000);
    expect(largeCatalogFrom({ LARGE_CATALOG: '' })).toBe(12_000);
    expect(largeCatalogFrom({ LARGE_CATALOG: '500' })).toBe(500);
  });

  it.each(['0', '-3', '2.5', 'many', '1e', '0x10', '1e1', ' 5 '])('refuses LARGE_CATALOG=%s, naming the variable', (value) => {
    expect(() => largeCatalogFrom({ LARGE_CATALOG: value })).toThrow(`LARGE_CATALOG must be a whole number of papers, not "${value}"`);
  });
});

describe('isLargeCatalog', () => {
  it('keeps the default corpus and 10,000 papers as they were, and counts 30,000 as large', () => {
    expect(isLargeCatalog(424, {})).toBe(false);
    expect(isLargeCatalog(10_000, {})).toBe(false);
    expect(isLargeCatalog(11_999, {})).toBe(false);
    expect(isLargeCatalog(12_000, {})).toBe(true);
    expect(isLargeCatalog(30_000, {})).toBe(true);
  });

  it('follows LARGE_CATALOG, so a small catalog can be built as a large one', () => {
    expect(isLargeCatalog(3, { LARGE_CATALOG: '3' })).toBe(true);
    expect(isLargeCatalog(2, { LARGE_CATALOG: '3' })).toBe(false);
  });
});

describe('paperCard', () => {
  const plain = { id: 'rectified-flow-at-scale', themes: ['rectified-flow', 'efficient-attention'], notes: false };

  it('gives every paper its own card in a catalog that is not large', () => {
    expect(paperCard(plain, false)).toBe('cards/papers/rectified-flow-at-scale.png');
    expect(ownsCard(plain, false)).toBe(true);
  });

  it("shares the first theme's card in a large catalog", () => {
    expect(paperCard(plain, true)).toBe('cards/themes/rectified-flow.png');
    expect(ownsCard(plain, true)).toBe(false);
  });

  it("shares the site's card for a paper on no shelf", () => {
    expect(paperCard({ ...plain, themes: [] }, true)).toBe('cards/site.png');
  });

  it('keeps the own card of a paper with notes, however large the catalog', () => {
    expect(paperCard({ ...plain, notes: true }, true)).toBe('cards/papers/rectified-flow-at-scale.png');
    expect(ownsCard({ notes: true }, true)).toBe(true);
  });
});

describe('offlineZipLink', () => {
  const release = 'https://github.com/owner/repo/releases/download/offline-edition/shelfmark-offline.zip';

  it("points at the site's own zip when the catalog is not large, wherever a release would be", () => {
    expect(offlineZipLink(false, {})).toEqual({ href: 'shelfmark-offline.zip', onSite: true });
    expect(offlineZipLink(false, { OFFLINE_ZIP_URL: release })).toEqual({ href: 'shelfmark-offline.zip', onSite: true });
  });

  it('points at the release asset of a large catalog, and nowhere when none is named', () => {
    expect(offlineZipLink(true, { OFFLINE_ZIP_URL: release })).toEqual({ href: release, onSite: false });
    expect(offlineZipLink(true, {})).toBeNull();
  });
});

describe('searchParts', () => {
  it('keeps one search index for a catalog that is not large, however many papers', () => {
    expect(searchParts(424, false, {})).toBe(1);
    expect(searchParts(50_000, false, {})).toBe(1);
  });

  it('splits a large catalog into parts of at most 15,000 papers', () => {
    expect(SEARCH_PART_PAPERS).toBe(15_000);
    expect(searchParts(3, true, {})).toBe(1);
    expect(searchParts(15_000, true, {})).toBe(1);
    expect(searchParts(15_001, true, {})).toBe(2);
    expect(searchParts(30_000, true, {})).toBe(2);
    expect(searchParts(100_000, true, {})).toBe(7);
  });

  it('follows SEARCH_PART_PAPERS, for catalogs whose papers are longer', () => {
    expect(searchParts(30_000, true, { SEARCH_PART_PAPERS: '5000' })).toBe(6);
    expect(searchParts(30_000, false, { SEARCH_PART_PAPERS: '5000' })).toBe(1);
    expect(() => searchParts(30_000, true, { SEARCH_PART_PAPERS: 'half' })).toThrow('SEARCH_PART_PAPERS must be a whole number of papers, not "half"');
  });
});

describe('dataParts', () => {
  it('keeps papers.json whole for a catalog that is not large, however many papers', () => {
    expect(dataParts(424, false, {})).toBe(1);
    expect(dataParts(100_000, false, {})).toBe(1);
  });

  it("splits a large catalog's export into files of at most 10,000 papers, or DATA_PART_PAPERS", () => {
    expect(DATA_PART_PAPERS).toBe(10_000);
    expect(dataParts(10_000, true, {})).toBe(1);
    expect(dataParts(30_000, true, {})).toBe(3);
    expect(dataParts(100_001, true, {})).toBe(11);
    expect(dataParts(5, true, { DATA_PART_PAPERS: '2' })).toBe(3);
    expect(() => dataParts(5, true, { DATA_PART_PAPERS: '0' })).toThrow('DATA_PART_PAPERS must be a whole number of papers, not "0"');
  });
});
