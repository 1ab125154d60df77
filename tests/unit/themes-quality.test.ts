/**
 * The theme rules against people: precision and recall of the four required themes on the
 * hand-labelled samples in tests/fixtures/ (see the README there), rules only (no curation).
 * The catalog's bar is precision ≥ 0.90 and recall ≥ 0.85 for each required theme.
 *
 * The development sample (the first 360 papers in hash order, labelled twice and adjudicated)
 * is the one rules may be adjusted against, so it must meet the bar. The held-out sample (the
 * 64 remaining papers, labelled by a rule-blind annotator) never was; where it does not meet
 * the bar, its measured figures are pinned as floors, so a rule change that only helps the
 * development sample shows up here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildCatalog } from '../../src/ingest/catalog.ts';
import { createClassifier } from '../../src/ingest/classify.ts';
import { BAR, meetsBar, REQUIRED_THEMES, scoreThemes, type Labelled } from '../../src/ingest/evaluate.ts';
import { contentPaths, readCatalogInput } from '../../src/ingest/store.ts';
import { fixturesDir, repoRoot } from './helpers.ts';

const input = readCatalogInput(contentPaths(repoRoot));
const classify = createClassifier(input.taxonomy);
const papers = buildCatalog(input).papers;
const predicted = new Map(papers.map((p) => [p.id, classify(p.title, p.abstract ?? '').themes]));
const read = (file: string) => parse(readFileSync(join(fixturesDir, file), 'utf8')) as Labelled[];
const development = read('theme-labels.yaml');
const heldOut = read('theme-labels-holdout.yaml');
const score = (labelled: readonly Labelled[], theme: string) => scoreThemes([theme], labelled, predicted)[0]!;

describe.each([
  ['development', development, 360],
  ['held-out', heldOut, 64],
] as const)('the %s sample', (_, labelled, size) => {
  it(`has ${size} papers, each in the catalog once, labelled only with required themes`, () => {
    expect(labelled.length).toBe(size);
    expect(labelled.filter((l) => !predicted.has(l.id)).map((l) => l.id)).toEqual([]);
    expect(new Set(labelled.map((l) => l.id)).size).toBe(labelled.length);
    expect(labelled.flatMap((l) => l.themes).filter((t) => !REQUIRED_THEMES.includes(t))).toEqual([]);
  });
});

describe('the samples together', () => {
  it('the development sample is at least the 120 papers the bar is measured on', () => {
    expect(development.length).toBeGreaterThanOrEqual(120);
  });

  it('share no paper', () => {
    const held = new Set(heldOut.map((l) => l.id));
    expect(development.filter((l) => held.has(l.id)).map((l) => l.id)).toEqual([]);
  });

  it('cover every paper that is not hidden (the held-out sample is all the rest)', () => {
    const labelled = new Set([...development, ...heldOut].map((l) => l.id));
    expect(papers.filter((p) => !p.hidden && !labelled.has(p.id)).map((p) => p.id)).toEqual([]);
  });
});

describe('theme rules on the development sample', () => {
  it.each(REQUIRED_THEMES)('%s meets the bar: precision ≥ 0.90, recall ≥ 0.85', (theme) => {
    const { precision, recall } = score(development, theme);
    expect(precision).toBeGreaterThanOrEqual(BAR.precision);
    expect(recall).toBeGreaterThanOrEqual(BAR.recall);
  });
});

describe('theme rules on the held-out sample', () => {
  it.each(['rectified-flow', 'ctc-asr'])('%s meets the bar: precision ≥ 0.90, recall ≥ 0.85', (theme) => {
    const { precision, recall } = score(heldOut, theme);
    expect(precision).toBeGreaterThanOrEqual(BAR.precision);
    expect(recall).toBeGreaterThanOrEqual(BAR.recall);
  });

  // BELOW THE BAR on papers the rules were never tuned against (see tests/fixtures/README.md).
  // These floors are the measured figures, rounded down (efficient-attention 10 tp / 3 fp /
  // 6 fn; hybrid-models 2 / 1 / 0): raise them when a rule change earns it, and when a theme
  // reaches the bar move it to the test above. They are not the bar.
  it.each([
    ['efficient-attention', 0.76, 0.62],
    ['hybrid-models', 0.66, BAR.recall],
  ] as const)('%s held-out FLOOR (bar not met): precision ≥ %s, recall ≥ %s', (theme, precision, recall) => {
    expect(score(heldOut, theme).precision).toBeGreaterThanOrEqual(precision);
    expect(score(heldOut, theme).recall).toBeGreaterThanOrEqual(recall);
  });
});

describe('the bar itself', () => {
  // Guards against a scorer that cannot fail: shelving nothing or everything must miss it.
  it('is missed by rules that shelve nothing, and by rules that shelve everything', () => {
    const nothing = new Map(development.map((l) => [l.id, [] as string[]]));
    const everything = new Map(development.map((l) => [l.id, REQUIRED_THEMES]));
    for (const theme of REQUIRED_THEMES) {
      expect(meetsBar(scoreThemes([theme], development, nothing)[0]!)).toBe(false);
      expect(meetsBar(scoreThemes([theme], development, everything)[0]!)).toBe(false);
    }
  });
});
