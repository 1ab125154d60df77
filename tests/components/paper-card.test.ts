import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { describe, expect, it } from 'vitest';
import PaperCard from '../../src/components/PaperCard.astro';
import type { PaperEntry } from '../../src/lib/catalog.ts';

/** A paper entry as the collection gives it; only what the card shows needs saying. */
const entry = (data: Partial<PaperEntry['data']>) =>
  ({ id: 'scaling', collection: 'papers', data: { title: 'Scaling Rectified Flow Transformers', abstract: 'We scale.', listedOn: null, themes: [], authors: [], authorsCount: null, ...data } }) as unknown as PaperEntry;

const authorsLine = async (data: Partial<PaperEntry['data']>) => {
  const container = await AstroContainer.create();
  const html = await container.renderToString(PaperCard, { props: { paper: entry(data), themes: [] } });
  return /<p class="authors"[^>]*>([^<]*)<\/p>/.exec(html)?.[1];
};

describe('a paper in a list', () => {
  it('names its authors, and ends names that are not all of them with "et al."', async () => {
    expect(await authorsLine({ authors: ['Patrick Esser', 'Sumith Kulal'], authorsCount: 2 })).toBe('Patrick Esser and Sumith Kulal');
    expect(await authorsLine({ authors: ['Patrick Esser', 'Sumith Kulal'], authorsCount: 12, etAl: true })).toBe('Patrick Esser, Sumith Kulal et al.');
  });
});
