import { cardPath, OFFLINE_ZIP_PATH } from './paths.ts';

/**
 * What changes when a catalog is large: the one place that decides it. GitHub Pages takes a site
 * of 1 GB with no file over 100 MB, and a few of the site's files grow with every paper; past
 * LARGE_CATALOG published papers (12,000 unless set) the site leaves them out:
 *
 * - the offline edition's zip (193 MB at 30,000 synthetic papers, over 100 MB from about
 *   15,000) is published beside the site, as a release asset, instead of on it;
 * - paper pages share their first theme's preview card (340 MB of cards at 30,000), except the
 *   papers people wrote notes on, which keep a card of their own;
 * - the search index is made in parts of SEARCH_PART_PAPERS papers, one Pagefind run each, which
 *   the browser merges: Pagefind holds about 110 KB per paper page while it indexes, 3.4 GB for
 *   one index of 30,000;
 * - the data export `papers.json` becomes an index of parts of DATA_PART_PAPERS papers
 *   (`papers.json` was 221 MB at 100,000 papers).
 *
 * Pure but for reading the environment, so the pages, the cards and the offline edition decide alike.
 */
import { typedNumber } from './numbers.ts';

/** Published papers from which a catalog is large, unless LARGE_CATALOG says otherwise. */
export const LARGE_CATALOG_PAPERS = 12_000;

/** A count of papers from the variable `name`, or `fallback` when it is unset. */
function papersVariable(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const papers = typedNumber(value);
  if (!(papers >= 1)) throw new Error(`${name} must be a whole number of papers, not "${value}"`);
  return papers;
}

/** Published papers from which a catalog is large: LARGE_CATALOG (a whole number), else 12,000. */
export function largeCatalogFrom(env: NodeJS.ProcessEnv = process.env): number {
  return papersVariable(env, 'LARGE_CATALOG', LARGE_CATALOG_PAPERS);
}

/** Whether a catalog of `papers` published papers is built as a large one. */
export function isLargeCatalog(papers: number, env: NodeJS.ProcessEnv = process.env): boolean {
  return papers >= largeCatalogFrom(env);
}

/** What decides a paper's preview card. */
export interface CardOwner {
  id: string;
  /** Its theme ids, first the one its card shows when it has none of its own. */
  themes: readonly string[];
  /** Whether people wrote notes on it. */
  notes: boolean;
}

/** Whether a paper has a preview card of its own: always, but in a large catalog only when people wrote notes on it. */
export function ownsCard(paper: Pick<CardOwner, 'notes'>, large: boolean): boolean {
  return !large || paper.notes;
}

/** The card a paper page shows: its own, else its first theme's (the site's when it is on no shelf). */
export function paperCard(paper: CardOwner, large: boolean): string {
  if (ownsCard(paper, large)) return cardPath('paper', paper.id);
  return paper.themes[0] ? cardPath('theme', paper.themes[0]) : cardPath('site');
}

/**
 * Where readers download the offline edition: the site's own copy (a site path), or for a large
 * catalog the release asset at OFFLINE_ZIP_URL (an absolute URL), or nowhere when that is unset.
 */
export function offlineZipLink(large: boolean, env: NodeJS.ProcessEnv = process.env): { href: string; onSite: boolean } | null {
  if (!large) return { href: OFFLINE_ZIP_PATH, onSite: true };
  return env.OFFLINE_ZIP_URL ? { href: env.OFFLINE_ZIP_URL, onSite: false } : null;
}

/**
 * Papers per part of a large catalog's search index, unless SEARCH_PART_PAPERS says otherwise: one
 * Pagefind run over this many synthetic papers needs about 1.8 GB (longer abstracts need more).
 * Each part a search loads costs its own page list and the index chunks around the query's words:
 * at 30,000 papers, three parts of 10,000 made a search for `transformer` fetch 592 KiB, two of
 * 15,000 552 KiB.
 */
export const SEARCH_PART_PAPERS = 15_000;

/** How many parts the search index of a catalog of `papers` published papers is made in. */
export function searchParts(papers: number, large: boolean, env: NodeJS.ProcessEnv = process.env): number {
  return large ? Math.max(1, Math.ceil(papers / papersVariable(env, 'SEARCH_PART_PAPERS', SEARCH_PART_PAPERS))) : 1;
}

/**
 * Papers per file of a large catalog's data export, unless DATA_PART_PAPERS says otherwise. The
 * export is about 2.2 KB a paper, so one `papers.json` passes Pages' 100 MB a file at about
 * 45,000 papers; a part of 10,000 is about 22 MB.
 */
export const DATA_PART_PAPERS = 10_000;

/**
 * How many files the data export is in: 1 (`papers.json` itself) unless the catalog is large, and
 * then `papers.json` is an index of parts (src/lib/papers-json.ts).
 */
export function dataParts(papers: number, large: boolean, env: NodeJS.ProcessEnv = process.env): number {
  return large ? Math.max(1, Math.ceil(papers / papersVariable(env, 'DATA_PART_PAPERS', DATA_PART_PAPERS))) : 1;
}
