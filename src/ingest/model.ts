import { forEachWord, pairTerm } from '../lib/terms.ts';

/**
 * A linear text classifier per theme, in the spirit of arxiv-sanity's per-tag SVMs: TF-IDF
 * over the words and two-word phrases of title and abstract (title terms counted twice),
 * L2-regularised logistic regression, and Platt scaling fitted on held-out folds so a score
 * reads as a probability; the scaling also weighs a second signal (the phrase rules), as much
 * as the held-out papers show it is worth. Everything is deterministic: no random numbers, fixed iteration
 * counts, documents and terms in sorted order.
 *
 * Hand-written because no npm package fits: `ml-logistic-regression` 2.0.0 works on dense
 * matrices with no regularisation and took 16 s for 200 steps on 1,000 papers × 5,000 terms
 * (117 s at 20,000 terms); this sparse version trains all four themes in well under a second.
 */

/** What the model reads of a paper. */
export interface Text {
  title: string;
  abstract: string;
}

/** The feature space: the terms of the training papers, and how rare each is among them. */
export interface Vocabulary {
  terms: string[];
  idf: Float64Array;
  /** A word's index in `terms`. */
  words: Map<string, number>;
  /** A pair's index in `terms`, by `pairKey` of its words' indices: no string is built to look one up. */
  pairs: Map<number, number>;
}

/** A paper as a sparse, unit-length TF-IDF vector, terms in the order the paper has them. */
export interface Features {
  indices: Int32Array;
  values: Float64Array;
}

export interface LinearModel {
  weights: Float64Array;
  bias: number;
  /** Calibration: probability = σ(a · margin + c · signal + b), where `signal` is the second opinion. */
  a: number;
  c: number;
  b: number;
}

/** A term in one paper only cannot generalise to another. */
const MIN_DOCUMENT_FREQUENCY = 2;
/** Regularisation strength (per paper); chosen by cross-validation (`npm run themes:eval`). */
export const L2 = 1e-4;
/** Passes over the training papers, and the first step's size (vectors have unit length). */
const EPOCHS = 20;
const STEP = 1;
/** Folds whose held-out margins fit the calibration. */
const CALIBRATION_FOLDS = 3;

export function buildVocabulary(docs: readonly Text[]): Vocabulary {
  const df = new Map<string, number>();
  const pairWords = new Map<string, [string, string]>();
  for (const doc of docs) {
    const terms = new Set<string>();
    forEachWord(doc, (word, previous) => {
      terms.add(word);
      if (previous === null) return;
      const pair = pairTerm(previous, word);
      terms.add(pair);
      pairWords.set(pair, [previous, word]);
    });
    for (const term of terms) df.set(term, (df.get(term) ?? 0) + 1);
  }
  const terms = [...df].filter(([, n]) => n >= MIN_DOCUMENT_FREQUENCY).map(([term]) => term).sort();
  const idf = Float64Array.from(terms, (term) => Math.log((1 + docs.length) / (1 + df.get(term)!)) + 1);
  const words = new Map<string, number>();
  terms.forEach((term, i) => pairWords.has(term) || words.set(term, i));
  // A pair in two papers has both its words in them, so both words are terms too.
  const pairs = new Map<number, number>();
  terms.forEach((term, i) => {
    const parts = pairWords.get(term);
    if (parts) pairs.set(pairKey(terms.length, words.get(parts[0])!, words.get(parts[1])!), i);
  });
  return { terms, idf, words, pairs };
}

const pairKey = (dimensions: number, first: number, second: number) => first * dimensions + second;

/** A zeroed count per term of a vocabulary, shared by its calls to `vectorize` (which leave it zeroed). */
const scratches = new WeakMap<Vocabulary, Float64Array>();
function scratch(vocabulary: Vocabulary): Float64Array {
  let counts = scratches.get(vocabulary);
  if (!counts) scratches.set(vocabulary, (counts = new Float64Array(vocabulary.terms.length)));
  return counts;
}

