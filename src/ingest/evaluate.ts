/**
 * How well the theme rules agree with people: precision and recall per theme against the
 * hand-labelled samples (`tests/fixtures/theme-labels.yaml` for development,
 * `tests/fixtures/theme-labels-holdout.yaml` held out; see the README beside them).
 */

/** The themes the catalog promises and measures; the rest are conveniences. */
export const REQUIRED_THEMES = ['rectified-flow', 'efficient-attention', 'hybrid-models', 'ctc-asr'];

/** What a researcher can trust: at most one paper in ten misfiled, at most about one in seven missed. */
export const BAR = { precision: 0.9, recall: 0.85 };

export function meetsBar(score: Pick<ThemeScore, 'precision' | 'recall'>): boolean {
  return score.precision >= BAR.precision && score.recall >= BAR.recall;
}

export interface Labelled {
  id: string;
  /** Themes a person gave the paper by reading it. */
  themes: string[];
}

export interface ThemeScore {
  theme: string;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
}

/** Scores `predicted` (paper id → themes) on the labelled papers; an empty theme scores 1. */
export function scoreThemes(themes: readonly string[], labelled: readonly Labelled[], predicted: ReadonlyMap<string, readonly string[]>): ThemeScore[] {
  return themes.map((theme) => {
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    for (const paper of labelled) {
      const expected = paper.themes.includes(theme);
      const got = predicted.get(paper.id)?.includes(theme) ?? false;
      if (expected && got) truePositives++;
      else if (got) falsePositives++;
      else if (expected) falseNegatives++;
    }
    return {
      theme,
      truePositives,
      falsePositives,
      falseNegatives,
      precision: truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives),
      recall: truePositives + falseNegatives === 0 ? 1 : truePositives / (truePositives + falseNegatives),
    };
  });
}

export function formatScores(scores: readonly ThemeScore[]): string {
  const width = Math.max(...scores.map((s) => s.theme.length), 5);
  const rows = scores.map((s) => `${s.theme.padEnd(width)}  ${s.precision.toFixed(2).padStart(9)}  ${s.recall.toFixed(2).padStart(6)}  ${String(s.truePositives).padStart(3)}  ${String(s.falsePositives).padStart(3)}  ${String(s.falseNegatives).padStart(3)}  ${meetsBar(s) ? 'yes' : 'no'}`);
  return [`${'theme'.padEnd(width)}  precision  recall   tp   fp   fn  bar`, ...rows].join('\n');
}
