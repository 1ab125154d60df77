import { resolveDate } from './dates.ts';
import { warning, type Diagnostic } from './diagnostics.ts';
import { titleKey } from './normalize.ts';
import type { ListedPaper } from './parse.ts';
import type { SourceRef } from '../schemas/paper.ts';

/** A listing after parsing, with what the manifest says about it. */
export interface Listing {
  /** File name in `content/sources/`. */
  file: string;
  /** Path shown in messages. */
  path: string;
  captured: string | undefined;
  papers: ListedPaper[];
}

/** One paper after merging every listing it appears in. */
export interface MergedPaper {
  key: string;
  title: string;
  abstract: string;
  authorsCount: number | null;
  org: string | null;
  listedOn: string | null;
  upvotes: number | null;
  sources: SourceRef[];
}

/**
 * Folds the listings into one record per paper. Listings are read in file-name order and
 * papers in line order, so every choice below is deterministic: the first listing to show
 * a title, an abstract or a piece of metadata is the one kept, and a different abstract
 * for the same title is reported rather than silently dropped.
 */
export function mergeListings(listings: Listing[]): { papers: MergedPaper[]; duplicates: number; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const byKey = new Map<string, MergedPaper>();
  let duplicates = 0;
  const ordered = [...listings].sort((a, b) => compare(a.file, b.file));

  for (const listing of ordered) {
    const undated = new Set<number>();
    for (const listed of listing.papers) {
      const listedOn = listed.date ? resolveDate(listed.date, listing.captured) : null;
      if (listed.date && !listedOn && listed.dateLine !== null) {
        if (listing.captured) diagnostics.push(warning(listing.path, listed.dateLine, `this date is not a day of ${listing.captured.slice(0, 4)} or the year before (the listing was captured ${listing.captured}); it is left out`));
        else undated.add(listed.dateLine);
      }
      const source = { listing: listing.file, line: listed.line };
      const key = titleKey(listed.title);
      const seen = byKey.get(key);
      if (!seen) {
        byKey.set(key, {
          key,
          title: listed.title,
          abstract: listed.abstract,
          authorsCount: listed.authorsCount,
          org: listed.org,
          listedOn,
          upvotes: listed.date?.upvotes ?? null,
          sources: [source],
        });
        continue;
      }
      duplicates++;
      if (seen.sources.some((s) => s.listing === listing.file)) {
        diagnostics.push(warning(listing.path, listed.line, `"${seen.title}" is listed twice in this file (first at line ${seen.sources.find((s) => s.listing === listing.file)!.line}); the copies are merged`));
      }
      if (listed.abstract !== seen.abstract) {
        const first = seen.sources[0]!;
        diagnostics.push(warning(listing.path, listed.line, `the abstract of "${seen.title}" differs from the one in ${first.listing}:${first.line}; that first one is kept`));
      }
      seen.sources.push(source);
      seen.authorsCount ??= listed.authorsCount;
      seen.org ??= listed.org;
      seen.listedOn ??= listedOn;
      seen.upvotes ??= listed.date?.upvotes ?? null;
    }
    if (undated.size > 0) {
      const first = Math.min(...undated);
      diagnostics.push(warning(listing.path, first, `${undated.size} listing date(s) have no year and this listing has no capture date; add \`captured: YYYY-MM-DD\` for ${listing.file} in content/sources/sources.yaml (until then these dates are left out, never guessed)`));
    }
  }
  const papers = [...byKey.values()].sort((a, b) => compare(a.key, b.key));
  return { papers, duplicates, diagnostics };
}

/** Code-point order: the same on every machine and locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
