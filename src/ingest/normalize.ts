import { remembered } from '../lib/remembered.ts';

/**
 * The identity of a title across sources: the same paper is listed with different case,
 * spacing or Unicode forms ("ﬁ" vs "fi", non-breaking spaces), and a .bib reads its TeX where
 * a listing shows it raw: `--` is an en dash there, ``` `` ``` a curly quote, and `$α$` plain α.
 * So quotes count as one of a kind, any dash as a space (a compound is written "Low-Cost" in one
 * source and "Low Cost" in another), and math delimiters and a closing period not at all.
 */
export const titleKey: (title: string) => string = remembered(
  (title) =>
    title
      .replace(/[\u2018\u2019\u201A\u201B`´]/gu, "'") // before NFKC, which makes ´ a space and an accent
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[-\u2010-\u2015\u2212]+/gu, ' ')
      .replace(/[\u201C-\u201F]|''/gu, '"')
      .replace(/\$/g, '')
      .replace(/\s+/gu, ' ')
      // Google Scholar's exports end a title with a period that no other source writes.
      .replace(/[\s.]+$/u, '')
      .trim(),
  // Each abstract is keyed twice on a re-ingest: from its source, and from its paper's file.
  50_000,
);