/** The paper's vector. Its terms are looked up by index, not by string (shelving 10,000 papers: 1.1 s → 0.45 s). */
export function vectorize(vocabulary: Vocabulary, doc: Text): Features {
  const { terms, idf, words, pairs } = vocabulary;
  // Each term's count, and the terms in the order the paper first has them.
  const counts = scratch(vocabulary);
  const seen: number[] = [];
  const add = (i: number, weight: number) => {
    if (counts[i] === 0) seen.push(i);
    counts[i]! += weight;
  };
  // The word before is the one visited last, so its index is at hand without a second lookup.
  let last: number | undefined;
  forEachWord(doc, (word, previous, weight) => {
    const before = previous === null ? undefined : last;
    const i = (last = words.get(word));
    if (i === undefined) return;
    add(i, weight);
    const pair = before === undefined ? undefined : pairs.get(pairKey(terms.length, before, i));
    if (pair !== undefined) add(pair, weight);
  });
  const indices = Int32Array.from(seen);
  const values = new Float64Array(seen.length);
  let sumOfSquares = 0;
  seen.forEach((i, k) => {
    const weight = (1 + Math.log(counts[i]!)) * idf[i]!;
    counts[i] = 0;
    values[k] = weight;
    sumOfSquares += weight * weight;
  });
  const norm = Math.sqrt(sumOfSquares) || 1;
  for (let j = 0; j < values.length; j++) values[j]! /= norm;
  return { indices, values };
}

function margin(weights: Float64Array, bias: number, x: Features): number {
  let sum = bias;
  for (let k = 0; k < x.indices.length; k++) sum += weights[x.indices[k]!]! * x.values[k]!;
  return sum;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * Minimises the mean log-loss plus `L2`/2 · |w|² (the bias is not shrunk) by stochastic
 * gradient descent with Bottou's decreasing step, `EPOCHS` passes over the papers in a fixed
 * order. The weights are kept as `scale · v`, so shrinking them for L2 costs one multiplication
 * per step instead of one per term: a pass costs as much as the papers have terms.
 */
function fitLogistic(xs: readonly Features[], ys: readonly boolean[], order: readonly number[], dimensions: number): { weights: Float64Array; bias: number } {
  const v = new Float64Array(dimensions);
  let scale = 1;
  let bias = 0;
  let t = 0;
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (const i of order) {
      const x = xs[i]!;
      const step = STEP / (1 + L2 * STEP * t++);
      const error = sigmoid(scale * margin(v, 0, x) + bias) - (ys[i] ? 1 : 0);
      scale *= 1 - step * L2;
      const update = (step * error) / scale;
      for (let k = 0; k < x.indices.length; k++) v[x.indices[k]!]! -= update * x.values[k]!;
      bias -= step * error;
      if (scale < 1e-6) {
        for (let j = 0; j < dimensions; j++) v[j]! *= scale;
        scale = 1;
      }
    }
  }
  for (let j = 0; j < dimensions; j++) v[j]! *= scale;
  return { weights: v, bias };
}

/**
 * Platt scaling with a second input: σ(a·m + c·s + b) fitted by Newton's method to held-out
 * margins `m` and a second signal `s` (for the themes, what the phrase rules say), with Platt's
 * smoothed targets so that a perfectly separated fold does not push scores to 0 and 1. So the
 * probability is calibrated, and the data decide how much the second signal counts.
 */
