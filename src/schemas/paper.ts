import { z } from 'astro/zod';
import { slugId } from './id.ts';

/** An ISO calendar date, `YYYY-MM-DD`, kept as a string so YAML never turns it into a timestamp; a day that does not exist (2025-02-30) is refused. */
export const isoDate = z.iso.date({ error: 'expected a date as YYYY-MM-DD, a day of the calendar' });

/** Why a paper is on one shelf. */
export const themeEvidence = z.object({
  /** What decided: a person's label, the theme's model (with the rules as a second signal), or the rules alone. */
  by: z.enum(['label', 'model', 'rules']),
  /** The model's calibrated probability that the paper belongs here, to two decimals; null when no model scored it. */
  score: z.number().min(0).max(1).nullable(),
  /** The theme's phrases that matched, and where. */
  phrases: z.array(
    z.object({
      /** The phrase as `content/themes.yaml` writes it. */
      phrase: z.string(),
      /** Where it matched. */
      field: z.enum(['title', 'abstract']),
    }),
  ),
  /** The paper's terms that weigh most in the model's decision, strongest first. */
  terms: z.array(z.string()),
});

/**
 * A date as precise as its source: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a `.bib` often gives only
 * a year), of the calendar: month 13 or February 30 is refused, as the ingest's readers refuse it.
 */
export const partialDate = z
  .string()
  .regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/, 'expected a date as YYYY, YYYY-MM or YYYY-MM-DD')
  .refine((date) => date.length === 4 || isoDate.safeParse(date.length === 7 ? `${date}-01` : date).success, 'expected a month or day of the calendar');

/** Where one occurrence of a paper was found. */
export const sourceRef = z
  .object({
    /** File name of the source in `content/sources/`. */
    listing: z.string().min(1),
    /**
     * 1-based line where the paper starts in that file (its title, `<entry>`, JSON object), for a
     * file that does not name its entries. An entry with a key is found by it: its line moves
     * whenever an entry above it is added or removed, and would change every paper file after it.
     */
    line: z.number().int().positive().optional(),
    /** The entry's own name in that file (BibTeX key, CSL id, arXiv id), for files that name their entries. */
    key: z.string().min(1).optional(),
  })
  .refine((ref) => ref.line !== undefined || ref.key !== undefined, 'a source names the entry\'s line or its key');

/** Where a paper was published, when a source says. */
export const venueSchema = z.object({
  /**
   * What the paper appeared in or was issued by, as the source writes it: a journal, proceedings,
   * the book holding a chapter, a book's publisher, a thesis's university, a report's
   * institution. Data, rendered as text.
   */
  name: z.string().min(1),
  /** What kind of publication the paper is, which decides how every format cites it (`@article`, `@inproceedings`, `@book`, `@incollection`, `@phdthesis`, `@techreport`, else `@misc`). */
  kind: z.enum(['journal', 'proceedings', 'book', 'chapter', 'thesis', 'report', 'other']),
  /** A thesis's or report's own kind, as the source names it ("PhD thesis", "Master's thesis", "Technical report"). Data, rendered as text. */
  genre: z.string().min(1).optional(),
  /** When it appeared there, as the source that names the venue dates it: what a citation gives (a conference paper often appears a year after its preprint). */
  date: partialDate.optional(),
  /** The volume, as that source gives it, for citations. Data, rendered as text. */
  volume: z.string().min(1).optional(),
  /** The issue (a report's number), as that source gives it. Data, rendered as text. */
  issue: z.string().min(1).optional(),
  /** A page, an article number ("e1004") or a range, written whole with a hyphen ("1735-1780"). Data, rendered as text. */
  pages: z.string().min(1).optional(),
});

