/**
 * Read access to the two collections, in the orders the pages show them. Pages call these
 * instead of `getCollection` so sorting and theme lookup live in one place.
 */
import { getCollection, type CollectionEntry } from 'astro:content';

export type PaperEntry = CollectionEntry<'papers'>;
export type ThemeEntry = CollectionEntry<'themes'>;

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Alphabetical by title, ignoring case and accents; the id breaks ties so output is stable. */
export function byTitle(a: PaperEntry, b: PaperEntry): number {
  return collator.compare(a.data.title, b.data.title) || a.id.localeCompare(b.id);
}

/** Newest listing first; papers without a known date go last; then by title. */
export function byNewestThenTitle(a: PaperEntry, b: PaperEntry): number {
  const da = a.data.listedOn ?? '';
  const db = b.data.listedOn ?? '';
  // ISO dates compare correctly as strings; '' sorts below every date.
  return db.localeCompare(da) || byTitle(a, b);
}

/** Every paper, alphabetical by title. */
export async function getPapers(): Promise<PaperEntry[]> {
  return (await getCollection('papers')).sort(byTitle);
}

/** The taxonomy in file order, which is the order maintainers chose. */
export async function getThemes(): Promise<ThemeEntry[]> {
  return getCollection('themes');
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
