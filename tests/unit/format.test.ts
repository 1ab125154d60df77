import { describe, expect, it } from 'vitest';
import { cleanText, excerpt, formatDate, formatPartialDate, graphemes, initialOf, plural, stripControls } from '../../src/lib/format.ts';

describe('display text', () => {
  it('cleans untrusted text: invisible controls removed, whitespace collapsed, trimmed', () => {
    expect(cleanText(' Safe\u202Egnp.exe\u0007\t\u00a0title \n')).toBe('Safegnp.exe title');
  });

  it('text with nothing visible in it is empty: zero-width characters, soft hyphens and fillers alone show nothing', () => {
    for (const blank of ['\u200B', ' \u00AD\u2060 ', '\u3164', '\uFEFF\u200D', '\u2800']) expect(cleanText(blank), JSON.stringify(blank)).toBe('');
    expect(cleanText('Zero\u200BWidth \u3164Filler')).toBe('Zero\u200BWidth \u3164Filler');
  });

  it('a lone surrogate, which no UTF-8 file can hold but a JSON escape can, becomes U+FFFD', () => {
    expect(stripControls('a\uD800b\uDFFFc')).toBe('a\uFFFDb\uFFFDc');
    expect(cleanText('lone \uD800')).toBe('lone \uFFFD');
    expect(cleanText('👩🏽\u200D🔬')).toBe('👩🏽\u200D🔬');
  });

  it('cuts at the last word that fits, the ellipsis within the limit', () => {
    expect(excerpt('Short enough.', 13)).toBe('Short enough.');
    expect(excerpt('Rectified flow, a simple approach', 17)).toBe('Rectified flow…');
    expect(graphemes(excerpt('word '.repeat(100), 30)).length).toBeLessThanOrEqual(30);
    expect(excerpt('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
  });

  it('never splits an emoji or a letter from its accents', () => {
    const text = `${'👩🏽‍🔬'.repeat(12)} done`;
    const cut = excerpt(text, 10);
    expect(cut).toBe(`${'👩🏽‍🔬'.repeat(9)}…`);
  });

  it('writes a day as "Feb 12, 2024" in any time zone and refuses days that do not exist', () => {
    expect(formatDate('2024-02-12')).toBe('Feb 12, 2024');
    expect(formatDate('2024-02-29')).toBe('Feb 29, 2024');
    expect(formatDate('2023-02-29')).toBeNull();
    expect(formatDate('2024-13-01')).toBeNull();
    expect(formatDate('yesterday')).toBeNull();
    expect(formatDate(null)).toBeNull();
  });

  it('writes a date as precisely as it is known', () => {
    expect(formatPartialDate('2023')).toBe('2023');
    expect(formatPartialDate('2023-12')).toBe('Dec 2023');
    expect(formatPartialDate('2023-12-01')).toBe('Dec 1, 2023');
  });

  it('counts in words', () => {
    expect([plural(0, 'paper'), plural(1, 'paper'), plural(2, 'theme')]).toEqual(['0 papers', '1 paper', '2 themes']);
  });

  it('files a title under its first letter, accents removed, symbols and digits under #', () => {
    expect([initialOf('Émile'), initialOf('attention'), initialOf('3D'), initialOf('“Quoted”')]).toEqual(['E', 'A', '#', '#']);
  });
});
