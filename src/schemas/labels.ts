import { z } from 'astro/zod';
import { slugId } from './id.ts';

/** One person's (or two people's) decision: does this paper belong on this shelf? */
export const themeLabel = z.strictObject({
  /** A paper id in `content/papers/`, or a training paper's id in `content/training-papers.yaml`. */
  paper: slugId,
  /** A theme id from `content/themes.yaml`. */
  theme: slugId,
  /** The decision. */
  label: z.enum(['yes', 'no']),
  /** Who decided, e.g. "two labellers", "adjudicated", or a maintainer's name from `themes:review`. */
  by: z.string().min(1),
});

/** `content/theme-labels.yaml`: what people decided, the theme models' training data. */
export const themeLabelsSchema = z.strictObject({
  /** The decisions, in the order they were made; empty when absent or left blank (`labels:`). */
  labels: z
    .array(themeLabel)
    .nullable()
    .default([])
    .transform((rows) => rows ?? []),
});

/** A paper that teaches the theme models without being in the catalog. */
export const trainingPaper = z.strictObject({
  /** Unique among training papers; the id of a catalog paper only if it is that paper (the same title). */
  id: slugId,
  /** The paper's real title. */
  title: z.string().min(1),
  /** What the paper does, in our own words (not the authors' abstract). */
  abstract: z.string().min(1),
  /** Year it first appeared. */
  year: z.number().int().optional(),
});

/** `content/training-papers.yaml`: labelled papers kept apart from the listings. */
export const trainingPapersSchema = z
  .strictObject({
    /** The papers, each with an id of its own that labels name. */
    papers: z.array(trainingPaper).default([]),
  })
  .superRefine(({ papers }, context) => {
    // Two papers under one id would teach the models only one of them, and their labels would mix.
    const seen = new Set<string>();
    papers.forEach(({ id }, index) => {
      if (seen.has(id)) context.addIssue({ code: 'custom', path: ['papers', index, 'id'], message: `"${id}" is the id of an earlier training paper; give each its own` });
      seen.add(id);
    });
  });

export type ThemeLabel = z.infer<typeof themeLabel>;
export type ThemeLabels = z.infer<typeof themeLabelsSchema>;
export type TrainingPaper = z.infer<typeof trainingPaper>;
