import { describe, expect, it } from 'vitest';
import { openGraphTags, type MetaTag } from '../../src/lib/open-graph.ts';

const content = (tags: MetaTag[], key: string) => tags.find((t) => ('property' in t ? t.property : t.name) === key)?.content;
// Astro's \`site\` has no path: the base (here the unit tests' "/") goes in front of site paths.
// tests/e2e/links.spec.ts checks the same tags under /shelfmark/.
const site = new URL('https://example.github.io');

describe('the Open Graph tags of a page', () => {
  it('describe a page with its own card by its title, absolute and cut at a word', () => {
    const tags = openGraphTags({ title: 'Flow Straight and Fast', description: 'Rectified flow.', url: 'https://e.org/p/', card: 'cards/papers/x.png', type: 'article' }, 'Shelfmark', site);
    expect(content(tags, 'og:image')).toBe('https://example.github.io/cards/papers/x.png');
    expect(content(tags, 'og:image:alt')).toBe('Flow Straight and Fast');
    expect(content(tags, 'og:type')).toBe('article');
    expect(content(tags, 'og:url')).toBe('https://e.org/p/');
    expect(content(tags, 'twitter:card')).toBe('summary_large_image');
    expect(content(tags, 'twitter:title')).toBeUndefined();
  });

  it('give a long title whole, and X, which shows 70 characters, its own cut at a word; hostile lengths are cut for all', () => {
    const title = 'Towards an Extraordinarily Long and Comprehensive Title for a Transformer Paper: Efficient Linear Attention';
    const tags = openGraphTags({ title, description: 'd', card: 'cards/papers/x.png' }, 'S', site);
    expect(content(tags, 'og:title')).toBe(title);
    expect(content(tags, 'og:image:alt')).toBe(title);
    expect(content(tags, 'twitter:title')).toBe('Towards an Extraordinarily Long and Comprehensive Title for a…');
    expect(content(openGraphTags({ title: 'word '.repeat(100), description: 'd' }, 'S', site), 'og:title')!.length).toBeLessThanOrEqual(200);
  });

  it("say what another's card shows: the site's name for the site card, or what the page names", () => {
    expect(content(openGraphTags({ title: 'All papers', description: 'd' }, 'Shelfmark', site), 'og:image:alt')).toBe('Shelfmark');
    expect(content(openGraphTags({ title: 'A paper', description: 'd', card: 'cards/themes/t.png', cardAlt: 'Efficient attention' }, 'Shelfmark', site), 'og:image:alt')).toBe('Efficient attention');
  });

  it('leave out og:url for a page without a canonical address', () => {
    expect(content(openGraphTags({ title: 'Not found', description: 'd' }, 'S', site), 'og:url')).toBeUndefined();
  });
});
