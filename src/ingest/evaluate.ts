import { foldOf } from './model.ts';
import { createJudge, trainThemeModels, type LabelledPaper } from './shelve.ts';
import type { Theme } from '../schemas/theme.ts';

/**
 * How well the shelves agree with people: precision and recall per theme by k-fold
 * cross-validation over the labelled papers (`content/theme-labels.yaml`), so that no paper
 * is ever scored by a model that saw its own label; and on a fresh sample that no model
 * ever trains on (`tests/fixtures/theme-fresh.yaml`).
 */

/** The themes the catalog promises and measures; the rest are conveniences. */
export const REQUIRED_THEMES = ['rectified-flow', 'efficient-attention', 'hybrid-models', 'ctc-asr'];

/** What a researcher can trust: at most one paper in ten misfiled, at most about one in seven missed. */
export const BAR = { precision: 0.9, recall: 0.85 };

export const FOLDS = 5;

/** Whether figures reach the bar: both precision and recall. */
export function meetsBar(score: Pick<ThemeScore, 'precision' | 'recall'>): boolean {
  return score.precision >= BAR.precision && score.recall >= BAR.recall;
}

export interface ThemeScore {
  theme: string;
  /** Papers labelled for the theme, in or out: what the figures rest on. */
  labelled: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
}

/** The two ways of deciding that the evaluation compares: the model with the rules as its second signal, and the rules alone. */
export type Method = 'shelves' | 'rules';

/** For one theme: each paper's label beside what each method decided. */
export interface Outcome {
  expected: boolean;
  got: Record<Method, boolean>;
  /** The model's calibrated probability, or null for a theme decided by its rules alone. */
  probability: number | null;
}

export function scoreOutcomes(theme: string, outcomes: readonly Outcome[], method: Method): ThemeScore {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  for (const { expected, got } of outcomes) {
    if (expected && got[method]) truePositives++;
    else if (got[method]) falsePositives++;
    else if (expected) falseNegatives++;
  }
  return {
    theme,
    labelled: outcomes.length,
    truePositives,
    falsePositives,
    falseNegatives,
    // An empty theme scores 1: nothing was misfiled, nothing was missed.
    precision: truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives),
    recall: truePositives + falseNegatives === 0 ? 1 : truePositives / (truePositives + falseNegatives),
  };
}

/**
 * Judges `tested` papers with models trained on `training` only, and with no person's label
 * (the label is what is being predicted). Returns, per theme, an outcome for every tested
 * paper that has a label for it.
 */
export function judgeUnseen(taxonomy: readonly Theme[], training: readonly LabelledPaper[], tested: readonly LabelledPaper[]): Map<string, Outcome[]> {
  const judge = createJudge(taxonomy, trainThemeModels(taxonomy, training), new Map());
  const outcomes = new Map<string, Outcome[]>(taxonomy.map((t) => [t.id, []]));
  for (const paper of tested) {
    for (const j of judge(paper).judgements) {
      const expected = paper.labels.get(j.theme);
      if (expected === undefined) continue;
      outcomes.get(j.theme)!.push({ expected, got: { shelves: j.in, rules: j.rulesIn }, probability: j.probability });
    }
  }
  return outcomes;
}

/** k-fold cross-validation: each paper is judged by models trained on the other folds. */
export function crossValidate(taxonomy: readonly Theme[], labelled: readonly LabelledPaper[]): Map<string, Outcome[]> {
  const outcomes = new Map<string, Outcome[]>(taxonomy.map((t) => [t.id, []]));
  for (let fold = 0; fold < FOLDS; fold++) {
    const inFold = (paper: LabelledPaper) => foldOf(paper.id, FOLDS) === fold;
    const judged = judgeUnseen(taxonomy, labelled.filter((p) => !inFold(p)), labelled.filter(inFold));
    for (const [theme, list] of judged) outcomes.get(theme)!.push(...list);
  }
  return outcomes;
}

/**
 * Whether another model threshold than `MODEL_THRESHOLD` would meet the bar: of the thresholds
 * that keep recall at the bar, the one with the best precision (a paper is in when its
 * probability is at least the threshold). Null for a theme without a model (or no outcomes).
 */
export function bestThreshold(outcomes: readonly Outcome[]): { threshold: number; precision: number; recall: number } | null {
  if (outcomes.some((o) => o.probability === null)) return null;
  const positives = outcomes.filter((o) => o.expected).length;
  // Lowering the threshold past each probability in turn, from the highest, lets those papers in.
  const sorted = [...outcomes].sort((a, b) => b.probability! - a.probability!);
  let best: { threshold: number; precision: number; recall: number } | null = null;
  let truePositives = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i]!.expected) truePositives++;
    // Papers with the same probability go in together.
    if (i + 1 < sorted.length && sorted[i + 1]!.probability === sorted[i]!.probability) continue;
    const precision = truePositives / (i + 1);
    const recall = positives === 0 ? 1 : truePositives / positives;
    if (recall >= BAR.recall && (!best || precision > best.precision)) best = { threshold: sorted[i]!.probability!, precision, recall };
  }
  return best;
}

export function formatScores(rows: readonly (ThemeScore & { method: string })[]): string {
  const width = Math.max(...rows.map((s) => s.theme.length), 5);
  const lines = rows.map(
    (s) =>
      `${s.theme.padEnd(width)}  ${s.method.padEnd(7)}  ${String(s.labelled).padStart(8)}  ${s.precision.toFixed(2).padStart(9)}  ${s.recall.toFixed(2).padStart(6)}  ${String(s.truePositives).padStart(4)}  ${String(s.falsePositives).padStart(4)}  ${String(s.falseNegatives).padStart(4)}  ${meetsBar(s) ? 'yes' : 'no'}`,
  );
  return [`${'theme'.padEnd(width)}  method   labelled  precision  recall    tp    fp    fn  bar`, ...lines].join('\n');
}

/**
 * The samples no model ever trains on, only scores, in tests/fixtures/: the fresh sample, as a
 * weekly listing would look, and the near-miss sample, papers on the themes' borders.
 */
export const HELD_OUT_SAMPLES = [
  { name: 'fresh sample', file: 'theme-fresh.yaml' },
  { name: 'near-miss sample', file: 'theme-near-misses.yaml' },
] as const;

/** A paper of a held-out sample: never trained on, labelled for the required themes. */
export interface FreshPaper {
  id: string;
  title: string;
  abstract: string;
  /** The required themes it belongs to; it is out of the others. */
  themes: string[];
}

export function freshLabels(papers: readonly FreshPaper[]): LabelledPaper[] {
  return papers.map((p) => ({ ...p, labels: new Map(REQUIRED_THEMES.map((t) => [t, p.themes.includes(t)])) }));
}
