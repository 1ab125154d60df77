import { phraseWords, type Theme } from '../schemas/theme.ts';
import { escapeRegExp } from '../lib/regexp.ts';

/** A title states what a paper is about; its abstract also mentions what it is not. */
const TITLE_FACTOR = 2;

/** Why a paper is in a theme: each phrase that matched, and where. */
export interface Evidence {
  phrase: string;
  field: 'title' | 'abstract';
}

export interface Classification {
  /** Theme ids whose score reaches the theme's threshold, in taxonomy order. */
  themes: string[];
  /** Every theme's score: the weights of its phrases that matched, false friends subtracting. */
  scores: Record<string, number>;
  /** For each theme with a positive match, the matches and where they were found. */
  evidence: Record<string, Evidence[]>;
}

/** A word a part of a phrase needs, as plain lowercase ASCII: whole, or as a word's start (`transform*`). */
interface Needle {
  word: string;
  prefix: boolean;
}

/**
 * One `&`- or `~`-separated part of a phrase, and the words it needs (their numbers in the
 * needle table): the pattern is worth running only on a text that has them all (words that
 * are not plain ASCII are left to it).
 */
interface Part {
  pattern: RegExp;
  needles: number[];
  /**
   * A part that is one plain word ("hybrid", "robot*"): a field has it exactly when its needle
   * is marked, so its pattern runs only to find it in a sentence.
   */
  oneWord: boolean;
}

/**
 * Where the parts of a phrase must all occur: `a & b` anywhere in the same field, `a ~ b` in
 * the same sentence. A generic pair ("efficient … attention") says little when its words are
 * sentences apart in an abstract; in one sentence it usually states the paper's claim.
 */
export type Scope = 'field' | 'sentence';

/** Splits a field into sentences: after `.`, `!` or `?` followed by space and a capital, digit or bracket. */
export function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=[\p{Lu}\p{N}(\[])/u);
}

/** A phrase's `&` or `~` parts (not both: a phrase has one scope). */
export function phraseParts(match: string): { scope: Scope; parts: string[] } {
  if (match.includes('&') && match.includes('~')) throw new Error(`phrase "${match}" mixes "&" and "~"; use one`);
  return match.includes('~') ? { scope: 'sentence', parts: match.split('~') } : { scope: 'field', parts: match.split('&') };
}

interface CompiledPhrase {
  phrase: string;
  weight: number;
  scope: Scope;
  parts: Part[];
  /** Its theme's index in the taxonomy. */
  theme: number;
  /** Its place among all phrases, in taxonomy order, the order evidence lists them in. */
  rank: number;
}

/** How many first letters a needle is looked up by: "robot*" is checked on words that begin "rob". */
const START = 3;

/**
 * The words the phrases need, numbered, and each phrase filed under one of them. A field looks
 * each of its words up once and marks the needles it has; only the phrases filed under a marked
 * needle are tried, and their patterns run only when all their needles are marked. Most phrases
 * are absent from most papers, so most are never tried. (Rules over 10,000 papers: 1.5 s → 0.8 s
 * against filing by whole words alone, which tried every phrase of `word*` needles on every
 * field and scanned the text for each.)
 */
class PhraseIndex {
  readonly #ids = new Map<string, number>();
  /** Needles by their first `START` letters (all of a shorter whole word), and the shorter `word*` ones. */
  readonly #byStart = new Map<string, (Needle & { id: number })[]>();
  readonly #short: { word: string; id: number }[] = [];
  /** The phrases filed under each needle, by its number. */
  readonly #phrases: CompiledPhrase[][] = [];
  /** Phrases with no plain-ASCII word: tried on every field. */
  readonly #others: CompiledPhrase[] = [];

  /** The number of `needle`, given one the first time it is seen. */
  needle({ word, prefix }: Needle): number {
    const key = prefix ? `${word}*` : word;
    let id = this.#ids.get(key);
    if (id !== undefined) return id;
    id = this.#ids.size;
    this.#ids.set(key, id);
    this.#phrases.push([]);
    if (prefix && word.length < START) this.#short.push({ word, id });
    else this.#byStart.set(word.slice(0, START), [...(this.#byStart.get(word.slice(0, START)) ?? []), { word, prefix, id }]);
    return id;
  }

  /** Files a phrase under a whole word it needs (the most telling kind), or else a word start. */
  add(phrase: CompiledPhrase, needles: readonly Needle[]): void {
    const key = needles.find(({ prefix }) => !prefix) ?? needles[0];
    if (key) this.#phrases[this.needle(key)]!.push(phrase);
    else this.#others.push(phrase);
  }

