import { z } from 'astro/zod';
import { slugId } from './id.ts';
import { UNSORTED_ID } from '../lib/paths.ts';

/**
 * A word of a phrase is letters and digits, as the words of a paper are; inside it only an
 * apostrophe (Bayes's), a point between digits (3.5) or a trailing plus (C++) is text to find.
 * Anything else (a bracket, "_", "?", a "*" mid-word) would be looked for literally and match
 * nothing, and a shelf that quietly never fills is worse than an error.
 */
const PHRASE_WORD = /^[\p{L}\p{N}]+(?:(?:['’]|(?<=\p{N})\.(?=\p{N}))[\p{L}\p{N}]+)*\+*$/u;

/** The words of one part of a phrase (between `&` or `~`): a space or "-" separates them, and matches either. */
export function phraseWords(part: string): string[] {
  return part.split(/[\s-]+/u).filter(Boolean);
}

function wordProblem(word: string): string | undefined {
  const bare = word.endsWith('*') ? word.slice(0, -1) : word;
  // A lone "*" ("reflow *") has no word to end.
  if (bare.includes('*') || bare === '') return `"${word}": "*" goes only at the end of a word, where it matches any ending`;
  if (PHRASE_WORD.test(bare)) return undefined;
  const stray = [...bare].find((c) => !/[\p{L}\p{N}]/u.test(c));
  return `"${word}" has "${stray}": a phrase is words of letters and digits, separated by spaces or "-", with "*" at a word's end for any ending`;
}

/** More words than a phrase worth looking for has. */
const MAX_PHRASE_WORDS = 20;

/** Far past any useful weight (a theme's threshold is a few points), and far from where sums of them overflow. */
const MAX_WEIGHT = 1000;

/** A phrase the classifier looks for, with what a match is worth. */
export const themePhrase = z.strictObject({
  /** Words to find, case-insensitive, on word boundaries; a space also matches `-`. A trailing `*` matches any word ending; `a & b` needs both in the same field, `a ~ b` both in the same sentence (one scope per phrase). */
  match: z
    .string()
    // A phrase is a few words; one of thousands becomes a pattern the regular-expression engine cannot compile.
    .refine((m) => phraseWords(m.replace(/[&~]/g, ' ')).length <= MAX_PHRASE_WORDS, `a phrase has at most ${MAX_PHRASE_WORDS} words`)
    .refine((m) => !(m.includes('&') && m.includes('~')), 'use either "&" (same field) or "~" (same sentence) in one phrase, not both')
    // A part without a letter or digit ("", "*", the side of a stray "&") matches every paper.
    .refine((m) => m.split(/[&~]/).every((part) => /[\p{L}\p{N}]/u.test(part)), 'needs a word, and one on each side of every "&" or "~"; a part without one would match every paper')
    .superRefine((m, context) => {
      const problem = m.split(/[&~]/).flatMap(phraseWords).map(wordProblem).find(Boolean);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    }),
  /**
   * Score a match adds; negative for false friends ("optical flow" is not a flow model). Bounded:
   * weights of ±1e308 summed to infinities whose difference is no number, and the theme emptied.
   */
  weight: z.number().min(-MAX_WEIGHT, `a weight is at least -${MAX_WEIGHT}`).max(MAX_WEIGHT, `a weight is at most ${MAX_WEIGHT}`),
});

/** One theme of the taxonomy in `content/themes.yaml`. */
export const themeSchema = z.strictObject({
  /** Permanent id; the theme's URL segment. */
  id: slugId,
  /** Short name shown in lists and chips. */
  name: z.string().min(1),
  /** Two sentences for the theme's page, lists and link previews: what the shelf is about. */
  description: z.string().min(1),
  /** The full definition, shown behind a disclosure on the theme's page: what belongs here, and what does not. */
  scope: z.strictObject({ in: z.string().min(1), out: z.string().min(1) }).optional(),
  /** Phrases and their weights; a match in the title counts twice (`TITLE_FACTOR` in src/ingest/classify.ts). Each once: a second entry would add its weight again. */
  phrases: z
    .array(themePhrase)
    .min(1)
    .superRefine((phrases, context) => {
      // Two spellings that match the same text are the same phrase: case is ignored, and a space also matches "-".
      const seen = new Set<string>();
      phrases.forEach(({ match }, index) => {
        const words = phraseWords(match.toLowerCase()).join(' ');
        if (seen.has(words)) context.addIssue({ code: 'custom', path: [index, 'match'], message: `"${words}" is already a phrase of this theme; keep one entry, with the weight it should add` });
        seen.add(words);
      });
    }),
  /** Score a paper needs to be shelved here. */
  threshold: z.number().positive(),
});

/** `content/themes.yaml`: the shelves, in the order the site lists them; ids unique, none "unsorted". */
export const taxonomySchema = z.array(themeSchema).superRefine((themes, ctx) => {
  const seen = new Set<string>();
  for (const [i, theme] of themes.entries()) {
    if (seen.has(theme.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate theme id "${theme.id}"` });
    // The shelf of papers with no theme has its own page under that id.
    if (theme.id === UNSORTED_ID) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `"${UNSORTED_ID}" is the shelf of papers with no theme; choose another id` });
    seen.add(theme.id);
  }
});

export type Theme = z.infer<typeof themeSchema>;
export type ThemePhrase = z.infer<typeof themePhrase>;
