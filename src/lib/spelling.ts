/**
 * Typo correction for search queries. Pagefind matches words exactly (or by prefix), so one
 * typo in one word loses the paper. At build time `packVocabulary` lists every word the
 * catalog's indexed text holds with the number of papers it is in; in the browser a query word
 * that is neither a word of the catalog nor the start of one, nor an inflection whose stem
 * starts one (search matches stems: "distills" finds "distilled"), is replaced by its nearest word:
 * the fewest edits (insertion, deletion, substitution, or two neighbours swapped), then the
 * most papers, then the alphabet. A word of the catalog is never changed, so a query that can
 * find something is searched as typed; nor is a word with digits, of fewer than three letters,
 * or in a script written without spaces (Chinese, Japanese, Thai…).
 *
 * Hand-written rather than a package: the npm edit-distance packages (fastest-levenshtein,
 * js-levenshtein) count a swap of two letters, the commonest typo, as two edits, and SymSpell
 * ports precompute every deletion of every word, which at a 10,000-paper vocabulary costs
 * more time and memory when search opens than this whole scan costs per query. A scan behind
 * a letter-set filter stays well under a millisecond a word (see `npm run bench:search`).
 *
 * Pure: it runs in Node (build, tests, bench) and in the browser. It stems with search's own
 * stemmer (src/lib/search-text.ts), so it and both indexes agree on what a word can find.
 */
import { fold, joinedNames, nameSpans, namesAsIndexed, SHORT_STEM, sortedPosition, stem } from './search-text.ts';

/** Words shorter than this are never corrected (nor listed): too many words are one edit from "in". */
export const MIN_LENGTH = 3;
/** Suggestions offered for one word, for a caller to choose among by context. */
const SUGGESTIONS = 3;
/** Edits allowed: one for words up to `LONG - 1` letters, two from `LONG` letters on. */
const LONG = 8;

/** The vocabulary as shipped: words grouped by the number of papers they appear in. */
export interface PackedVocabulary {
  version: 1;
  /** Document frequency → the words with it, sorted, space separated. */
  words: Record<string, string>;
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Scripts written without spaces: a run of their letters is a phrase, not a word, and a reader
 * may search any part of it, which is no typo.
 */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]/u;

/** A word that can be corrected, and so needs to be in the vocabulary: letters only, long enough, from a script that spaces its words. */
function correctable(word: string): boolean {
  return listed(word) && !/\p{N}/u.test(word);
}

/** Whether the vocabulary lists a word: one of the words corrected to, or a name with a digit in it, known but never changed. */
function listed(word: string): boolean {
  return word.length >= MIN_LENGTH && !UNSPACED.test(word);
}

/** The text of a paper that search indexes, and so the vocabulary lists: title, authors, abstract and notes. */
export function indexedText(paper: { title: string; authors: readonly string[]; abstract: string | null }, notes: string): string {
  return [paper.title, ...paper.authors, paper.abstract ?? '', notes].join('\n');
}

/**
 * The vocabulary of `documents` (each the indexed text of one paper, `indexedText`),
 * words folded as search folds them (lower case, no accents). Deterministic.
 */
export function packVocabulary(documents: Iterable<string>): PackedVocabulary {
  const df = new Map<string, number>();
  for (const text of documents) {
    const seen = new Set<string>();
    for (const [word] of text.matchAll(WORD)) {
      const folded = fold(word);
      if (listed(folded)) seen.add(folded);
    }
    for (const name of joinedNames(text)) seen.add(name);
    for (const word of seen) df.set(word, (df.get(word) ?? 0) + 1);
  }
  const groups = new Map<number, string[]>();
  for (const [word, n] of df) {
    let group = groups.get(n);
    if (!group) groups.set(n, (group = []));
    group.push(word);
  }
  const words: Record<string, string> = {};
  for (const n of [...groups.keys()].sort((a, b) => a - b)) words[n] = groups.get(n)!.sort().join(' ');
  return { version: 1, words };
}

/** One corrected word of a query. */
export interface Correction {
  /** The word as typed. */
  from: string;
  /** The word searched instead. */
  to: string;
  /** Every suggestion for it, equally few edits away, best first (`to` is one of them). */
  options: string[];
}

/** A query with its unknown words replaced, and what was replaced. */
export interface CorrectedQuery {
  query: string;
  corrections: Correction[];
}

/** Which letters a word has, as bits (a–z, and six shared bits for anything else): one edit changes at most two. */
function letterSet(word: string): number {
  let bits = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i) - 97;
    bits |= 1 << (c >= 0 && c < 26 ? c : 26 + (word.charCodeAt(i) % 6));
  }
  return bits;
}