  /** The needles among `words`, as a mark per needle number, and the phrases worth trying. */
  candidates(words: readonly string[]): { marked: Uint8Array; phrases: CompiledPhrase[] } {
    const marked = new Uint8Array(this.#ids.size);
    const phrases = [...this.#others];
    const mark = (id: number) => {
      if (marked[id]) return;
      marked[id] = 1;
      phrases.push(...this.#phrases[id]!);
    };
    for (const word of words) {
      for (const needle of this.#byStart.get(word.slice(0, START)) ?? []) if (needle.prefix ? word.startsWith(needle.word) : word === needle.word) mark(needle.id);
      for (const needle of this.#short) if (word.startsWith(needle.word)) mark(needle.id);
    }
    return { marked, phrases };
  }
}

/** One field of a paper (title or abstract). */
class Field {
  readonly text: string;
  #sentences: string[] | undefined;
  constructor(text: string) {
    this.text = text;
  }

  /** The phrases that occur in this field. */
  found(index: PhraseIndex): Set<CompiledPhrase> {
    // Its words: the runs of letters and digits that phrase patterns treat as words.
    const { marked, phrases } = index.candidates(this.text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
    return new Set(phrases.filter((phrase) => this.#has(phrase, marked)));
  }

  #has({ scope, parts }: CompiledPhrase, marked: Uint8Array): boolean {
    const inField = parts.every(({ pattern, needles, oneWord }) => needles.every((id) => marked[id]) && (oneWord || pattern.test(this.text)));
    if (!inField || scope === 'field') return inField;
    // Sentences are split only when a `~` phrase has all its parts in the field.
    this.#sentences ??= sentences(this.text);
    return this.#sentences.some((sentence) => parts.every(({ pattern }) => pattern.test(sentence)));
  }
}

/**
 * Compiles the taxonomy's phrases once; the returned function scores one paper.
 * A phrase like `convolution* & attention` needs all its parts in the same field, and
 * `efficient* ~ attention` all its parts in the same sentence.
 * A phrase scores its weight once per field it occurs in, the title `TITLE_FACTOR` times;
 * a paper joins each theme whose total reaches the theme's threshold.
 */
export function createClassifier(taxonomy: readonly Theme[]): (title: string, abstract: string) => Classification {
  const index = new PhraseIndex();
  let rank = 0;
  taxonomy.forEach((theme, themeIndex) => {
    for (const { match, weight } of theme.phrases) {
      const { scope, parts } = phraseParts(match);
      const needles = parts.map((part) =>
        phraseWords(part.toLowerCase())
          .map((word) => ({ word: word.replace(/\*$/, ''), prefix: word.endsWith('*') }))
          .filter(({ word }) => /^[a-z0-9]+$/.test(word)),
      );
      const compiled = { phrase: match, weight, scope, theme: themeIndex, rank: rank++, parts: parts.map((part, i) => ({ pattern: phrasePattern(part), needles: needles[i]!.map((needle) => index.needle(needle)), oneWord: phraseWords(part).length === 1 && needles[i]!.length === 1 })) };
      index.add(compiled, needles.flat());
    }
  });

  return (title, abstract) => {
    const inTitle = new Field(title).found(index);
    const inAbstract = new Field(abstract).found(index);
    const totals = taxonomy.map(() => 0);
    const found: Evidence[][] = taxonomy.map(() => []);
    // Only the phrases found are visited: most of the taxonomy is absent from any one paper.
    for (const compiled of [...new Set([...inTitle, ...inAbstract])].sort((a, b) => a.rank - b.rank)) {
      const { phrase, weight, theme } = compiled;
      if (inTitle.has(compiled)) {
        totals[theme]! += weight * TITLE_FACTOR;
        if (weight > 0) found[theme]!.push({ phrase, field: 'title' });
      }
      if (inAbstract.has(compiled)) {
        totals[theme]! += weight;
        if (weight > 0) found[theme]!.push({ phrase, field: 'abstract' });
      }
    }
    const themes: string[] = [];
    const scores: Record<string, number> = {};
    const evidence: Record<string, Evidence[]> = {};
    taxonomy.forEach(({ id, threshold }, i) => {
      scores[id] = totals[i]!;
      if (found[i]!.length > 0) evidence[id] = found[i]!;
      if (totals[i]! >= threshold) themes.push(id);
    });
    return { themes, scores, evidence };
  };
}

/**
 * `kv cache` → matches "KV cache", "KV-cache", "kv  cache" as whole words;
 * `transformer*` → also "transformers", "transformer-based"; `combin* convolution*` → "combining convolutions".
 */
export function phrasePattern(phrase: string): RegExp {
  const words = phraseWords(phrase).map((word) => (word.endsWith('*') ? `${escapeRegExp(word.slice(0, -1))}[\\p{L}\\p{N}]*` : escapeRegExp(word)));
  return new RegExp(`(?<![\\p{L}\\p{N}])${words.join('[\\s\\-]+')}(?![\\p{L}\\p{N}])`, 'iu');
}
