import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { expect, it } from 'vitest';
import ListedDate from '../../src/components/ListedDate.astro';

it('renders the day a paper was listed as a machine-readable <time> that reads "Feb 12, 2024", as its preview card does', async () => {
  const container = await AstroContainer.create();
  const html = await container.renderToString(ListedDate, { props: { date: '2024-02-12' } });
  // In tests Astro marks elements with their source file; the element and its text are what count.
  expect(html).toMatch(/^<time datetime="2024-02-12"[^>]*>Feb 12, 2024<\/time>$/);
});
