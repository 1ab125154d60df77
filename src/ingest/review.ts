import { createJudge, MODEL_THRESHOLD, type ThemeModels } from './shelve.ts';
import type { Evidence } from './classify.ts';
import { excerpt } from '../lib/format.ts';
import type { Theme } from '../schemas/theme.ts';

/**
 * The review queue of `npm run themes:review`: the unlabelled decisions the shelves are least
 * sure of, most informative first, so that each answer a maintainer gives teaches the most.
 */

/** One question: does this paper belong on this shelf? */
export interface ReviewItem {
  paper: string;
  theme: string;
  title: string;
  excerpt: string;
  /** Where the paper is now. */
  shelved: boolean;
  /** The model's calibrated probability, or null for a theme decided by rules alone. */
  probability: number | null;
  ruleScore: number;
  rulesIn: boolean;
  phrases: Evidence[];
  terms: string[];
  /** 0–1; higher is asked first. */
  priority: number;
  /** Why it is asked, in a few words. */
  reason: string;
}

export interface ReviewOptions {
  /** Only this theme. */
  theme?: string;
  /** At most this many items. */
  limit: number;
}

/**
 * Gives `items` (one theme's, decided by its rules) their own priorities again, in a new order,
 * which it returns: the rules' ins and outs in turn, each nearest the threshold first. Other
 * themes' questions keep their places among them.
 */
function inTurn(items: ReviewItem[]): ReviewItem[] {
  const byCloseness = (a: ReviewItem, b: ReviewItem) => b.priority - a.priority || (a.paper < b.paper ? -1 : a.paper > b.paper ? 1 : 0);
  const priorities = items.map((i) => i.priority).sort((a, b) => b - a);
  const [ins, outs] = [items.filter((i) => i.rulesIn).sort(byCloseness), items.filter((i) => !i.rulesIn).sort(byCloseness)];
  const turns = Array.from({ length: Math.max(ins.length, outs.length) }, (_, k) => [ins[k], outs[k]]).flat().filter((i): i is ReviewItem => i !== undefined);
  turns.forEach((item, k) => (item.priority = priorities[k]!));
  return turns;
}

/** Less sure than this (a probability between 0.1 and 0.9) is worth a question. */
const MIN_PRIORITY = 0.2;
/** Below every paper a phrase matches (the lowest is threshold/score, a few hundredths at worst). */
const NO_MATCH_PRIORITY = 0.001;

/**
 * For a theme with a model, a paper is as informative as its probability is close to one half;
 * one where the model and the rules disagree is worth asking about whatever the model says.
 * A theme decided by rules alone is sure of nothing: every paper with a matching phrase is
 * asked about, those whose score is closest to the threshold first, the rules' ins and outs in
 * turn, and last papers no phrase matches. A new theme needs papers in as well as out before a
 * model can learn it: taken by closeness alone, its first 30 questions were weak matches below
 * the threshold, 27 of them honest "no"s, and its clearest papers came 41st.
 */
export function reviewQueue(
  taxonomy: readonly Theme[],
  papers: readonly { id: string; title: string; abstract: string | null; hidden: boolean; curated?: { added: readonly string[]; removed: readonly string[] } }[],
  trained: ThemeModels,
  labels: ReadonlyMap<string, ReadonlyMap<string, boolean>>,
  options: ReviewOptions,
): ReviewItem[] {
  const judge = createJudge(taxonomy, trained, labels);
  const thresholds = new Map(taxonomy.map((t) => [t.id, t.threshold]));
  const items: ReviewItem[] = [];
  for (const paper of papers) {
    if (paper.hidden) continue;
    // A paper without an abstract is judged by its title alone.
    const { judgements, terms } = judge({ ...paper, abstract: paper.abstract ?? '' });
    for (const j of judgements) {
      if (j.by === 'label' || (options.theme && j.theme !== options.theme)) continue;
      let priority: number;
      let reason: string;
      if (j.probability === null && j.phrases.length === 0) {
        priority = NO_MATCH_PRIORITY;
        reason = 'no phrase matches it: a paper out teaches a new theme as much as one in';
      } else if (j.probability === null) {
        const threshold = thresholds.get(j.theme)!;
        // 1 at the threshold, one half at twice or at zero, never 0.
        priority = threshold / (threshold + Math.abs(j.ruleScore - threshold));
        reason = `rules score ${j.ruleScore} against a threshold of ${threshold}`;
      } else {
        const modelIn = j.probability >= MODEL_THRESHOLD;
        priority = 1 - 2 * Math.abs(j.probability - MODEL_THRESHOLD);
        reason = `model ${j.probability.toFixed(2)}`;
        if (modelIn !== j.rulesIn) {
          priority = Math.max(priority, 0.5 + priority / 2);
          reason += `, but the rules say ${j.rulesIn ? 'in' : 'out'}`;
        }
      }
      if (j.probability !== null && priority < MIN_PRIORITY) continue;
      // A shelf curation.yaml decides stays so whatever is answered; the answer still teaches the model.
      const curated = paper.curated?.added.includes(j.theme) ? true : paper.curated?.removed.includes(j.theme) ? false : null;
      items.push({
        paper: paper.id,
        theme: j.theme,
        title: paper.title,
        excerpt: excerpt(paper.abstract ?? '', 400),
        shelved: curated ?? j.in,
        probability: j.probability === null ? null : Math.round(j.probability * 100) / 100,
        ruleScore: j.ruleScore,
        rulesIn: j.rulesIn,
        phrases: j.phrases,
        terms: terms(j.theme),
        priority: Math.round(priority * 1000) / 1000,
        reason: curated === null ? reason : `${reason}; curation.yaml decides its shelf, and the answer teaches the model`,
      });
    }
  }
  const turns = new Map<ReviewItem, number>();
  for (const theme of taxonomy) if (!trained.models.has(theme.id)) inTurn(items.filter((i) => i.theme === theme.id && i.priority > NO_MATCH_PRIORITY)).forEach((item, k) => turns.set(item, k));
  const order = new Map(taxonomy.map((t, i) => [t.id, i]));
  return items
    .sort((a, b) => b.priority - a.priority || (turns.get(a) ?? 0) - (turns.get(b) ?? 0) || (a.paper < b.paper ? -1 : a.paper > b.paper ? 1 : 0) || order.get(a.theme)! - order.get(b.theme)!)
    .slice(0, options.limit);
}
