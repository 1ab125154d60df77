/**
 * The queries `npm run bench:search` asks, and how it scores the answers. Pure: papers in,
 * queries out, the same for the same papers and seed.
 *
 * For each paper of a seeded sample, four kinds of query a reader who half remembers it types:
 * - `titles`: the whole title;
 * - `title words`: three telling words of the title (the three in fewest papers, in title order);
 * - `one typo`: the same three with one typo in one of them: two neighbouring letters swapped,
 *   a letter dropped, or a letter changed;
 * - `abstract words`: five consecutive words from the middle of the abstract.
 */
import { eng } from 'stopword';
import { fold } from '../src/lib/search-text.ts';
import { createRng, type Rng } from './prng.ts';

export const KINDS = ['titles', 'title words', 'one typo', 'abstract words'] as const;
export type Kind = (typeof KINDS)[number];

export interface BenchPaper {
  /** Path of its page from the site root, e.g. `papers/x/`. */
  path: string;
  title: string;
  abstract: string;
}

export interface BenchQuery {
  kind: Kind;
  text: string;
  /** The paper it is meant to find. */
  target: string;
  /** For `one typo`: the words as they should have been typed. */
  intended?: string;
}

const WORD = /[\p{L}\p{N}]+/gu;
const STOPWORDS = new Set(eng);
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** In how many papers each folded word is. */
export function documentFrequencies(papers: readonly BenchPaper[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const p of papers) {
    for (const word of new Set(Array.from(`${p.title} ${p.abstract}`.matchAll(WORD), (m) => fold(m[0])))) df.set(word, (df.get(word) ?? 0) + 1);
  }
  return df;
}

/** The three title words a reader would remember: letters only, four or more, no stopwords, in fewest papers. */
export function tellingWords(title: string, df: ReadonlyMap<string, number>, count = 3): string[] {
  const words = Array.from(title.matchAll(WORD), (m) => m[0]).filter((w) => w.length >= 4 && !/\p{N}/u.test(w) && !STOPWORDS.has(fold(w)));
  const unique = [...new Map(words.map((w) => [fold(w), w])).values()];
  const chosen = new Set(unique.toSorted((a, b) => (df.get(fold(a)) ?? 0) - (df.get(fold(b)) ?? 0) || unique.indexOf(a) - unique.indexOf(b)).slice(0, count));
  return unique.filter((w) => chosen.has(w));
}

export type TypoKind = 'swap' | 'drop' | 'change';

/** `word` with one typo of `kind` at letter `at` (a swap exchanges `at` and `at + 1`). */
export function typo(word: string, kind: TypoKind, at: number, letter = 'q'): string {
  const chars = [...word];
  if (kind === 'swap') [chars[at], chars[at + 1]] = [chars[at + 1]!, chars[at]!];
  else if (kind === 'drop') chars.splice(at, 1);
  else chars[at] = letter;
  return chars.join('');
}

function randomTypo(word: string, rng: Rng): string {
  const lower = word.toLowerCase();
  const kind = rng.pick<TypoKind>(['swap', 'drop', 'change']);
  if (kind === 'swap') {
    // Swapping two equal letters is no typo.
    const places = [...lower].slice(0, -1).flatMap((c, i) => (c !== lower[i + 1] ? [i] : []));
    if (places.length) return typo(lower, 'swap', rng.pick(places));
  }
  const at = rng.int(0, lower.length - 1);
  if (kind === 'drop') return typo(lower, 'drop', at);
  return typo(lower, 'change', at, rng.pick([...LETTERS].filter((c) => c !== lower[at])));
}

/** Five consecutive words around the middle of the abstract (all of it when shorter). */
export function middleWords(abstract: string, count = 5): string {
  const words = Array.from(abstract.matchAll(WORD), (m) => m[0]);
  const from = Math.max(0, Math.floor(words.length / 2) - Math.floor(count / 2));
  return words.slice(from, from + count).join(' ');
}

/** A seeded sample of `size` papers and their four queries each. */
export function makeQueries(papers: readonly BenchPaper[], size: number, seed = 1): { sample: BenchPaper[]; queries: BenchQuery[] } {
  const rng = createRng(seed);
  const sample = rng.shuffle(papers.toSorted((a, b) => (a.path < b.path ? -1 : 1))).slice(0, size);
  const df = documentFrequencies(papers);
  const queries: BenchQuery[] = [];
  for (const paper of sample) {
    const words = tellingWords(paper.title, df);
    queries.push({ kind: 'titles', text: paper.title, target: paper.path });
    if (words.length) {
      queries.push({ kind: 'title words', text: words.join(' '), target: paper.path });
      const which = rng.int(0, words.length - 1);
      const typed = words.map((w, i) => (i === which ? randomTypo(w, rng) : w));
      queries.push({ kind: 'one typo', text: typed.join(' '), target: paper.path, intended: words.join(' ') });
    }
    queries.push({ kind: 'abstract words', text: middleWords(paper.abstract), target: paper.path });
  }
  return { sample, queries };
}

export interface Answer {
  query: BenchQuery;
  /** Where the target came in the first results (0 first), or -1 when not among them. */
  rank: number;
  /** The query searched, after correction. */
  searched: string;
  corrected: boolean;
  /** Correction alone: median of five runs, and the slowest of them. */
  correctMs: number;
  correctMsWorst: number;
  /** Correction and search, without loading results. */
  searchMs: number;
}

export interface KindScore {
  kind: Kind;
  queries: number;
  hit1: number;
  hit5: number;
  /** Mean reciprocal rank over the first `top` results (0 beyond). */
  mrr: number;
  /** Queries the speller changed. */
  corrected: number;
  /** Correction and search, without loading results, in Chromium. */
  searchMsP50: number;
  searchMsP95: number;
  correctMsP50: number;
  /** The slowest query's median. */
  correctMsMax: number;
  /** The slowest single run of any query. */
  correctMsWorst: number;
}

function quantile(values: number[], q: number): number {
  if (!values.length) return 0;
  const sorted = values.toSorted((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export function score(answers: readonly Answer[]): KindScore[] {
  return KINDS.map((kind) => {
    const mine = answers.filter((a) => a.query.kind === kind);
    const n = mine.length || 1;
    return {
      kind,
      queries: mine.length,
      hit1: mine.filter((a) => a.rank === 0).length / n,
      hit5: mine.filter((a) => a.rank >= 0 && a.rank < 5).length / n,
      mrr: mine.reduce((sum, a) => sum + (a.rank >= 0 ? 1 / (a.rank + 1) : 0), 0) / n,
      corrected: mine.filter((a) => a.corrected).length,
      searchMsP50: quantile(mine.map((a) => a.searchMs), 0.5),
      searchMsP95: quantile(mine.map((a) => a.searchMs), 0.95),
      correctMsP50: quantile(mine.map((a) => a.correctMs), 0.5),
      correctMsMax: Math.max(0, ...mine.map((a) => a.correctMs)),
      correctMsWorst: Math.max(0, ...mine.map((a) => a.correctMsWorst)),
    };
  });
}
