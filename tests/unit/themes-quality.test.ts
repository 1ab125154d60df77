/**
 * The theme rules against people: precision and recall of the four required themes on the
 * hand-labelled samples in tests/fixtures/ (see the README there), rules only (no curation).
 * The catalog's bar is precision ≥ 0.90 and recall ≥ 0.85 for each required theme.
 *
 * The tuning sample is the one rules may be adjusted against, so it must meet the bar. The
 * held-out sample never was; where it does not meet the bar yet, its measured figures are
 * pinned as floors, so a rule change that only helps the tuning sample shows up here.
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
const predicted = new Map(buildCatalog(input).papers.map((p) => [p.id, classify(p.title, p.abstract).themes]));
const read = (file: string) => parse(readFileSync(join(fixturesDir, file), 'utf8')) as Labelled[];
const tuning = read('theme-labels.yaml');
const heldOut = read('theme-labels-holdout.yaml');
const score = (labelled: readonly Labelled[], theme: string) => scoreThemes([theme], labelled, predicted)[0]!;

describe.each([
  ['tuning', tuning],
  ['held-out', heldOut],
] as const)('the %s sample', (_, labelled) => {
  it('has at least 120 papers, each in the catalog once, labelled only with required themes', () => {
    expect(labelled.length).toBeGreaterThanOrEqual(120);
    expect(labelled.filter((l) => !predicted.has(l.id)).map((l) => l.id)).toEqual([]);
    expect(new Set(labelled.map((l) => l.id)).size).toBe(labelled.length);
    expect(labelled.flatMap((l) => l.themes).filter((t) => !REQUIRED_THEMES.includes(t))).toEqual([]);
  });
});

describe('theme rules on the tuning sample', () => {
  it('shares no paper with the held-out sample', () => {
    const held = new Set(heldOut.map((l) => l.id));
    expect(tuning.filter((l) => held.has(l.id)).map((l) => l.id)).toEqual([]);
  });

  it.each(REQUIRED_THEMES)('%s meets the bar: precision ≥ 0.90, recall ≥ 0.85', (theme) => {
    const { precision, recall } = score(tuning, theme);
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

  // Below the bar on papers the rules were never tuned against (see tests/fixtures/README.md).
  // These floors are the measured figures, rounded down: raise them when a rule change earns
  // it, and when a theme reaches the bar move it to the test above.
  it.each([
    ['efficient-attention', 0.67, 0.68],
    ['hybrid-models', 0.74, 0.71],
  ] as const)('%s held-out floor: precision ≥ %s, recall ≥ %s (bar not yet met)', (theme, precision, recall) => {
    expect(score(heldOut, theme).precision).toBeGreaterThanOrEqual(precision);
    expect(score(heldOut, theme).recall).toBeGreaterThanOrEqual(recall);
  });
});

describe('the bar itself', () => {
  // Guards against a scorer that cannot fail: shelving nothing or everything must miss it.
  it('is missed by rules that shelve nothing, and by rules that shelve everything', () => {
    const nothing = new Map(tuning.map((l) => [l.id, [] as string[]]));
    const everything = new Map(tuning.map((l) => [l.id, REQUIRED_THEMES]));
    for (const theme of REQUIRED_THEMES) {
      expect(meetsBar(scoreThemes([theme], tuning, nothing)[0]!)).toBe(false);
      expect(meetsBar(scoreThemes([theme], tuning, everything)[0]!)).toBe(false);
    }
  });
});
