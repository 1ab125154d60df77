import { createClassifier, type Evidence } from './classify.ts';
import { buildVocabulary, score, strongestTerms, trainModel, vectorize, type Features, type LinearModel, type Text, type Vocabulary } from './model.ts';
import type { ThemeEvidence } from '../schemas/paper.ts';
import type { Theme } from '../schemas/theme.ts';

/**
 * Which shelves a paper goes on. For each theme, in this order:
 * 1. a person's label (`content/theme-labels.yaml`) decides, when there is one;
 * 2. a theme with enough labelled papers has a model, and its calibrated probability decides
 *    (≥ `MODEL_THRESHOLD`). The phrase rules are its second signal: the calibration weighs the
 *    theme's rule score beside the text model's margin, as much as held-out papers show it is
 *    worth, so a strong match raises the probability and strong false friends ("optical flow"
 *    in a title) lower it;
 * 3. a theme without a model (a new theme, or one of a user's own) is decided by its rules.
 */

/** A probability of one half: the paper is more likely in than out. */
export const MODEL_THRESHOLD = 0.5;
/** A theme needs this many labelled papers in and out before a model can learn it. */
export const MIN_EXAMPLES = 10;

/** A paper with the decisions people made about it, theme id → in (`true`) or out. */
export interface LabelledPaper extends Text {
  id: string;
  labels: ReadonlyMap<string, boolean>;
}

/** One theme's model, and the feature space it reads papers in: its own labelled papers' terms. */
export interface ThemeModel extends LinearModel {
  vocabulary: Vocabulary;
}

export interface ThemeModels {
  models: Map<string, ThemeModel>;
}

/** What decided one theme for one paper, and the signals behind it. */
export interface Judgement {
  theme: string;
  in: boolean;
  by: ThemeEvidence['by'];
  /** The model's calibrated probability, or null for a theme without a model. */
  probability: number | null;
  /** What the rules alone say. */
  rulesIn: boolean;
  ruleScore: number;
  phrases: Evidence[];
}

/**
 * What the rules say, as the model's second signal: the theme's phrase score in thresholds
 * (1 is just enough on its own), bounded so that one paper full of phrases cannot outweigh the text.
 */
function ruleSignal(score: number, threshold: number): number {
  return Math.max(-3, Math.min(3, score / threshold));
}

/**
 * Trains a model for each theme that has at least `MIN_EXAMPLES` papers labelled in and out.
 * Each theme's vocabulary and IDF come from the papers labelled for that theme only: with one
 * space over every labelled paper, labelling papers for one theme moved the terms, IDF and
 * vector norms of all the others, and so their scores on papers nobody had touched.
 */
export function trainThemeModels(taxonomy: readonly Theme[], labelled: readonly LabelledPaper[]): ThemeModels {
  // Sorted by id, so the models never depend on the order the labels were read in.
  const papers = [...labelled].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const classify = createClassifier(taxonomy);
  const rules = papers.map((paper) => classify(paper.title, paper.abstract).scores);
  // Themes labelled over the same papers (on the default content, all four) have the same
  // space: it is built, and each paper vectorised, once for them all.
  const spaces = new Map<string, { vocabulary: Vocabulary; vectors: Features[] }>();
  const models = new Map<string, ThemeModel>();
  for (const theme of taxonomy) {
    const chosen = papers.flatMap((paper, i) => (paper.labels.has(theme.id) ? [i] : []));
    const ys = chosen.map((i) => papers[i]!.labels.get(theme.id)!);
    const positives = ys.filter(Boolean).length;
    if (positives < MIN_EXAMPLES || ys.length - positives < MIN_EXAMPLES) continue;
    const ids = chosen.map((i) => papers[i]!.id);
    const key = ids.join('\n');
    let space = spaces.get(key);
    if (!space) {
      const vocabulary = buildVocabulary(chosen.map((i) => papers[i]!));
      space = { vocabulary, vectors: chosen.map((i) => vectorize(vocabulary, papers[i]!)) };
      spaces.set(key, space);
    }
    const signals = chosen.map((i) => ruleSignal(rules[i]![theme.id]!, theme.threshold));
    models.set(theme.id, { ...trainModel(ids, space.vectors, signals, ys, space.vocabulary.terms.length), vocabulary: space.vocabulary });
  }
  return { models };
}

/**
 * Returns a function that judges one paper for every theme. `labels` are people's decisions
 * by paper id; a paper's own label always wins over its model score.
 */
export function createJudge(taxonomy: readonly Theme[], trained: ThemeModels, labels: ReadonlyMap<string, ReadonlyMap<string, boolean>>) {
  const classify = createClassifier(taxonomy);
  return (paper: Text & { id: string }): { judgements: Judgement[]; terms: (theme: string) => string[] } => {
    const rules = classify(paper.title, paper.abstract);
    // The paper in each model's space, vectorised once for the themes that share one.
    const vectors = new Map<Vocabulary, Features>();
    const vectorIn = (vocabulary: Vocabulary) => {
      let vector = vectors.get(vocabulary);
      if (!vector) vectors.set(vocabulary, (vector = vectorize(vocabulary, paper)));
      return vector;
    };
    const own = labels.get(paper.id);
    const judgements = taxonomy.map((theme): Judgement => {
      const ruleScore = rules.scores[theme.id]!;
      const rulesIn = ruleScore >= theme.threshold;
      const model = trained.models.get(theme.id);
      const probability = model ? score(model, vectorIn(model.vocabulary), ruleSignal(ruleScore, theme.threshold)) : null;
      const base = { theme: theme.id, probability, rulesIn, ruleScore, phrases: rules.evidence[theme.id] ?? [] };
      const label = own?.get(theme.id);
      if (label !== undefined) return { ...base, in: label, by: 'label' };
      if (probability === null) return { ...base, in: rulesIn, by: 'rules' };
      return { ...base, in: probability >= MODEL_THRESHOLD, by: 'model' };
    });
    const terms = (theme: string) => {
      const model = trained.models.get(theme);
      return model ? strongestTerms(model, model.vocabulary, vectorIn(model.vocabulary)) : [];
    };
    return { judgements, terms };
  };
}

/** The paper's shelves, in taxonomy order, and for each the evidence its page shows. */
export function createShelver(taxonomy: readonly Theme[], trained: ThemeModels, labels: ReadonlyMap<string, ReadonlyMap<string, boolean>>) {
  const judge = createJudge(taxonomy, trained, labels);
  return (paper: Text & { id: string }): { themes: string[]; evidence: Record<string, ThemeEvidence> } => {
    const { judgements, terms } = judge(paper);
    const themes: string[] = [];
    const evidence: Record<string, ThemeEvidence> = {};
    for (const j of judgements) {
      if (!j.in) continue;
      themes.push(j.theme);
      evidence[j.theme] = {
        by: j.by,
        // A labelled paper trained its own model, so its score would only echo the label.
        score: j.by === 'model' ? Math.round(j.probability! * 100) / 100 : null,
        phrases: j.phrases,
        terms: j.by === 'model' ? terms(j.theme) : [],
      };
    }
    return { themes, evidence };
  };
}
