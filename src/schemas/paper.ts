import { z } from 'astro/zod';
import { slugId } from './id.ts';

/** An ISO calendar date, `YYYY-MM-DD`, kept as a string so YAML never turns it into a timestamp. */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

/** Why a paper is on one shelf. */
export const themeEvidence = z.object({
  /** What decided: a person's label, the theme's model (with the rules as a second signal), or the rules alone. */
  by: z.enum(['label', 'model', 'rules']),
  /** The model's calibrated probability that the paper belongs here, to two decimals; null when no model scored it. */
  score: z.number().min(0).max(1).nullable(),
  /** The theme's phrases that matched, and where. */
  phrases: z.array(z.object({ phrase: z.string(), field: z.enum(['title', 'abstract']) })),
  /** The paper's terms that weigh most in the model's decision, strongest first. */
  terms: z.array(z.string()),
});

/** Where one occurrence of a paper was found. */
export const sourceRef = z.object({
  /** File name of the listing in `content/sources/`. */
  listing: z.string().min(1),
  /** 1-based line of the paper's title in that listing. */
  line: z.number().int().positive(),
});

/**
 * The frontmatter of `content/papers/<id>.mdx`. The ingest owns every field here and
 * rewrites them on each run; the MDX body below the frontmatter belongs to people.
 * The Astro collection validates with this same schema, so the two can never drift.
 */
export const paperSchema = z.object({
  /** Permanent id; also the file name and the URL segment. Never recomputed once assigned. */
  id: slugId,
  /** Former ids of this paper; each still resolves, as a redirect page to the current URL. */
  aliases: z.array(slugId),
  /** Title exactly as listed (whitespace collapsed). Data, rendered as text. */
  title: z.string().min(1),
  /** Abstract exactly as listed, trimmed. Data, rendered as text. */
  abstract: z.string().min(1),
  /** Theme ids from `content/themes.yaml`, in taxonomy order. */
  themes: z.array(z.string()),
  /** For each theme in `themes`, why the paper is there: who or what decided, and on what evidence. */
  evidence: z.record(z.string(), themeEvidence),
  /** Themes a maintainer added or removed in `content/curation.yaml`, already applied to `themes`. */
  curated: z.object({ added: z.array(z.string()), removed: z.array(z.string()) }),
  /** Hidden by a maintainer: kept on disk, left out of the published catalog. */
  hidden: z.boolean(),
  /** Code and project links found in the abstract, cleaned, http(s) only. */
  links: z.array(z.url({ protocol: /^https?$/ })),
  /** Number of authors shown by the listing, when it shows one. */
  authorsCount: z.number().int().positive().nullable(),
  /** Submitting organisation shown instead of an author count, when it is. */
  org: z.string().min(1).nullable(),
  /** Day the paper was listed, when the listing says (never guessed). */
  listedOn: isoDate.nullable(),
  /** Upvotes shown by the listing, when it shows them. */
  upvotes: z.number().int().nonnegative().nullable(),
  /** Every listing the paper was found in, in listing order. */
  sources: z.array(sourceRef).min(1),
});

export type Paper = z.infer<typeof paperSchema>;
export type SourceRef = z.infer<typeof sourceRef>;
export type ThemeEvidence = z.infer<typeof themeEvidence>;

/** One entry of `content/sources/sources.yaml`. */
export const listingManifestEntry = z.object({
  /** File name in `content/sources/`. */
  file: z.string().min(1),
  /** Human name of the listing. */
  label: z.string().min(1),
  /** Day the page was captured; resolves dates shown without a year. */
  captured: isoDate.optional(),
});

export const listingManifest = z.object({
  listings: z.array(listingManifestEntry),
});

export type ListingManifestEntry = z.infer<typeof listingManifestEntry>;
