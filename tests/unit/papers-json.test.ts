/** The data export's parts (src/lib/papers-json.ts): every paper once, in id order, in parts of even size. */
import { describe, expect, it } from 'vitest';
import type { PaperEntry } from '../../src/lib/catalog.ts';
import { exportOrder, paperRow, partOf, partsIndex } from '../../src/lib/papers-json.ts';

const paper = (id: string) => ({ id, data: {} }) as unknown as PaperEntry;
const papers = ['delta', 'alpha', 'echo', 'charlie', 'bravo'].map(paper);
const ids = (list: readonly PaperEntry[]) => list.map((p) => p.id);

describe('the data export', () => {
  it('orders papers by id as code units, whatever order they come in', () => {
    expect(ids(exportOrder([paper('b'), paper('B'), paper('a-2'), paper('a')]))).toEqual(['B', 'a', 'a-2', 'b']);
  });

  it('deals the ordered papers into consecutive parts of at most ceil(n / parts) each, every paper once', () => {
    expect([1, 2, 3].map((part) => ids(partOf(papers, part, 3)))).toEqual([['alpha', 'bravo'], ['charlie', 'delta'], ['echo']]);
    expect(ids(partOf(papers, 1, 1))).toEqual(['alpha', 'bravo', 'charlie', 'delta', 'echo']);
  });

  it("lists each part's file, size and first and last ids, as absolute URLs under the site's base", () => {
    const index = partsIndex(papers, 2, new URL('https://example.github.io'));
    expect(index.papers).toBe(5);
    expect(index.parts.map(({ papers, first, last }) => ({ papers, first, last }))).toEqual([
      { papers: 3, first: 'alpha', last: 'charlie' },
      { papers: 2, first: 'delta', last: 'echo' },
    ]);
    // Under the unit tests' base, "/"; tests/e2e checks the export under /shelfmark/.
    expect(index.parts[0]!.url).toBe('https://example.github.io/papers-1.json');
  });

  it('gives each paper its former ids, whose URLs redirect to it, for programs keyed on ids', () => {
    const entry = { id: 'mamba', data: { aliases: ['mamba-preprint'], sources: [], linksByKind: {} } } as unknown as PaperEntry;
    expect(paperRow(entry, new URL('https://example.github.io'))).toMatchObject({ id: 'mamba', aliases: ['mamba-preprint'] });
  });
});
