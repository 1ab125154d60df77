/**
 * The browser search's pure parts: the results page's state as it lives in the URL, and the
 * engine's faceting over any index (here a small fake one, in place of Pagefind or the offline index).
 */
import { describe, expect, it } from 'vitest';
import { packVocabulary, Speller } from '../../src/lib/spelling.ts';
import { SearchEngine, type Backend, type Counts, type Filters, type HitData } from '../../src/browser/search/engine.ts';
import { readState, writeState, type SearchState } from '../../src/browser/search/state.ts';

describe('the search state in the URL', () => {
  const state: SearchState = { q: 'rectified flow', theme: ['efficient-attention', 'ctc-asr'], year: '2024', published: '2023', author: 'ada-lovelace', source: 'daily-papers', sort: 'newest', verbatim: true };
  const none: SearchState = { q: '', theme: [], year: '', published: '', author: '', source: '', sort: 'relevance', verbatim: false };

  it('reads back what it wrote', () => {
    expect(readState(writeState(state))).toEqual(state);
  });

  it('writes defaults as nothing, and in one fixed order whatever the order of the fields', () => {
    expect(writeState({ ...none, q: '  ', verbatim: true })).toBe('');
    expect(writeState({ verbatim: true, sort: 'newest', source: 'daily-papers', author: 'ada-lovelace', published: '2023', year: '2024', theme: ['efficient-attention', 'ctc-asr'], q: 'rectified flow' })).toBe(
      '?q=rectified+flow&theme=efficient-attention&theme=ctc-asr&year=2024&published=2023&author=ada-lovelace&source=daily-papers&sort=newest&verbatim=1',
    );
  });

  it('reads a bare or hand-edited URL as sensible defaults: unknown sorts as relevance, themes once each', () => {
    expect(readState('')).toEqual(none);
    expect(readState('?sort=oldest&theme=a&theme=&theme=a&theme=b')).toEqual({ ...none, theme: ['a', 'b'] });
    expect(readState('?q=%3Cscript%3E').q).toBe('<script>');
  });
});

/** A fake index over four papers: filters narrow, counts are taken over the hits. */
function fakeBackend(): Backend & { calls: Filters[] } {
  const papers: (HitData & { year: string; source: string })[] = [
    { url: 'a/', title: 'A', text: '', themes: ['flow'], year: '2024', source: 'x' },
    { url: 'b/', title: 'B', text: '', themes: ['flow', 'speech'], year: '2023', source: 'x' },
    { url: 'c/', title: 'C', text: '', themes: ['speech'], year: '2024', source: 'y' },
    { url: 'd/', title: 'D', text: '', themes: [], year: '2022', source: 'y' },
  ];
  const valuesOf = (p: (typeof papers)[number]) => ({ theme: p.themes, year: [p.year], source: [p.source] });
  const calls: Filters[] = [];
  return {
    name: 'offline',
    calls,
    async search(_query, filters) {
      calls.push(filters);
      const hits = papers.filter((p) => Object.entries(filters).every(([facet, chosen]) => !chosen?.length || chosen.some((v) => valuesOf(p)[facet as 'theme'].includes(v))));
      const counts: Counts = {};
      for (const hit of hits) for (const [facet, values] of Object.entries(valuesOf(hit))) for (const v of values) ((counts[facet as 'theme'] ??= {})[v] = (counts[facet as 'theme']![v] ?? 0) + 1);
      return { total: hits.length, counts, page: async (from, to) => hits.slice(from, to) };
    },
    async totals() {
      return { total: papers.length, counts: {} };
    },
  };
}

describe('the search engine', () => {
  it('counts a chosen facet without its own choice, so its other values can still be compared', async () => {
    const backend = fakeBackend();
    const outcome = await new SearchEngine(backend).run('anything', { theme: ['speech'], year: ['2024'] }, 'relevance', { facets: true });
    expect(outcome.total).toBe(1);
    expect((await outcome.page(0, 10)).map((h) => h.url)).toEqual(['c/']);
    // Themes counted over the 2024 papers (A, C); years over the speech papers (B, C).
    expect(outcome.counts.theme).toEqual({ flow: 1, speech: 1 });
    expect(outcome.counts.year).toEqual({ 2023: 1, 2024: 1 });
    expect(outcome.facetTotals).toEqual({ theme: 2, year: 2, published: 1, author: 1, source: 1 });
  });

  it('finds nothing for a word no paper has, without asking the index (which would fall back to a prefix of it)', async () => {
    const backend = fakeBackend();
    const speller = new Speller(packVocabulary(['Rectified flow for speech', 'Mamba models']));
    const outcome = await new SearchEngine(backend, speller).run('flow mallory', {}, 'relevance', { facets: true, correct: false });
    expect(outcome.total).toBe(0);
    expect(await outcome.page(0, 10)).toEqual([]);
    expect(backend.calls).toEqual([]);
    await new SearchEngine(backend, speller).run('flows speech', {}, 'relevance', { correct: false });
    expect(backend.calls).toHaveLength(1);
  });

  it('searches once when no facet counts are asked for', async () => {
    const backend = fakeBackend();
    const outcome = await new SearchEngine(backend).run('  ', { theme: ['flow'] }, 'newest');
    expect(backend.calls).toHaveLength(1);
    expect(outcome.total).toBe(2);
  });
});
