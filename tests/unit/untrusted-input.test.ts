/**
 * What the ingest does to untrusted text, by example (the property tests in
 * untrusted-text.property.test.ts cover the same rules with arbitrary input): bidi
 * controls, other control characters and noncharacters are removed; characters that carry
 * meaning, however invisible, are kept; nothing else is changed.
 */
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/ingest/catalog.ts';
import { cleanText, stripControls } from '../../src/lib/format.ts';
import { parseListing } from '../../src/ingest/parse.ts';
import { BIDI_CONTROLS } from '../support/untrusted-text.ts';
import { defaultFiles } from '../support/fixtures.ts';

const ABSTRACT = 'An abstract long enough to be read as one, about attention in transformers.';

function catalogOf(text: string) {
  const listings = [{ file: 'l.txt', path: 'content/sources/l.txt', bytes: new TextEncoder().encode(text) }];
  return buildCatalog({ listings, manifest: [], taxonomy: [], curation: { papers: {} }, curationLine: () => 0, labels: [], labelLine: () => 0, training: [], trainingLine: () => 0, existing: [], files: defaultFiles });
}

describe('bidirectional controls ("Trojan Source")', () => {
  it.each(BIDI_CONTROLS.map((c) => [`U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`, c]))('%s is removed from titles and abstracts', (_name, control) => {
    expect(cleanText(`a${control}b`)).toBe('ab');
    expect(stripControls(`a${control}b`)).toBe('ab');
  });

  it('a right-to-left override cannot make a title read as something else', () => {
    // Shown with the override, this reads "Safe exe.png"; without it, it is what it is.
    const plan = catalogOf(`Safe \u202Egnp.exe\u202C Title\n\u2067${ABSTRACT}\u2069\n`);
    expect(plan.papers.map((p) => [p.title, p.abstract])).toEqual([['Safe gnp.exe Title', ABSTRACT]]);
  });

  it('is removed from an organisation\'s name too, which the listing shows beside the date', () => {
    const plan = catalogOf(`A Title\n\n${ABSTRACT}\n\n\u202EInc Acme\u202C\n·\nDec 8, 2024\n`);
    expect(plan.diagnostics).toEqual([]);
    expect(plan.papers[0]!.org).toBe('Inc Acme');
  });

  it('an organisation of nothing but controls is no organisation', () => {
    expect(catalogOf(`A Title\n\n${ABSTRACT}\n\n\u202E\u202C\n·\nDec 8, 2024\n`).papers[0]!.org).toBeNull();
  });

  it('right-to-left scripts themselves are kept, with their own direction', () => {
    const title = 'نماذج المحولات Transformers עברית';
    expect(catalogOf(`${title}\n${ABSTRACT}\n`).papers[0]!.title).toBe(title);
  });
});

describe('control characters and noncharacters', () => {
  it('terminal escapes, bells, DEL and C1 controls are removed', () => {
    expect(cleanText('Terminal \x1B[31mRed\x1B[0m Bell\x07 Del\x7F C1\x9B')).toBe('Terminal [31mRed[0m Bell Del C1');
  });

  it('noncharacters are removed; they are not allowed in XML', () => {
    expect(stripControls('a\uFFFEb\uFFFFc\uFDD0d\u{10FFFF}e')).toBe('abcde');
  });

  it('vertical tab, form feed and NEL become spaces in abstracts, tabs stay', () => {
    expect(stripControls('a\vb\fc\x85d\te')).toBe('a b c d\te');
  });

  it('reach no paper: a title and abstract with them come out clean', () => {
    const plan = catalogOf(`A \x1B[1mBold\x1B[0m Title\x07\n${ABSTRACT}\x08\x0B\n`);
    expect(plan.papers.map((p) => [p.title, p.abstract])).toEqual([['A [1mBold[0m Title', ABSTRACT]]);
  });
});

describe('invisible characters with a meaning are kept', () => {
  it.each([
    ['zero-width space', 'Zero\u200BWidth'],
    ['zero-width non-joiner', 'می\u200Cخواهم'],
    ['zero-width joiner in an emoji', '👩\u200D🔬 Scientists'],
    ['word joiner', 'word\u2060joiner'],
    ['soft hyphen', 'soft\u00ADhyphen'],
    ['combining marks', 'e\u0301 and Z\u0337a\u0338'],
    ['variation selectors', '🏳\uFE0F\u200D🌈 and 1\uFE0F\u20E3'],
  ])('%s', (_name, title) => {
    expect(catalogOf(`${title}\n${ABSTRACT}\n`).papers[0]!.title).toBe(title);
  });
});

describe('text with nothing visible in it', () => {
  it.each([
    ['a zero-width space', '\u200B'],
    ['a soft hyphen and a word joiner', '\u00AD\u2060'],
    ['a Hangul filler', '\u3164'],
  ])('a title of only %s is no title: an error at its line, and no paper', (_name, title) => {
    const plan = catalogOf(`A Title\n${ABSTRACT}\n${title}\n${ABSTRACT}\n`);
    expect(plan.papers.map((p) => p.title)).toEqual(['A Title']);
    expect(plan.diagnostics).toEqual([expect.objectContaining({ severity: 'error', file: 'content/sources/l.txt', line: 3, message: expect.stringContaining('no title') })]);
  });
});

describe('lone surrogates', () => {
  it('a \\ud800 escape in a JSON source reaches no paper: it becomes U+FFFD', () => {
    // JSON.stringify writes a lone surrogate as an escape (`\\ud800`), as a file would hold it.
    const csl = JSON.stringify([{ id: 'x\uD800', type: 'article', title: 'Lone \uD800 surrogate', abstract: `${ABSTRACT} \uDC00`, author: [{ literal: 'A \uD800' }], DOI: '10.1000/x\uD800' }]);
    const listings = [{ file: 'c.json', path: 'content/sources/c.json', bytes: new TextEncoder().encode(csl) }];
    const plan = buildCatalog({ listings, manifest: [], taxonomy: [], curation: { papers: {} }, curationLine: () => 0, labels: [], labelLine: () => 0, training: [], trainingLine: () => 0, existing: [], files: defaultFiles });
    const [paper] = plan.papers;
    expect([paper!.title, paper!.abstract, paper!.authors, paper!.sources[0]!.key, paper!.doi]).toEqual(['Lone \uFFFD surrogate', `${ABSTRACT} \uFFFD`, ['A \uFFFD'], 'x\uFFFD', '10.1000/x\uFFFD']);
    expect([...plan.files.values()].join('')).not.toMatch(/\p{Surrogate}|\\u[dD][89a-fA-F]/u);
  });
});

describe('page chrome at the top of a listing', () => {
  it('a first title that starts like chrome is kept whole when the listing has no chrome', () => {
    for (const title of ['Subscribers: A Study of Newsletters', 'newton: Second-Order Optimisation', 'Daily Papers: A Survey']) {
      const { papers, diagnostics } = parseListing('l.txt', `${title}\n${ABSTRACT}\n`);
      expect(diagnostics).toEqual([]);
      expect(papers[0]!.title).toBe(title);
    }
  });

  it('chrome glued to the first title after the page\'s chrome lines is still cut', () => {
    const { papers } = parseListing('l.txt', `Get trending papers in your email inbox!\nSubscribeScaling Rectified Flow\n${ABSTRACT}\n`);
    expect(papers[0]!.title).toBe('Scaling Rectified Flow');
  });
});
