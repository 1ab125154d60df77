import { describe, expect, it } from 'vitest';
import { cleanLink, extractLinks } from '../../src/ingest/links.ts';

describe('finding links in an abstract', () => {
  it('an abstract without a URL has no links', () => {
    expect(extractLinks('We propose a method. Code will be released.')).toEqual([]);
  });

  it('a full stop after a URL is not part of it', () => {
    expect(extractLinks('Code is available at https://github.com/apple/ml-tarflow.')).toEqual(['https://github.com/apple/ml-tarflow']);
  });

  it('commas, semicolons, colons and ellipses after a URL are not part of it', () => {
    expect(extractLinks('see https://a.org/x, https://b.org/y; https://c.org/z: and https://d.org/w...')).toEqual([
      'https://a.org/x',
      'https://b.org/y',
      'https://c.org/z',
      'https://d.org/w',
    ]);
  });

  it('a trailing slash and a .git suffix stay', () => {
    expect(extractLinks('Demo: https://audio-agi.github.io/FlowSep_demo/. Code: https://github.com/x/y.git.')).toEqual([
      'https://audio-agi.github.io/FlowSep_demo/',
      'https://github.com/x/y.git',
    ]);
  });

  it('a URL glued to `{this` is cut at the brace', () => {
    expect(extractLinks('Code is available at https://github.com/HolmesShuan/FireFlow{this URL}.')).toEqual(['https://github.com/HolmesShuan/FireFlow']);
  });

  it('a URL repeated inside LaTeX braces is one link', () => {
    expect(extractLinks('Code is available at https://github.com/mlvlab/CAF{https://github.com/mlvlab/CAF}.')).toEqual(['https://github.com/mlvlab/CAF']);
  });

  it('a URL inside \\url{…} ends at the closing brace', () => {
    expect(extractLinks('available at \\url{https://github.com/LUMIA-Group/FourierTransformer}')).toEqual(['https://github.com/LUMIA-Group/FourierTransformer']);
  });

  it('a bracket around a URL is not part of it', () => {
    expect(extractLinks('(Code: https://github.com/yitu-opensource/T2T-ViT)')).toEqual(['https://github.com/yitu-opensource/T2T-ViT']);
    expect(extractLinks('library (https://github.com/divelab/AIRS).')).toEqual(['https://github.com/divelab/AIRS']);
    expect(extractLinks('available at [https://github.com/henry-pay/SpaRTAN].')).toEqual(['https://github.com/henry-pay/SpaRTAN']);
  });

  it('a closing bracket the URL itself opened stays', () => {
    expect(extractLinks('see (https://en.wikipedia.org/wiki/Mamba_(snake)).')).toEqual(['https://en.wikipedia.org/wiki/Mamba_(snake)']);
  });

  it('angle brackets, quotes and backslashes end a URL', () => {
    expect(extractLinks('<https://a.org/x> "https://b.org/y" https://c.org/z\\textbf')).toEqual(['https://a.org/x', 'https://b.org/y', 'https://c.org/z']);
  });

  it('a query string is kept whole', () => {
    expect(extractLinks('at https://a.org/q?x=1&y=2#top.')).toEqual(['https://a.org/q?x=1&y=2#top']);
  });

  it('the same link twice is listed once, in order of first appearance', () => {
    expect(extractLinks('https://b.org/1 then https://a.org/2 and again https://b.org/1.')).toEqual(['https://b.org/1', 'https://a.org/2']);
  });

  it('only http and https links are kept', () => {
    expect(extractLinks('ftp://a.org/x mailto:me@a.org javascript:alert(1) file:///etc/passwd')).toEqual([]);
  });

  it('a host without a dot, or no host at all, is not a link', () => {
    expect(extractLinks('run http://localhost:3000 or https:// or https://.')).toEqual([]);
  });

  it('a URL glued to the next one ends where the next begins', () => {
    expect(extractLinks('see https://a.org/xhttps://b.org/y.')).toEqual(['https://a.org/x', 'https://b.org/y']);
  });

  it('takes time in proportion to the abstract, however many URLs are glued together', () => {
    const abstract = `Abstract start ${'https://a.b'.repeat(20_000)}`;
    const started = performance.now();
    expect(extractLinks(abstract)).toEqual(['https://a.b']);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('keeps at most the first ten links of an abstract', () => {
    const abstract = Array.from({ length: 50 }, (_, i) => `https://a.org/${i}`).join(' ');
    expect(extractLinks(abstract)).toEqual(Array.from({ length: 10 }, (_, i) => `https://a.org/${i}`));
  });

  it('a URL longer than 2,000 characters is not a link', () => {
    expect(extractLinks(`https://a.org/${'x'.repeat(2000)} and https://b.org/y`)).toEqual(['https://b.org/y']);
  });
});

describe('cleaning one URL', () => {
  it('returns null when nothing valid is left', () => {
    expect(cleanLink('https://.')).toBeNull();
    expect(cleanLink('https://')).toBeNull();
  });

  it('strips punctuation and unopened brackets repeatedly', () => {
    expect(cleanLink('https://a.org/x).')).toBe('https://a.org/x');
    expect(cleanLink('https://a.org/x/]),')).toBe('https://a.org/x/');
  });
});
