/** A Pagefind result as the results list shows it: the title once, then the page's text. */
import { describe, expect, it } from 'vitest';
import { toHit } from '../../src/browser/search/pagefind.ts';

const page = (title: string, content: string) => ({ url: '/papers/p/', content, meta: { title }, filters: { theme: ['Efficient attention'] } });

describe('a search hit', () => {
  it('leaves out the plain spellings a paper page gives Pagefind to find, which no reader wrote', () => {
    const hit = toHit({ ...page('Letters', 'Letters. By Łukasz of Łódź. lukasz lodz Cite it.'), meta: { title: 'Letters', plain: 'lukasz lodz' } });
    expect(hit.text).toBe('By Łukasz of Łódź. Cite it.');
  });

  it('does not repeat the title at the start of its text', () => {
    expect(toHit(page('Linear Attention', 'Linear Attention. We make attention linear.'))).toMatchObject({ title: 'Linear Attention', text: 'We make attention linear.', themes: ['Efficient attention'] });
  });

  it('knows its title when Pagefind has left out a character that draws as nothing (a zero-width space)', () => {
    expect(toHit(page('Zero\u200bwidth <svg>', 'Zerowidth <svg> The abstract.')).text).toBe('The abstract.');
  });

  it('keeps text that does not start with the title whole', () => {
    expect(toHit(page('A Title', 'Another start. The abstract.')).text).toBe('Another start. The abstract.');
  });
});
