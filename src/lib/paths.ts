import { slugId } from '../schemas/id.ts';

/**
 * The shapes of the catalog's paths, relative to the site root: the one place they are written.
 * Pure and free of the base path, so the Node-side steps (cards, the data export) use them too;
 * `src/lib/urls.ts` puts the base in front for links, by `joinBase`.
 */

/**
 * The ids of a paper page's own parts, which links name as fragments (`/papers/<id>/#cite`,
 * the skip link's `#main`): written here once, so a heading in the notes never takes one
 * (`noteHeadingIds` in notes-links.ts).
 */
export const PAPER_PAGE_IDS = { main: 'main', abstract: 'abstract', links: 'links', foundIn: 'found-in', cite: 'cite', citeBibtex: 'cite-bibtex', notes: 'notes', related: 'related' } as const;

/** `basePath` and `path` joined with one slash between them: how the base goes in front of a site path (`withBase` in urls.ts). */
export function joinBase(basePath: string, path: string): string {
  const head = basePath.endsWith('/') ? basePath : `${basePath}/`;
  return head + path.replace(/^\/+/, '');
}

/** A `srcset` with each candidate's URL changed by `change`, its descriptors (`2x`, `640w`) kept. */
export function mapSrcset(srcset: string, change: (url: string) => string): string {
  return srcset
    .split(',')
    .map((candidate) => {
      const match = /^(\s*)(\S+)(.*)$/s.exec(candidate);
      return match ? match[1]! + change(match[2]!) + match[3]! : candidate;
    })
    .join(',');
}

/** `papers/`: every paper, A–Z. */
export const PAPERS_INDEX = 'papers/';

/** `papers/<id>/`: a paper's page. */
export const paperSitePath = (id: string) => `${PAPERS_INDEX}${id}/`;

/** The id in a path from the site's root to a paper's page (`/papers/<id>/`, maybe with `#…` or `?…`), or null: `paperSitePath` read back. */
export function paperIdOfPath(path: string): string | null {
  return new RegExp(`^/${PAPERS_INDEX}([^/?#]+)/?(?:[?#].*)?$`).exec(path)?.[1] ?? null;
}

/** `themes/`: the folder of the shelves' pages. */
const THEMES_DIR = 'themes/';

/** `themes/<id>/`: the first page of a theme (and of Unsorted); its feed and .bib sit inside. */
export const themeSitePath = (id: string) => `${THEMES_DIR}${id}/`;

/** The theme id in a path from the site's root to a theme's pages or files (`/themes/<id>/`, `/themes/<id>/page/2/`, `…/feed.xml`), or null: `themeSitePath` read back. */
export function themeIdOfPath(path: string): string | null {
  return new RegExp(`^/${THEMES_DIR}([^/?#]+)(?:[/?#]|$)`).exec(path)?.[1] ?? null;
}

/** `themes/<id>/feed.xml`: a shelf's newest papers as RSS (src/pages/themes/[theme]/feed.xml.ts). */
export const themeFeedPath = (id: string) => `${themeSitePath(id)}${FEED_PATH}`;

/** `themes/<id>/papers.bib`: a shelf's papers as BibTeX (src/pages/themes/[theme]/papers.bib.ts). */
export const themeBibPath = (id: string) => `${themeSitePath(id)}papers.bib`;

/** `feed.xml`: the newest papers of the whole catalog as RSS (src/pages/feed.xml.ts). */
export const FEED_PATH = 'feed.xml';

/** `papers.json`: the data export, or a large catalog's index of its parts (src/pages/papers.json.ts). */
export const PAPERS_JSON_PATH = 'papers.json';

/** The theme id the shelf of papers with no theme goes by, so it sits at `themes/unsorted/`; no theme may take it. */
export const UNSORTED_ID = 'unsorted';
/** That shelf's name, as its page, the home page and its files show it. */
export const UNSORTED_NAME = 'Unsorted';

/** `authors/`: every author, A–Z. */
export const AUTHORS_INDEX = 'authors/';

/** `authors/<slug>/`: the page of an author (see `authorSlug`). */
export const authorSitePath = (slug: string) => `${AUTHORS_INDEX}${slug}/`;

/** The slug in a path from the site's root to an author's page (`/authors/<slug>/`, maybe with `#…` or `?…`), or null: `authorSitePath` read back. */
export function authorSlugOfPath(path: string): string | null {
  return new RegExp(`^/${AUTHORS_INDEX}([^/?#]+)/?(?:[?#].*)?$`).exec(path)?.[1] ?? null;
}

/** `search/`: the search page, which the search forms submit to. */
export const SEARCH_PATH = 'search/';

/** `papers-<n>.json`, from 1: one part of a large catalog's data export. */
export const papersJsonPartPath = (part: number) => `papers-${part}.json`;

/** What kind of page a preview card is for. */
export type CardKind = 'paper' | 'theme' | 'site';

/** The folder of the preview cards. */
export const CARDS_DIR = 'cards';

/** The folders of the papers' and the themes' cards (the site's own card sits in `CARDS_DIR`). */
export const CARD_FOLDERS = { paper: `${CARDS_DIR}/papers`, theme: `${CARDS_DIR}/themes` } as const;

/** Where a card goes: what a page's `og:image` points at. The id names a file, so it must be a slug. */
export function cardPath(kind: CardKind, id = ''): string {
  if (kind === 'site') return `${CARDS_DIR}/site.png`;
  if (!slugId.safeParse(id).success) throw new Error(`cards: "${id}" is not a slug, so it can't name a card file`);
  return `${CARD_FOLDERS[kind]}/${id}.png`;
}

/** The offline edition, zipped, that the site offers for download (made by src/offline/edition.ts). */
export const OFFLINE_ZIP_PATH = 'shelfmark-offline.zip';
