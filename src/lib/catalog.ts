/**
 * Read access to the two collections, in the orders the pages show them. Pages call these
 * instead of `getCollection` so sorting and theme lookup live in one place.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { contentPaths } from './content-dir.ts';
import { compareText } from './format.ts';
import { dataParts, isLargeCatalog, searchParts } from './large-catalog.ts';
import { pagesOf, pageParam, SHELF_PAGE_SIZE, type Page } from './paginate.ts';
import { UNSORTED_ID, UNSORTED_NAME } from './paths.ts';
import { relatedPapers, termSpace, type Doc, type Related, type TermSpace } from './related.ts';

export type PaperEntry = CollectionEntry<'papers'>;
export type ThemeEntry = CollectionEntry<'themes'>;

/** Alphabetical by title, ignoring case and accents; the id breaks ties so output is stable. */
export function byTitle(a: PaperEntry, b: PaperEntry): number {
  return compareText(a.data.title, b.data.title) || a.id.localeCompare(b.id);
}

/**
 * The day a paper is new as of: when a listing showed it, else when it came out (a catalog of
 * .bib, RIS or CSL exports has no listing dates); '' when no source dates it.
 */
export const newAsOf = ({ data }: Pick<PaperEntry, 'data'>): string => data.listedOn ?? data.published ?? '';

/** Newest first, by `newAsOf`; papers without a known date go last; then by title. */
export function byNewestThenTitle(a: PaperEntry, b: PaperEntry): number {
  // ISO dates, whole or partial, compare correctly as strings; '' sorts below every date.
  return newAsOf(b).localeCompare(newAsOf(a)) || byTitle(a, b);
}

/** Every published paper, alphabetical by title; papers a maintainer hid stay on disk only. */
export async function getPapers(): Promise<PaperEntry[]> {
  return (await getCollection('papers', (paper) => !paper.data.hidden)).sort(byTitle);
}

// The collection hands entries back sorted by id; the file's order is the one maintainers chose.
const taxonomyOrder = (parse(readFileSync(contentPaths().themes, 'utf8')) as { id: string }[]).map((theme) => theme.id);

/** The taxonomy in `content/themes.yaml` order. */
export async function getThemes(): Promise<ThemeEntry[]> {
  const themes = await getCollection('themes');
  return themes.sort((a, b) => taxonomyOrder.indexOf(a.id) - taxonomyOrder.indexOf(b.id));
}

/**
 * One static route per shelf, the Unsorted one included, with its name and every paper on it:
 * for files made per shelf (feed, .bib).
 */
export async function themeFilePaths() {
  const [papers, themes] = await Promise.all([getPapers(), getThemes()]);
  return [
    ...themes.map((theme) => ({ params: { theme: theme.id }, props: { name: theme.data.name, papers: papers.filter((p) => p.data.themes.includes(theme.id)) } })),
    { params: { theme: UNSORTED_ID }, props: { name: UNSORTED_NAME, papers: papers.filter((p) => p.data.themes.length === 0) } },
  ];
}

/**
 * Resolves a paper's theme ids against the taxonomy. An unknown id means the taxonomy and
 * the papers disagree (a theme was renamed or removed without re-running the ingest), so
 * the build stops instead of publishing a broken link.
 */
export function themesOf(paper: PaperEntry, themes: ThemeEntry[]): ThemeEntry[] {
  return paper.data.themes.map((id) => {
    const theme = themes.find((t) => t.id === id);
    if (!theme) throw new Error(`Paper "${paper.id}" has theme "${id}", which is not in content/themes.yaml`);
    return theme;
  });
}

let published: Promise<number> | undefined;
/** How many papers are published: counted once per build, as every page asks. */
const publishedCount = () => (published ??= getCollection('papers', (paper) => !paper.data.hidden).then((papers) => papers.length));

/** Whether the catalog is built as a large one (src/lib/large-catalog.ts). */
export async function getLargeCatalog(): Promise<boolean> {
  return isLargeCatalog(await publishedCount());
}

/** How many files the data export is in (src/lib/large-catalog.ts). */
export async function getDataParts(): Promise<number> {
  const papers = await publishedCount();
  return dataParts(papers, isLargeCatalog(papers));
}

/** How many parts the search index is made in (src/lib/large-catalog.ts). */
export async function getSearchParts(): Promise<number> {
  const papers = await publishedCount();
  return searchParts(papers, isLargeCatalog(papers));
}

let space: Promise<{ docs: Doc[]; space: TermSpace }> | undefined;

/** The catalog's TF-IDF space (src/lib/related.ts), over every published paper in title order; computed once per build. */
export function getTermSpace(): Promise<{ docs: Doc[]; space: TermSpace }> {
  space ??= getPapers().then((papers) => {
    const docs = papers.map(({ id, data }) => ({ id, title: data.title, abstract: data.abstract ?? '' }));
    return { docs, space: termSpace(docs) };
  });
  return space;
}

let related: Promise<Map<string, Related[]>> | undefined;

/** Each paper's most related papers, computed once per build and shared by every page. */
export function getRelated(): Promise<Map<string, Related[]>> {
  related ??= getTermSpace().then(({ docs, space }) => relatedPapers(docs, 5, space));
  return related;
}

/** A shelf's pages, newest first, with the route parameter of each. */
export function shelfPages(papers: PaperEntry[]): { param: string | undefined; page: Page<PaperEntry>; total: number }[] {
  return pagesOf(papers.toSorted(byNewestThenTitle), SHELF_PAGE_SIZE).map((page) => ({ param: pageParam(page.number), page, total: papers.length }));
}
