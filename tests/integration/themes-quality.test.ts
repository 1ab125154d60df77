/**
 * The shelves against people, for the four required themes (see ../shared/themes-spec.md).
 * The catalog's bar is precision ≥ 0.90 and recall ≥ 0.85, measured where the shelves cannot
 * have seen the answer:
 * - by 5-fold cross-validation over every labelled paper in content/theme-labels.yaml (the
 *   default corpus and the training papers): each paper is judged by models trained on the
 *   other folds, without its own label;
 * - on the fresh sample, tests/fixtures/theme-fresh.yaml: papers in no listing and in no
 *   training set, labelled the same way, that no model ever trains on;
 * - on the near-miss sample, tests/fixtures/theme-near-misses.yaml: the same, but papers
 *   written to sit on the themes' borders, the hardest case for a shelf.
 * tests/fixtures/README.md says how the labels were made.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildCatalog } from '../../src/ingest/catalog.ts';
import { BAR, crossValidate, freshLabels, HELD_OUT_SAMPLES, judgeUnseen, meetsBar, REQUIRED_THEMES, scoreOutcomes, type FreshPaper, type Outcome } from '../../src/ingest/evaluate.ts';
import { titleKey } from '../../src/ingest/normalize.ts';
import { readCatalogInput } from '../../src/ingest/store.ts';
import { contentPaths } from '../../src/lib/content-dir.ts';
import { fixturesDir, repoRoot } from '../support/repo.ts';

const input = readCatalogInput(contentPaths(repoRoot));
const plan = buildCatalog(input);
const { labelled } = plan.shelving;
const samples = HELD_OUT_SAMPLES.map(({ name, file }) => ({ name, papers: parse(readFileSync(join(fixturesDir, file), 'utf8')) as FreshPaper[] }));
const [fresh, nearMiss] = samples.map(({ papers }) => judgeUnseen(input.taxonomy, labelled, freshLabels(papers)));
const crossValidated = crossValidate(input.taxonomy, labelled);
const shown = plan.papers.filter((p) => !p.hidden);

describe('the labels', () => {
  it('name only known papers and themes', () => {
    expect(plan.diagnostics.filter((d) => d.file.includes('theme-labels') || d.file.includes('training-papers'))).toEqual([]);
  });

  it('decide every required theme for every labelled paper, and cover every paper of the default corpus', () => {
    expect(labelled.filter((p) => REQUIRED_THEMES.some((t) => !p.labels.has(t))).map((p) => p.id)).toEqual([]);
    const ids = new Set(labelled.map((p) => p.id));
    expect(shown.filter((p) => !ids.has(p.id)).map((p) => p.id)).toEqual([]);
  });

  it('include at least 1,000 training papers beyond the catalog, with every theme in and out', () => {
    expect(input.training.length).toBeGreaterThanOrEqual(1000);
    for (const theme of REQUIRED_THEMES) {
      const yes = labelled.filter((p) => p.labels.get(theme)).length;
      expect(yes).toBeGreaterThanOrEqual(100);
      expect(labelled.length - yes).toBeGreaterThanOrEqual(100);
    }
  });
});

describe('the held-out samples', () => {
  it.each(samples)('$name has at least 60 papers, none in the catalog, the training papers or another sample, each theme present', ({ name, papers }) => {
    expect(papers.length).toBeGreaterThanOrEqual(60);
    const others = samples.filter((sample) => sample.name !== name).flatMap((sample) => sample.papers);
    const known = new Set([...plan.papers, ...input.training, ...others].flatMap((p) => [p.id, titleKey(p.title)]));
    expect(papers.filter((p) => known.has(p.id) || known.has(titleKey(p.title))).map((p) => p.id)).toEqual([]);
    for (const theme of REQUIRED_THEMES) expect(papers.filter((p) => p.themes.includes(theme)).length).toBeGreaterThanOrEqual(10);
  });
});

const score = (outcomes: Map<string, Outcome[]>, theme: string) => scoreOutcomes(theme, outcomes.get(theme)!, 'shelves');

describe('cross-validated over the labelled papers', () => {
  it.each(['rectified-flow', 'ctc-asr'])('%s meets the bar: precision ≥ 0.90, recall ≥ 0.85', (theme) => {
    const { precision, recall } = score(crossValidated, theme);
    expect(precision).toBeGreaterThanOrEqual(BAR.precision);
    expect(recall).toBeGreaterThanOrEqual(BAR.recall);
  });

  // BELOW THE BAR. The floors are the measured figures rounded down (efficient-attention
  // 314 tp / 42 fp / 50 fn, hybrid-models 174 / 35 / 53, 1,697 labelled papers): raise them when
  // a change earns it, and move a theme to the test above when it reaches the bar. They are not the bar.
  it.each([
    ['efficient-attention', 0.88, 0.86],
    ['hybrid-models', 0.83, 0.76],
  ] as const)('%s FLOOR (bar not met): precision ≥ %s, recall ≥ %s', (theme, precision, recall) => {
    expect(score(crossValidated, theme).precision).toBeGreaterThanOrEqual(precision);
    expect(score(crossValidated, theme).recall).toBeGreaterThanOrEqual(recall);
  });
});

describe('on the fresh sample', () => {
  it.each(['rectified-flow', 'ctc-asr'])('%s meets the bar: precision ≥ 0.90, recall ≥ 0.85', (theme) => {
    const { precision, recall } = score(fresh, theme);
    expect(precision).toBeGreaterThanOrEqual(BAR.precision);
    expect(recall).toBeGreaterThanOrEqual(BAR.recall);
  });

  // BELOW THE BAR: efficient-attention 30 tp / 5 fp / 0 fn, hybrid-models 14 / 2 / 6 (91 papers).
  it.each([
    ['efficient-attention', 0.85, BAR.recall],
    ['hybrid-models', 0.87, 0.7],
  ] as const)('%s FLOOR (bar not met): precision ≥ %s, recall ≥ %s', (theme, precision, recall) => {
    expect(score(fresh, theme).precision).toBeGreaterThanOrEqual(precision);
    expect(score(fresh, theme).recall).toBeGreaterThanOrEqual(recall);
  });
});

describe('on the near-miss sample', () => {
  it('ctc-asr meets the bar: precision ≥ 0.90, recall ≥ 0.85', () => {
    expect(meetsBar(score(nearMiss, 'ctc-asr'))).toBe(true);
  });

  // BELOW THE BAR, measured when the sample was added (298 papers): rectified-flow 8 tp / 1 fp /
  // 3 fn, efficient-attention 115 / 17 / 18, hybrid-models 38 / 26 / 33. Floors, not the bar.
  it.each([
    ['rectified-flow', 0.88, 0.72],
    ['efficient-attention', 0.87, 0.86],
    ['hybrid-models', 0.59, 0.53],
  ] as const)('%s FLOOR (bar not met): precision ≥ %s, recall ≥ %s', (theme, precision, recall) => {
    expect(score(nearMiss, theme).precision).toBeGreaterThanOrEqual(precision);
    expect(score(nearMiss, theme).recall).toBeGreaterThanOrEqual(recall);
  });
});

describe('the learned layer', () => {
  it('finds more of each required theme than the rules alone, cross-validated', () => {
    for (const theme of REQUIRED_THEMES) {
      const outcomes = crossValidated.get(theme)!;
      expect(scoreOutcomes(theme, outcomes, 'shelves').recall).toBeGreaterThan(scoreOutcomes(theme, outcomes, 'rules').recall);
    }
  });
});

describe('the catalog', () => {
  it('puts at least 90% of its papers on a shelf', () => {
    expect(shown.filter((p) => p.themes.length > 0).length / shown.length).toBeGreaterThanOrEqual(0.9);
  });
});

describe('the bar itself', () => {
  // Guards against a scorer that cannot fail: shelving nothing or everything must miss it.
  it('is missed by shelving nothing, and by shelving everything', () => {
    for (const theme of REQUIRED_THEMES) {
      const outcomes = crossValidated.get(theme)!;
      const nothing = outcomes.map((o) => ({ ...o, got: { shelves: false, rules: false } }));
      const everything = outcomes.map((o) => ({ ...o, got: { shelves: true, rules: true } }));
      expect(meetsBar(scoreOutcomes(theme, nothing, 'shelves'))).toBe(false);
      expect(meetsBar(scoreOutcomes(theme, everything, 'shelves'))).toBe(false);
    }
  });
});
