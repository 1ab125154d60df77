import { describe, expect, it } from 'vitest';
import { facetTokens, publishedToken, publishedValue, slugOf, sourceValue, UNDATED, UNKNOWN, yearToken, yearValue } from '../../src/lib/facets.ts';

/** What the search page does with a token from its URL: it looks the label up by token. */
function labelFor(token: string, tokens: Map<string, string>): string | undefined {
  return [...tokens].find(([, t]) => t === token)?.[0];
}

describe('facet values', () => {
  it('give a paper its year, or Undated, and a listing its label, or its file name', () => {
    expect(yearValue('2024-01-05')).toBe('2024');
    expect(yearValue(null)).toBe(UNDATED);
    expect(yearToken(UNDATED)).toBe('undated');
    expect(yearToken('2024')).toBe('2024');
    expect(sourceValue('004_x.txt', 'Daily Papers')).toBe('Daily Papers');
    expect(sourceValue('004_x.txt', undefined)).toBe('004_x.txt');
  });

  it('give a paper the year it was published, or Unknown', () => {
    expect(publishedValue('2023-12')).toBe('2023');
    expect(publishedValue(null)).toBe(UNKNOWN);
    expect(publishedToken(UNKNOWN)).toBe('unknown');
    expect(publishedToken('2023')).toBe('2023');
  });
});

describe('facet tokens', () => {
  it('keep a plain, readable slug for ordinary labels', () => {
    const tokens = facetTokens(['Hugging Face Papers search: efficient transformers', 'Daily Papers']);
    expect(tokens.get('Hugging Face Papers search: efficient transformers')).toBe('hugging-face-papers-search-efficient-transformers');
    expect(tokens.get('Daily Papers')).toBe('daily-papers');
  });

  it('give Japanese, Arabic and emoji labels a token that is not empty and leads back to the label', () => {
    const labels = ['論文の一覧', 'قائمة الأوراق', '📚🔥', '🚀 launch week', 'Ünïcödé Papers'];
    const tokens = facetTokens(labels);
    expect(tokens.get('論文の一覧')).toBe('論文の一覧');
    expect(tokens.get('قائمة الأوراق')).toBe('قائمة-الأوراق');
    expect(tokens.get('📚🔥')).toBe('📚🔥');
    expect(tokens.get('🚀 launch week')).toBe('🚀-launch-week');
    for (const label of labels) {
      const token = tokens.get(label)!;
      expect(token.length, label).toBeGreaterThan(0);
      // Through a URL and back, as the search page's state does it.
      const back = new URLSearchParams(new URLSearchParams({ source: token }).toString()).get('source')!;
      expect(labelFor(back, tokens)).toBe(label);
    }
  });

  it('give labels that differ only in punctuation or case tokens of their own', () => {
    const labels = ['Papers: a.b', 'Papers: a b', 'papers — A/B', 'Other'];
    const tokens = facetTokens(labels);
    expect(new Set(tokens.values()).size).toBe(labels.length);
    for (const label of labels) expect(labelFor(tokens.get(label)!, tokens)).toBe(label);
    // Only the colliding ones carry a hash; the rest stay readable.
    expect(tokens.get('Other')).toBe('other');
    expect(tokens.get('Papers: a.b')).toMatch(/^papers-a-b-[0-9a-f]{8}$/);
  });

  it('give labels with nothing readable in them distinct tokens too', () => {
    const tokens = facetTokens(['!!!', '???', '—']);
    expect(new Set(tokens.values()).size).toBe(3);
    for (const token of tokens.values()) expect(token).toMatch(/^l-[0-9a-f]{8}$/);
  });

  it('do not depend on the order labels come in, nor on other labels that do not collide', () => {
    const a = facetTokens(['X: a.b', 'X: a b', 'Daily']);
    const b = facetTokens(['Daily', 'Weekly', 'X: a b', 'X: a.b']);
    expect(b.get('X: a.b')).toBe(a.get('X: a.b'));
    expect(b.get('X: a b')).toBe(a.get('X: a b'));
    expect(b.get('Daily')).toBe(a.get('Daily'));
  });

  it('slug the way the URL needs: NFKC, lower case, hyphens between runs', () => {
    expect(slugOf('  ＦＵＬＬ　width!! ')).toBe('full-width');
    expect(slugOf('a -- b')).toBe('a-b');
  });
});