function fitCalibration(margins: readonly number[], signals: readonly number[], ys: readonly boolean[]): { a: number; c: number; b: number } {
  const positives = ys.filter(Boolean).length;
  const high = (positives + 1) / (positives + 2);
  const low = 1 / (ys.length - positives + 2);
  let w = [1, 0, 0];
  for (let iteration = 0; iteration < 50; iteration++) {
    const gradient = [0, 0, 0];
    // A tiny ridge keeps the Hessian invertible when a signal is constant (a theme with no phrases).
    const hessian = [
      [1e-6, 0, 0],
      [0, 1e-6, 0],
      [0, 0, 1e-6],
    ];
    for (let i = 0; i < margins.length; i++) {
      const x = [margins[i]!, signals[i]!, 1];
      const p = sigmoid(w[0]! * x[0]! + w[1]! * x[1]! + w[2]! * x[2]!);
      const d = p - (ys[i] ? high : low);
      const curvature = p * (1 - p);
      for (let j = 0; j < 3; j++) {
        gradient[j]! += d * x[j]!;
        for (let k = 0; k < 3; k++) hessian[j]![k]! += curvature * x[j]! * x[k]!;
      }
    }
    const step = solve3(hessian, gradient);
    if (!step) break;
    w = w.map((v, j) => v - step[j]!);
  }
  return { a: w[0]!, c: w[1]!, b: w[2]! };
}

/** Solves a 3×3 linear system by Cramer's rule; null when it is singular. */
function solve3(m: number[][], v: number[]): number[] | null {
  const det = (a: number[][]) => a[0]![0]! * (a[1]![1]! * a[2]![2]! - a[1]![2]! * a[2]![1]!) - a[0]![1]! * (a[1]![0]! * a[2]![2]! - a[1]![2]! * a[2]![0]!) + a[0]![2]! * (a[1]![0]! * a[2]![1]! - a[1]![1]! * a[2]![0]!);
  const d = det(m);
  if (!(Math.abs(d) > 0)) return null;
  return [0, 1, 2].map((column) => det(m.map((row, r) => row.map((x, k) => (k === column ? v[r]! : x)))) / d);
}

/**
 * Trains one theme's model on papers labelled in (`true`) or out (`false`), each with its second
 * signal. Which calibration fold a paper is held out in comes from its id, so adding a label
 * never reshuffles the others.
 */
export function trainModel(ids: readonly string[], xs: readonly Features[], signals: readonly number[], ys: readonly boolean[], dimensions: number): LinearModel {
  const folds = ids.map((id) => foldOf(id, CALIBRATION_FOLDS));
  // Papers are visited in the order of a hash of their ids: mixed, and the same on every run.
  const order = ids.map((id, i) => [foldOf(id, 0x7fffffff), i] as const).sort((p, q) => p[0] - q[0] || p[1] - q[1]).map(([, i]) => i);
  const margins = new Array<number>(xs.length);
  for (let fold = 0; fold < CALIBRATION_FOLDS; fold++) {
    const fitted = fitLogistic(xs, ys, order.filter((i) => folds[i] !== fold), dimensions);
    xs.forEach((x, i) => {
      if (folds[i] === fold) margins[i] = margin(fitted.weights, fitted.bias, x);
    });
  }
  return { ...fitLogistic(xs, ys, order, dimensions), ...fitCalibration(margins, signals, ys) };
}

/** The calibrated probability that the paper belongs to the theme, given its vector and second signal. */
export function score(model: LinearModel, x: Features, signal: number): number {
  return sigmoid(model.a * margin(model.weights, model.bias, x) + model.c * signal + model.b);
}

/** The paper's terms that raise its score most: what the model saw in it. */
export function strongestTerms(model: LinearModel, vocabulary: Vocabulary, x: Features, count = 5): string[] {
  const contributions: [string, number][] = [];
  for (let k = 0; k < x.indices.length; k++) {
    const j = x.indices[k]!;
    const c = model.weights[j]! * x.values[k]!;
    if (c > 0) contributions.push([vocabulary.terms[j]!, c]);
  }
  return contributions
    .sort((p, q) => q[1] - p[1] || (p[0] < q[0] ? -1 : 1))
    .slice(0, count)
    .map(([term]) => term);
}

/** A stable fold number for an id (FNV-1a): the same paper is always held out in the same fold. */
export function foldOf(id: string, folds: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % folds;
}