function bitCount(n: number): number {
  n -= (n >>> 1) & 0x55555555;
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Rows of the distance table, reused across calls: a query scans thousands of words. */
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * Edit distance where a swap of two neighbouring letters counts as one edit (optimal string
 * alignment), or `max + 1` as soon as it must exceed `max`.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (rows[0]!.length <= b.length) rows = rows.map(() => new Int32Array(b.length * 2 + 1));
  let [before, previous, current] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let best = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) d = Math.min(d, before[j - 2]! + 1);
      current[j] = d;
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  const distance = previous[b.length]!;
  return distance > max ? max + 1 : distance;
}

/** Edits allowed for a word of `length` letters. */
export function allowedEdits(length: number): number {
  return length >= LONG ? 2 : 1;
}

/** The `candidates` fewest edits from `word`, as long as that is few enough to be a typo (as many as a search word's). */
export function closest(word: string, candidates: readonly string[]): string[] {
  const max = allowedEdits(word.length);
  const distances = candidates.map((c) => editDistance(word, c, max));
  const best = Math.min(...distances);
  return best > max ? [] : candidates.filter((_, i) => distances[i] === best);
}

/** `did you mean "a" or "b"?` for the `candidates` closest to a misspelt `word`, or "" when none is close. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const close = closest(word, candidates);
  return close.length > 0 ? `did you mean ${close.map((c) => `"${c}"`).join(' or ')}?` : '';
}

/** The vocabulary, unpacked for lookups. */
export class Speller {
  private readonly words: string[] = [];
  private readonly frequency: number[] = [];
  private readonly letters: Int32Array;
  private readonly lengths: Uint16Array;
  /** Words in code-unit order, for "is this the start of a word" by binary search. */
  private readonly sorted: string[];
  /** Papers each word the speller may suggest is in. */
  private readonly frequencyOf: Map<string, number>;
  /** The stems of the catalog's words, sorted, made when first asked for (`hasStem`). */
  private stems: string[] | undefined;

  constructor(packed: PackedVocabulary) {
    if (packed.version !== 1) throw new Error(`Unsupported vocabulary version ${String(packed.version)}`);
    const all: string[] = [];
    for (const [n, list] of Object.entries(packed.words)) {
      for (const word of list.split(' ')) {
        if (!word) continue;
        all.push(word);
        // Names with digits are known, never suggested: a typo is not corrected into "gpt4".
        if (!correctable(word)) continue;
        this.words.push(word);
        this.frequency.push(Number(n));
      }
    }
    this.letters = Int32Array.from(this.words, letterSet);
    this.lengths = Uint16Array.from(this.words, (w) => Math.min(w.length, 65535));
    this.sorted = all.toSorted();
    this.frequencyOf = new Map(this.words.map((word, i) => [word, this.frequency[i]!]));
  }

  get size(): number {
    return this.words.length;
  }

  /** Whether the catalog has this word, or a word that starts with it (search matches prefixes). */
  knows(word: string): boolean {
    return this.sorted[sortedPosition(this.sorted, word)]?.startsWith(word) ?? false;
  }

  /**
   * Whether search finds `word` (already folded) as it is: the catalog has it or a word that
   * starts with it, or an inflection of it (`hasStem`): "distills", which no paper says, finds
   * "distilled" and is no typo for "distill"; "settinge" is `setting`, which no catalog word's
   * stem is ("settings" is `set`), and is one.
   */
  findable(word: string): boolean {
    return this.knows(word) || this.hasStem(stem(word));
  }

  /**
   * Whether a catalog word has this stem, or, for a stem not too short to tell (`SHORT_STEM`),
   * a stem that starts with it: what the offline index finds a word by (`isHit` in
   * src/lib/search-text.ts), and Pagefind by its stems.
   */
  private hasStem(wordStem: string): boolean {
    this.stems ??= [...new Set(this.sorted.map(stem))].sort();
    const next = this.stems[sortedPosition(this.stems, wordStem)];
    return next === wordStem || (wordStem.length >= SHORT_STEM && (next?.startsWith(wordStem) ?? false));
  }

  /** The query as the index should read it: a name with a digit the catalog does not know whole, by its parts (`namesAsIndexed`). */
  asIndexed(query: string): string {
    return namesAsIndexed(query, (name) => this.sorted[sortedPosition(this.sorted, name)] === name, MIN_LENGTH);
  }

