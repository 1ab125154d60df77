import type { Theme } from '../schemas/theme.ts';

/** A title states what a paper is about; its abstract also mentions what it is not. */
export const TITLE_FACTOR = 2;

/** Why a paper is in a theme: each phrase that matched, and where. */
export interface Evidence {
  phrase: string;
  field: 'title' | 'abstract';
}

export interface Classification {
  /** Theme ids, in taxonomy order. */
  themes: string[];
  /** For each assigned theme, the positive matches that put the paper there. */
  evidence: Record<string, Evidence[]>;
}

interface CompiledTheme {
  id: string;
  threshold: number;
  phrases: { phrase: string; weight: number; patterns: RegExp[] }[];
}

/**
 * Compiles the taxonomy's phrases once; the returned function scores one paper.
 * A phrase like `convolution* & attention` needs all its parts in the same field.
 * A phrase scores its weight once per field it occurs in, the title `TITLE_FACTOR` times;
 * a paper joins each theme whose total reaches the theme's threshold.
 */
export function createClassifier(taxonomy: readonly Theme[]): (title: string, abstract: string) => Classification {
  const compiled: CompiledTheme[] = taxonomy.map((theme) => ({
    id: theme.id,
    threshold: theme.threshold,
    phrases: theme.phrases.map(({ match, weight }) => ({ phrase: match, weight, patterns: match.split('&').map((part) => phrasePattern(part.trim())) })),
  }));

  return (title, abstract) => {
    const themes: string[] = [];
    const evidence: Record<string, Evidence[]> = {};
    for (const theme of compiled) {
      let score = 0;
      const found: Evidence[] = [];
      for (const { phrase, weight, patterns } of theme.phrases) {
        if (patterns.every((p) => p.test(title))) {
          score += weight * TITLE_FACTOR;
          if (weight > 0) found.push({ phrase, field: 'title' });
        }
        if (patterns.every((p) => p.test(abstract))) {
          score += weight;
          if (weight > 0) found.push({ phrase, field: 'abstract' });
        }
      }
      if (score >= theme.threshold) {
        themes.push(theme.id);
        evidence[theme.id] = found;
      }
    }
    return { themes, evidence };
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
