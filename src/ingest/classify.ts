import type { Theme } from '../schemas/theme.ts';

/** A title states what a paper is about; its abstract also mentions what it is not. */
export const TITLE_FACTOR = 2;

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

/**
 * One `&`- or `~`-separated part of a phrase. `needle`, its first word as plain lowercase ASCII,
 * must occur in the text before the regular expression is worth running: most phrases
 * are absent from most papers, and a substring search rules them out far faster.
 */
interface Part {
  pattern: RegExp;
  needle: string | null;
}

function compilePart(part: string): Part {
  const first = part.trim().split(/[\s-]+/u)[0]!.replace(/\*$/, '').toLowerCase();
  return { pattern: phrasePattern(part), needle: /^[\x20-\x7e]+$/.test(first) ? first : null };
}

function matches(parts: readonly Part[], text: string, lower: string): boolean {
  return parts.every(({ pattern, needle }) => (needle === null || lower.includes(needle)) && pattern.test(text));
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
}

interface CompiledTheme {
  id: string;
  threshold: number;
  phrases: CompiledPhrase[];
}

/** One field of a paper, its sentences split only when a `~` phrase needs them. */
class Field {
  readonly text: string;
  readonly lower: string;
  #sentences: { text: string; lower: string }[] | undefined;
  constructor(text: string) {
    this.text = text;
    this.lower = text.toLowerCase();
  }
  get sentences(): { text: string; lower: string }[] {
    return (this.#sentences ??= sentences(this.text).map((text) => ({ text, lower: text.toLowerCase() })));
  }
  has({ scope, parts }: CompiledPhrase): boolean {
    if (!matches(parts, this.text, this.lower)) return false;
    return scope === 'field' || this.sentences.some((s) => matches(parts, s.text, s.lower));
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
  const compiled: CompiledTheme[] = taxonomy.map((theme) => ({
    id: theme.id,
    threshold: theme.threshold,
    phrases: theme.phrases.map(({ match, weight }) => {
      const { scope, parts } = phraseParts(match);
      return { phrase: match, weight, scope, parts: parts.map(compilePart) };
    }),
  }));

  return (title, abstract) => {
    const titleField = new Field(title);
    const abstractField = new Field(abstract);
    const themes: string[] = [];
    const scores: Record<string, number> = {};
    const evidence: Record<string, Evidence[]> = {};
    for (const theme of compiled) {
      let score = 0;
      const found: Evidence[] = [];
      for (const compiledPhrase of theme.phrases) {
        const { phrase, weight } = compiledPhrase;
        if (titleField.has(compiledPhrase)) {
          score += weight * TITLE_FACTOR;
          if (weight > 0) found.push({ phrase, field: 'title' });
        }
        if (abstractField.has(compiledPhrase)) {
          score += weight;
          if (weight > 0) found.push({ phrase, field: 'abstract' });
        }
      }
      scores[theme.id] = score;
      if (found.length > 0) evidence[theme.id] = found;
      if (score >= theme.threshold) themes.push(theme.id);
    }
    return { themes, scores, evidence };
  };
}

/**
 * `kv cache` → matches "KV cache", "KV-cache", "kv  cache" as whole words;
 * `transformer*` → also "transformers", "transformer-based"; `combin* convolution*` → "combining convolutions".
 */
export function phrasePattern(phrase: string): RegExp {
  const words = phrase.trim().split(/[\s-]+/u).map((word) => (word.endsWith('*') ? `${escapeRegExp(word.slice(0, -1))}[\\p{L}\\p{N}]*` : escapeRegExp(word)));
  return new RegExp(`(?<![\\p{L}\\p{N}])${words.join('[\\s\\-]+')}(?![\\p{L}\\p{N}])`, 'iu');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