  /**
   * The words of `query` that can find no paper: long enough to be listed, yet not `findable`
   * (no catalog word starts with them, nor is an inflection of them: "attentions" finds
   * "attention" by its stem, as Pagefind matches). Pagefind, finding nothing for a word, falls
   * back to ever shorter prefixes of it ("mallory" finds "MAFormer", "resume" ResNet), which is
   * no match, so the engine asks this before it searches.
   */
  unmatched(query: string): string[] {
    const names = joinedNames(query);
    return [...query.matchAll(WORD)].map(([typed]) => typed).filter((typed) => {
      const word = fold(typed);
      if (!listed(word)) return false;
      // A name with a digit ("word2vec", an arXiv id's "00752") is not stemmed: the catalog has it, or a word that starts with it, or nothing does.
      if (/\p{N}/u.test(word)) return !this.knows(word);
      return !this.findable(word);
    }).concat(names.filter((name) => !this.knows(name)));
  }

  /**
   * The catalog words nearest to `word` (already folded): those the fewest edits away, most
   * papers first, then in alphabetical order; at most `count`, none when nothing is close enough.
   * One pass per number of edits, fewest first: the one-edit pass rules out nearly every word
   * by length and letters alone, and the two-edit pass, which lets many more through, runs
   * only for a long word with no word one edit away.
   */
  suggestions(word: string, count = SUGGESTIONS): string[] {
    const letters = letterSet(word);
    for (let edits = 1; edits <= allowedEdits(word.length); edits++) {
      const found: number[] = [];
      for (let i = 0; i < this.words.length; i++) {
        if (Math.abs(this.lengths[i]! - word.length) > edits) continue;
        if (bitCount(letters ^ this.letters[i]!) > 2 * edits) continue;
        if (editDistance(word, this.words[i]!, edits) <= edits) found.push(i);
      }
      if (found.length) {
        found.sort((a, b) => this.frequency[b]! - this.frequency[a]! || (this.words[a]! < this.words[b]! ? -1 : 1));
        return found.slice(0, count).map((i) => this.words[i]!);
      }
    }
    return [];
  }

  /**
   * Two catalog words run together ("flowmatching", "kvcache"), as the two words apart ("flow
   * matching"): of the ways to cut it into words of the catalog, the one whose rarer word is in
   * most papers; null when there is none. Only for a word nothing is a few edits from.
   */
  apart(word: string): string | null {
    let best: [string, number] | null = null;
    for (let cut = MIN_LENGTH; cut <= word.length - MIN_LENGTH; cut++) {
      const [left, right] = [word.slice(0, cut), word.slice(cut)];
      const papers = Math.min(this.papersWith(left), this.papersWith(right));
      if (papers > 0 && (!best || papers > best[1])) best = [`${left} ${right}`, papers];
    }
    return best?.[0] ?? null;
  }

  /** How many papers have `word` (already folded) itself; 0 when it is no word of the catalog. */
  private papersWith(word: string): number {
    return this.frequencyOf.get(word) ?? 0;
  }

  /** The catalog word nearest to `word` (already folded), or null when none is close enough. */
  suggest(word: string): string | null {
    return this.suggestions(word, 1)[0] ?? null;
  }

  /**
   * The query with each word search cannot find (`findable`) replaced by its suggestion; everything
   * else (other words, spacing, punctuation) kept as typed. Words with digits or shorter than
   * `MIN_LENGTH` are left alone. `chosen` picks another of a word's suggestions (typed word,
   * folded → suggestion), for a caller that can tell which of equally near words fits the query.
   */
  correct(query: string, chosen: ReadonlyMap<string, string> = new Map()): CorrectedQuery {
    const corrections: Correction[] = [];
    // A part of a name with a digit ("phi" of "phi-3") is the name's, as the whole is: never changed.
    const names = nameSpans(query);
    const inName = (at: number) => names.some(([start, end]) => at >= start && at < end);
    const out = query.replace(WORD, (typed, at: number) => {
      const word = fold(typed);
      if (!correctable(word) || this.findable(word) || inName(at)) return typed;
      const options = this.suggestions(word);
      if (options.length === 0) {
        const apart = this.apart(word);
        if (apart) corrections.push({ from: typed, to: apart, options: [apart] });
        return apart ?? typed;
      }
      const pick = chosen.get(word);
      const to = pick !== undefined && options.includes(pick) ? pick : options[0]!;
      corrections.push({ from: typed, to, options });
      return to;
    });
    return { query: out, corrections };
  }
}
