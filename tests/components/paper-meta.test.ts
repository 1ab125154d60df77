import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { describe, expect, it } from 'vitest';
import PaperMeta from '../../src/components/PaperMeta.astro';
import type { Paper } from '../../src/schemas/paper.ts';

/** The page's facts list for a paper; only what it shows needs saying. */
async function facts(paper: Partial<Paper>): Promise<string> {
  const container = await AstroContainer.create();
  const html = await container.renderToString(PaperMeta, { props: { paper: { listedOn: null, authors: [], authorsCount: null, org: null, upvotes: null, published: null, venue: null, ...paper } } });
  return html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
}

describe('a paper\'s facts', () => {
  it('a venue shows when the paper appeared there, where that is not the date it first came out', async () => {
    expect(await facts({ published: '2017-10-30', venue: { name: 'ICLR', kind: 'proceedings', date: '2018' } })).toBe('Published Oct 30, 2017 Proceedings ICLR, 2018');
    expect(await facts({ published: '1997-11', venue: { name: 'Neural Computation', kind: 'journal', date: '1997-11' } })).toBe('Published Nov 1997 Journal Neural Computation');
  });

  it('a venue shows its volume, issue and pages, as the source gave them', async () => {
    expect(await facts({ venue: { name: 'Neural Computation', kind: 'journal', volume: '9', issue: '8', pages: '1735-1780' } })).toBe('Journal Neural Computation, vol. 9, no. 8, pp. 1735–1780');
    expect(await facts({ venue: { name: 'Nature', kind: 'journal', pages: 'e1004' } })).toBe('Journal Nature, p. e1004');
  });

  it('a book shows its publisher, a chapter its book, a thesis and a report their kind and who issued them', async () => {
    expect(await facts({ venue: { name: 'MIT Press', kind: 'book' } })).toBe('Publisher MIT Press');
    expect(await facts({ venue: { name: 'Neural Networks: Tricks of the Trade', kind: 'chapter', pages: '9-50' } })).toBe('In Neural Networks: Tricks of the Trade, pp. 9–50');
    expect(await facts({ venue: { name: 'University of Toronto', kind: 'thesis', genre: 'PhD thesis' } })).toBe('Thesis PhD thesis, University of Toronto');
    expect(await facts({ venue: { name: 'OpenAI', kind: 'report', genre: 'Technical report', issue: '7' } })).toBe('Report Technical report, OpenAI, no. 7');
  });
});
