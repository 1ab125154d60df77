import { z } from 'astro/zod';
import { MAX_ID_LENGTH, slugId } from './id.ts';

/** A maintainer's decisions about one paper, kept across every re-ingest. */
export const paperCuration = z
  .strictObject({
    /** Theme ids to add, whatever the rules say. */
    addThemes: z.array(z.string()).default([]),
    /** Theme ids to take away, whatever the rules say. */
    removeThemes: z.array(z.string()).default([]),
    /** Keep the paper out of the published catalog (its file stays, with its notes). */
    hidden: z.boolean({ error: 'expected true or false (YAML reads yes, no, on and off as text)' }).default(false),
    /** Give the paper this id (and URL) instead; the old one keeps working as a redirect. At most `MAX_ID_LENGTH` characters, like the ids the ingest makes from titles (src/ingest/slug.ts). */
    renameTo: slugId.max(MAX_ID_LENGTH, `expected at most ${MAX_ID_LENGTH} characters`).optional(),
    /** Why, for the next maintainer; not published. */
    reason: z.string().optional(),
  })
  .superRefine(({ addThemes, removeThemes }, context) => {
    // Both at once would leave the outcome to the rules, which the decision was meant to override.
    removeThemes.forEach((theme, index) => {
      if (addThemes.includes(theme)) context.addIssue({ code: 'custom', path: ['removeThemes', index], message: `"${theme}" is both added and removed; keep it in one of addThemes and removeThemes` });
    });
  });

/** `content/curation.yaml`: paper id → decisions. */
export const curationSchema = z.strictObject({
  /** Decisions by paper id; an id that is no paper's is a warning at its line. */
  papers: z.record(z.string(), paperCuration).default({}),
});

export type PaperCuration = z.infer<typeof paperCuration>;
export type Curation = z.infer<typeof curationSchema>;
