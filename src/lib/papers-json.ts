/**
 * The catalog's data export, for programs: one object per published paper, its keys in a fixed
 * order (a source's `line` and `key`, and `linksByKind.page`, only where they exist), papers in id order (compared as code units, so no locale decides it).
 * Curation bookkeeping and people's notes stay out. A catalog that is not large has it all in
 * `papers.json`; a large one (src/lib/large-catalog.ts) in `papers-<n>.json` parts, which
 * `papers.json` then lists.
 */
import type { PaperEntry } from './catalog.ts';
import { paperSitePath, papersJsonPartPath } from './paths.ts';
import { absoluteUrl } from './urls.ts';

/** The export's row for one paper. */
export function paperRow({ id, data }: PaperEntry, site: URL | undefined) {
  return {
    id,
    url: absoluteUrl(paperSitePath(id), site),
    /** Former ids, whose URLs redirect here: a program keyed on ids maps old ones with them. */
    aliases: data.aliases,
    title: data.title,
    abstract: data.abstract,
    authors: data.authors,
    published: data.published,
    venue: data.venue,
    arxivId: data.arxivId,
    arxivCategory: data.arxivCategory,
    doi: data.doi,
    themes: data.themes,
    links: data.links,
    linksByKind: data.linksByKind,
    authorsCount: data.authorsCount,
    etAl: data.etAl === true,
    org: data.org,
    listedOn: data.listedOn,
    upvotes: data.upvotes,
    sources: data.sources.map(({ listing, line, key }) => ({ listing, ...(line ? { line } : {}), ...(key ? { key } : {}) })),
  };
}

/** The papers in the export's order. */
export function exportOrder(papers: readonly PaperEntry[]): PaperEntry[] {
  return papers.toSorted((a, b) => (a.id < b.id ? -1 : 1));
}

/** Part `part` (from 1) of `parts` of papers already in export order. */
function slice(ordered: readonly PaperEntry[], part: number, parts: number): PaperEntry[] {
  const size = Math.ceil(ordered.length / parts);
  return ordered.slice((part - 1) * size, part * size);
}

/** Part `part` (from 1) of `parts`: the papers, in export order, that its file holds. */
export function partOf(papers: readonly PaperEntry[], part: number, parts: number): PaperEntry[] {
  return slice(exportOrder(papers), part, parts);
}

/** A large catalog's `papers.json`: how many papers, and where each part is with its count and its first and last ids. */
export function partsIndex(papers: readonly PaperEntry[], parts: number, site: URL | undefined) {
  const ordered = exportOrder(papers);
  return {
    papers: papers.length,
    parts: Array.from({ length: parts }, (_, i) => {
      const held = slice(ordered, i + 1, parts);
      return { url: absoluteUrl(papersJsonPartPath(i + 1), site), papers: held.length, first: held[0]?.id ?? null, last: held.at(-1)?.id ?? null };
    }),
  };
}

/** The JSON text of a file of the export, as it is served. */
export function exportJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