const httpUrl = z.url({ protocol: /^https?$/ });

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
  /** Abstract exactly as the richest source gives it, trimmed; null when no source has one. Data, rendered as text. */
  abstract: z.string().min(1).nullable(),
  /** Theme ids from `content/themes.yaml`, in taxonomy order. */
  themes: z.array(z.string()),
  /** For each theme in `themes`, why the paper is there: who or what decided, and on what evidence. */
  evidence: z.record(z.string(), themeEvidence),
  /** Themes a maintainer added or removed in `content/curation.yaml`, already applied to `themes`. */
  curated: z.object({ added: z.array(z.string()), removed: z.array(z.string()) }),
  /** Hidden by a maintainer: kept on disk, left out of the published catalog. */
  hidden: z.boolean(),
  /** Code and project links found in the abstract, cleaned, http(s) only. */
  links: z.array(httpUrl),
  /** Links by kind, from sources that name them (Hugging Face, arXiv, a `.bib` url), else the first code host link in the abstract. */
  linksByKind: z.object({
    /** The code repository. */
    code: httpUrl.nullable(),
    /** The project page. */
    project: httpUrl.nullable(),
    /** The PDF. */
    pdf: httpUrl.nullable(),
    /** The paper's own page at its publisher, venue or lab, from a source's URL field (a `.bib` url, an RIS UR); absent when none names one. */
    page: httpUrl.optional(),
  }),
  /** Author names in order, as the richest source writes them; empty when no source names them. Data, rendered as text. */
  authors: z.array(z.string().min(1)),
  /**
   * The family part of names whose source states one, by name: "Claude E. Shannon" → "Shannon",
   * "Victor Garcia Satorras" → "Garcia Satorras"; a name whose source gives it whole (an
   * organisation) → the name itself. Read by the citations; absent when no source states one.
   */
  familyNames: z.record(z.string(), z.string().min(1)).optional(),
  /** Number of authors: of `authors` when names are known (at least that many when `etAl`), else as a listing shows it. */
  authorsCount: z.number().int().positive().nullable(),
  /** The named authors are not all of them (a source wrote "and others", or counted more): shown and cited as "et al.". Absent otherwise. */
  etAl: z.literal(true).optional(),
  /** Submitting organisation shown instead of an author count, when it is. */
  org: z.string().min(1).nullable(),
  /** Day the paper was listed, when the listing says (never guessed). */
  listedOn: isoDate.nullable(),
  /** Upvotes shown by the listing, when it shows them. */
  upvotes: z.number().int().nonnegative().nullable(),
  /** arXiv identifier without version (`2312.00752`, `hep-ex/0307015`), when a source gives it. */
  arxivId: z.string().regex(/^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})$/).nullable(),
  /** arXiv primary category (`cs.LG`), for citations. */
  arxivCategory: z.string().min(1).nullable(),
  /** DOI without resolver prefix (`10.1145/…`). */
  doi: z.string().regex(/^10\.\d{4,9}\/\S+$/).nullable(),
  /** Where the paper was published, when a source names a venue; null for a preprint alone. */
  venue: venueSchema.nullable(),
  /** First publication (arXiv v1, journal issue), as precise as the source; distinct from `listedOn`. */
  published: partialDate.nullable(),
  /** Every source file the paper was found in, in file order. */
  sources: z.array(sourceRef).min(1),
});

export type Paper = z.infer<typeof paperSchema>;
export type SourceRef = z.infer<typeof sourceRef>;
export type ThemeEvidence = z.infer<typeof themeEvidence>;
export type Venue = z.infer<typeof venueSchema>;

/** One entry of `content/sources/sources.yaml`, for a source file of any format. */
export const listingManifestEntry = z.strictObject({
  /** File name in `content/sources/`. */
  file: z.string().min(1),
  /** Human name of the source, shown on paper pages; without one, the file name is shown. */
  label: z.string().min(1).optional(),
  /** Day the page or response was captured; resolves listing dates shown without a year. */
  captured: isoDate.optional(),
});

export const listingManifest = z
  .strictObject({
    /** Empty (`listings:` with nothing under it) while a catalog has no labelled sources yet. */
    listings: z
      .array(listingManifestEntry)
      .nullable()
      .transform((listings) => listings ?? []),
  })
  .superRefine(({ listings }, context) => {
    // Two entries for one file would leave its label and capture day to whichever came last.
    const seen = new Set<string>();
    listings.forEach(({ file }, index) => {
      if (seen.has(file)) context.addIssue({ code: 'custom', path: ['listings', index, 'file'], message: `"${file}" is listed twice; keep one entry for it` });
      seen.add(file);
    });
  });

export type ListingManifestEntry = z.infer<typeof listingManifestEntry>;
